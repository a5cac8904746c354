-- Issue 19: voicemails and abandoned callers become work. Instants are epoch milliseconds. The same file runs on
-- SQLite and PostgreSQL.

-- What an abandoned call (outcome 'abandoned', short abandons apart) of the queue turns into: a follow-up task for
-- the agents, an automatic callback (io.aftercare.callbacks), or nothing.
ALTER TABLE queues ADD COLUMN abandon_policy TEXT NOT NULL DEFAULT 'task'
    CHECK (abandon_policy IN ('task', 'callback', 'none'));

-- One caller to call back. state moves open -> claimed (an agent took it; claimed_by, claimed_at) -> done
-- (outcome), or to cancelled; a supervisor's release puts a claimed one back to open. 'callback': handed to the
-- automatic callbacks by the queue's policy, until they take it (done, callback_id) or refuse it (cancelled).
-- origin_key makes creation idempotent: the Linkedid of an abandoned call, the msg_id of a voicemail.
CREATE TABLE follow_ups (
    id                 ${pk},
    kind               TEXT    NOT NULL CHECK (kind IN ('voicemail', 'abandoned')),
    pbx_id             TEXT    NOT NULL,
    origin_key         TEXT    NOT NULL,
    queue              TEXT,                    -- NULL: a voicemail matched to no call
    e164               TEXT,                    -- NULL: a voicemail from a withheld or unreadable number
    caller_name        TEXT    NOT NULL DEFAULT '',
    customer_id        BIGINT  REFERENCES customers (id) ON DELETE SET NULL,
    origin_linkedid    TEXT,                    -- the call that was abandoned or left the message, when known
    created_at         BIGINT  NOT NULL,        -- when the caller hung up or left the message
    waiting_since      BIGINT  NOT NULL,        -- when they started waiting (queued), for an automatic callback
    voicemail_msg_id   TEXT,                    -- Asterisk's msg_id
    voicemail_file     TEXT,                    -- the audio file's name in the mailbox's INBOX (msg0000.wav)
    voicemail_seconds  INTEGER,
    state              TEXT    NOT NULL DEFAULT 'open'
                               CHECK (state IN ('open', 'claimed', 'done', 'cancelled', 'callback')),
    claimed_by         BIGINT  REFERENCES agents (id) ON DELETE SET NULL,
    claimed_at         BIGINT,
    call_linkedid      TEXT,                    -- the click-to-call contact placed for it
    called_at          BIGINT,
    callback_id        BIGINT,                  -- the automatic callback it became
    done_at            BIGINT,
    outcome            TEXT    NOT NULL DEFAULT '',
    updated_at         BIGINT  NOT NULL,
    UNIQUE (pbx_id, kind, origin_key)
);
CREATE INDEX follow_ups_state ON follow_ups (state, created_at, id);
CREATE INDEX follow_ups_queue ON follow_ups (queue, state, created_at);
CREATE INDEX follow_ups_e164 ON follow_ups (e164, state);
