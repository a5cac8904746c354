-- Queue callbacks (issue 19): a caller who pressed 1 to be called back keeps their place in line. aftercare holds it
-- in app_queue itself: it originates a placeholder (a Local channel into [aftercare-callback-hold], which joins the
-- queue at the caller's position), so the queue's strategy, penalties and ring rules pick the agent; when the agent
-- answers, the other half of the Local channel dials the customer ([aftercare-callback]). Instants are epoch ms.
-- The same file runs on SQLite and PostgreSQL.

-- state: scheduled (due_at: waits for its turn to enter the queue, a calling window or a retry) -> queued (the
-- placeholder is in the queue; leased by the instance that placed it, lease_until covering the longest wait) ->
-- completed (the customer answered) | back to scheduled for a retry | failed (attempts spent) | expired |
-- cancelled (an agent or the API). action_id is the attempt's originate id (callback-<id>-<attempt>), also the
-- Linkedid of the callback's contact, whose end decides the attempt.
CREATE TABLE callbacks (
    id              ${pk},
    source          TEXT    NOT NULL CHECK (source IN ('virtual_hold', 'abandoned', 'voicemail')),
    pbx_id          TEXT,
    queue           TEXT    NOT NULL,
    e164            TEXT    NOT NULL,
    customer_id     BIGINT  REFERENCES customers (id) ON DELETE SET NULL,
    origin_linkedid TEXT,
    language        TEXT    NOT NULL DEFAULT 'en',
    waiting_since   BIGINT  NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'scheduled'
                            CHECK (state IN ('scheduled', 'queued', 'completed', 'failed', 'expired', 'cancelled')),
    due_at          BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_owner     TEXT,
    lease_until     BIGINT,
    action_id       TEXT,
    last_outcome    TEXT,
    detail          TEXT    NOT NULL DEFAULT '',
    agent           TEXT,
    answered_at     BIGINT,
    finished_at     BIGINT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX callbacks_due ON callbacks (state, due_at);
CREATE INDEX callbacks_number ON callbacks (e164, state);
CREATE INDEX callbacks_action ON callbacks (action_id);
CREATE INDEX callbacks_origin ON callbacks (origin_linkedid);

-- Virtual hold per queue: offer the callback to a caller who has waited vhold_offer_after_seconds (0: never by wait),
-- or at once when the estimated wait is at least vhold_offer_estimate_seconds (0: never by estimate). Both 0 (the
-- default): no offer. The demo data turns it on for its queues.
ALTER TABLE queues ADD COLUMN vhold_offer_after_seconds INTEGER NOT NULL DEFAULT 0
    CHECK (vhold_offer_after_seconds >= 0);
ALTER TABLE queues ADD COLUMN vhold_offer_estimate_seconds INTEGER NOT NULL DEFAULT 0
    CHECK (vhold_offer_estimate_seconds >= 0);

-- An inbound call whose caller took the callback ends with outcome 'callback' (not an abandon); the callback's own
-- contact (kind 'callback', Linkedid callback-<id>-<attempt>) names it in callbacks.origin_linkedid. The outcome
-- column is replaced by one with the wider CHECK, as V18 did (SQLite cannot change a CHECK in place).
ALTER TABLE contacts ADD COLUMN outcome_v30 TEXT NOT NULL DEFAULT 'open'
    CHECK (outcome_v30 IN ('open', 'answered', 'abandoned', 'short_abandon', 'timeout', 'ivr', 'lost_track',
                           'busy', 'no_answer', 'failed', 'callback'));
UPDATE contacts SET outcome_v30 = outcome;
DROP INDEX contacts_open;
ALTER TABLE contacts DROP COLUMN outcome;
ALTER TABLE contacts RENAME COLUMN outcome_v30 TO outcome;
CREATE INDEX contacts_open ON contacts (pbx_id, linkedid) WHERE outcome = 'open';
