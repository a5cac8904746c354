-- Webhooks (doc/webhooks.md): subscriptions, the transactional outbox of events, one delivery per subscription and
-- event, and the log of every attempt. A change and the events it raises commit or roll back together; the
-- dispatcher reads only these tables, so nothing pending is lost across restarts.

CREATE TABLE webhook_subscriptions (
    id           ${pk},
    url          TEXT    NOT NULL,                -- http or https
    secret       TEXT    NOT NULL,                -- HMAC-SHA256 key of X-Aftercare-Signature; never sent back
    event_types  TEXT    NOT NULL,                -- comma-separated: call.ended,case.opened,...
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    description  TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL
);

-- One row per event that at least one active subscription wanted when it was raised; pruned after 7 days.
CREATE TABLE webhook_outbox (
    id          ${pk},
    event_id    TEXT    NOT NULL UNIQUE,          -- UUID: the Idempotency-Key, the same on every attempt
    event_type  TEXT    NOT NULL,
    payload     TEXT    NOT NULL,                 -- the event's data as JSON
    created_at  BIGINT  NOT NULL
);
CREATE INDEX webhook_outbox_created ON webhook_outbox (created_at);

CREATE TABLE webhook_deliveries (
    id               ${pk},
    subscription_id  BIGINT  NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    outbox_id        BIGINT  NOT NULL REFERENCES webhook_outbox (id) ON DELETE CASCADE,
    status           TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,            -- while pending: when it is due, or until when an attempt holds it
    last_status_code INTEGER,
    last_error       TEXT,
    created_at       BIGINT  NOT NULL,
    delivered_at     BIGINT,
    UNIQUE (subscription_id, outbox_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_outbox ON webhook_deliveries (outbox_id);

CREATE TABLE webhook_attempts (
    id           ${pk},
    delivery_id  BIGINT  NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt      INTEGER NOT NULL,                -- 1 for the first
    started_at   BIGINT  NOT NULL,
    duration_ms  BIGINT  NOT NULL,
    status_code  INTEGER,                         -- null when no answer came (refused, timed out)
    error        TEXT                             -- null when delivered
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
