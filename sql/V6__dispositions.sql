-- What the agent recorded after a call (the disposition), from a configurable list of reason codes.
-- A disposition ends the agent's after-call work, updates or opens a case, feeds FCR and triggers surveys.

CREATE TABLE disposition_reasons (
    code                  TEXT    PRIMARY KEY,
    label                 TEXT    NOT NULL,
    active                BOOLEAN NOT NULL DEFAULT TRUE,
    survey                BOOLEAN NOT NULL DEFAULT TRUE,   -- offer a satisfaction survey after such calls
    survey_delay_minutes  INTEGER NOT NULL DEFAULT 120 CHECK (survey_delay_minutes >= 0)
);

INSERT INTO disposition_reasons (code, label, survey, survey_delay_minutes) VALUES
    ('repair-booked', 'Repair booked', TRUE, 120),
    ('repair-status', 'Repair status given', TRUE, 120),
    ('return-authorised', 'Return authorised (RMA)', TRUE, 120),
    ('refund-issued', 'Refund issued', TRUE, 120),
    ('how-to', 'How-to or set-up help', TRUE, 120),
    ('troubleshooting', 'Troubleshooting', TRUE, 120),
    ('warranty-info', 'Warranty information', TRUE, 120),
    ('complaint', 'Complaint recorded', FALSE, 0),
    ('order-status', 'Order or delivery status', TRUE, 120),
    ('wrong-number', 'Wrong number or silent call', FALSE, 0),
    ('other', 'Other', FALSE, 0);

CREATE TABLE dispositions (
    id           ${pk},
    pbx_id       TEXT    NOT NULL,
    linkedid     TEXT    NOT NULL,
    agent        TEXT    NOT NULL,               -- member interface of the agent who handled the call
    account_id   BIGINT  NOT NULL REFERENCES accounts (id),
    customer_id  BIGINT  REFERENCES customers (id) ON DELETE SET NULL,
    case_id      BIGINT  REFERENCES cases (id) ON DELETE SET NULL,
    reason_code  TEXT    NOT NULL REFERENCES disposition_reasons (code),
    resolved     BOOLEAN NOT NULL,
    notes        TEXT    NOT NULL DEFAULT '',
    created_at   BIGINT  NOT NULL,
    UNIQUE (pbx_id, linkedid, agent)
);
CREATE INDEX dispositions_customer ON dispositions (customer_id, created_at);
CREATE INDEX dispositions_case ON dispositions (case_id);
