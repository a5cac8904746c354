-- Administration without SQL: queues and agents are created and tuned through the API and CLI (io.aftercare.queues,
-- io.aftercare.agents). Same file for SQLite and PostgreSQL.

-- How app_queue rings this queue's members, as queues.conf says; a hint for people, aftercare does not ring.
ALTER TABLE queues ADD COLUMN strategy TEXT NOT NULL DEFAULT ''
    CHECK (strategy IN ('', 'ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'linear', 'wrandom',
                         'rrordered'));

-- The device whose state app_queue watches for a member (QueueAdd StateInterface), e.g. PJSIP/1001 for FreePBX's
-- Local/1001@from-queue/n member; empty: the member interface itself.
ALTER TABLE agents ADD COLUMN state_interface TEXT NOT NULL DEFAULT '';

-- The queues each agent may log in to, with the penalty QueueAdd gives them there. Supervisors own this list.
CREATE TABLE agent_queues (
    agent_id  BIGINT  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    queue     TEXT    NOT NULL REFERENCES queues (name),
    penalty   INTEGER NOT NULL DEFAULT 0 CHECK (penalty BETWEEN 0 AND 1000),
    PRIMARY KEY (agent_id, queue)
);
CREATE INDEX agent_queues_queue ON agent_queues (queue);

-- Before this, every agent could log in to every queue: agents that exist keep that, as assignments.
INSERT INTO agent_queues (agent_id, queue, penalty) SELECT a.id, q.name, 0 FROM agents a CROSS JOIN queues q;
