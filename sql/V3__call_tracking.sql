-- Call tracking from AMI: one row per call (contact), its intervals (segments) and the agent state log.
-- Natural keys (pbx id + Linkedid ...) make every write an idempotent upsert, so replayed or duplicated
-- AMI events never count a call twice. Instants are epoch milliseconds (BIGINT). Segments name their
-- contact by (pbx_id, linkedid) without a foreign key: the batch writer may store a segment a batch before
-- its contact row.

CREATE TABLE contacts (
    id                ${pk},
    pbx_id            TEXT    NOT NULL,
    linkedid          TEXT    NOT NULL,               -- Asterisk Linkedid: every leg of the call
    caller_raw        TEXT,                           -- caller ID as Asterisk gave it
    caller_e164       TEXT,                           -- NULL when the caller ID is not a valid number
    caller_name       TEXT,
    queue             TEXT,                           -- last queue the call was in
    answered_by       TEXT,                           -- member interface of the last agent who answered
    entered_at        BIGINT  NOT NULL,
    queued_at         BIGINT,
    answered_at       BIGINT,
    dequeued_at       BIGINT,                         -- left the queue: answered, abandoned or timed out
    ended_at          BIGINT,
    outcome           TEXT    NOT NULL DEFAULT 'open'
                      CHECK (outcome IN ('open', 'answered', 'abandoned', 'short_abandon', 'timeout', 'ivr',
                                         'lost_track')),
    lost_track        BOOLEAN NOT NULL DEFAULT FALSE, -- ended while the AMI link was down
    pbx_wait_seconds  INTEGER,                        -- Asterisk's HoldTime (queue wait)
    pbx_talk_seconds  INTEGER,                        -- Asterisk's TalkTime of the last AgentComplete
    routing_decision_id BIGINT,                       -- the routing decision that sent it (routing issue)
    UNIQUE (pbx_id, linkedid)
);
CREATE INDEX contacts_entered ON contacts (entered_at);
CREATE INDEX contacts_caller ON contacts (caller_e164, entered_at);

CREATE TABLE segments (
    id          ${pk},
    pbx_id      TEXT    NOT NULL,
    linkedid    TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('queue', 'ring', 'talk', 'hold', 'wrapup')),
    agent       TEXT    NOT NULL DEFAULT '',          -- member interface; '' for queue wait
    queue       TEXT    NOT NULL DEFAULT '',
    started_at  BIGINT  NOT NULL,
    ended_at    BIGINT,                               -- NULL while open
    UNIQUE (pbx_id, linkedid, kind, agent, started_at),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX segments_agent ON segments (agent, started_at);

CREATE TABLE agent_state_log (
    id        ${pk},
    pbx_id    TEXT    NOT NULL,
    agent     TEXT    NOT NULL,                       -- member interface, e.g. Local/agent1@agents
    name      TEXT    NOT NULL DEFAULT '',
    state     TEXT    NOT NULL CHECK (state IN ('logged_out', 'ready', 'ringing', 'on_call', 'on_hold',
                                                'after_call_work', 'paused')),
    reason    TEXT    NOT NULL DEFAULT '',
    queues    TEXT    NOT NULL DEFAULT '',            -- comma-separated queues logged in
    at        BIGINT  NOT NULL,
    UNIQUE (pbx_id, agent, at, state, reason, queues)
);
CREATE INDEX agent_state_log_agent ON agent_state_log (agent, at);
