-- Inbound routing: ordered rules (first match wins) and the decision recorded for every routed call.
-- Conditions are a JSON object (see io.aftercare.routing.RuleCondition); the action is held in columns so the
-- queue is checked against the queues table.

CREATE TABLE routing_rules (
    id                      ${pk},
    sort_order              INTEGER NOT NULL,
    name                    TEXT    NOT NULL UNIQUE,
    enabled                 BOOLEAN NOT NULL DEFAULT TRUE,
    conditions              TEXT    NOT NULL DEFAULT '{}',
    queue                   TEXT    NOT NULL REFERENCES queues (name),
    priority                INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 100),
    ivr_menu                TEXT,
    preferred_agent         TEXT,                     -- 'case_owner' or an agent login
    preferred_wait_seconds  INTEGER CHECK (preferred_wait_seconds BETWEEN 0 AND 600),
    created_at              BIGINT  NOT NULL,
    updated_at              BIGINT  NOT NULL
);
CREATE INDEX routing_rules_order ON routing_rules (sort_order, id);

CREATE TABLE routing_decisions (
    id               ${pk},
    uniqueid         TEXT    NOT NULL,
    linkedid         TEXT,
    pbx_id           TEXT    NOT NULL,
    caller_raw       TEXT    NOT NULL,                -- agi_callerid as received, control characters removed
    caller_e164      TEXT,
    dnid             TEXT    NOT NULL DEFAULT '',
    customer_id      BIGINT,                          -- no foreign key: the record outlives the customer
    case_id          BIGINT,
    rule_id          BIGINT,
    rule_name        TEXT    NOT NULL,
    queue            TEXT    NOT NULL,
    priority         INTEGER NOT NULL,
    ivr_menu         TEXT,
    preferred_agent  TEXT,
    fallback         BOOLEAN NOT NULL,
    reason           TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL
);
CREATE INDEX routing_decisions_uniqueid ON routing_decisions (pbx_id, uniqueid);
CREATE INDEX routing_decisions_linkedid ON routing_decisions (linkedid);
CREATE INDEX routing_decisions_customer ON routing_decisions (customer_id, created_at);

-- Open cases are looked up per caller on every call.
CREATE INDEX IF NOT EXISTS cases_owner ON cases (owner_agent_id);

-- The queues the default rules use (the demo data adds the rest), then the default rules.
INSERT INTO queues (name, description) VALUES ('general-support', 'General after-sales support')
    ON CONFLICT (name) DO NOTHING;
INSERT INTO queues (name, description, service_level_seconds) VALUES ('vip', 'VIP customers', 10)
    ON CONFLICT (name) DO NOTHING;
INSERT INTO queues (name, description, service_level_seconds) VALUES ('repairs', 'Warranty and paid repairs', 30)
    ON CONFLICT (name) DO NOTHING;
INSERT INTO queues (name, description) VALUES ('onboarding', 'New purchases: set-up help')
    ON CONFLICT (name) DO NOTHING;

INSERT INTO routing_rules (sort_order, name, conditions, queue, priority, ivr_menu, preferred_agent,
                           preferred_wait_seconds, created_at, updated_at)
VALUES (10, 'VIP customers', '{"tiers":["vip"]}', 'vip', 10, NULL, NULL, NULL, 0, 0);
INSERT INTO routing_rules (sort_order, name, conditions, queue, priority, ivr_menu, preferred_agent,
                           preferred_wait_seconds, created_at, updated_at)
VALUES (20, 'Open repair case', '{"openCaseType":"repair"}', 'repairs', 5, NULL, 'case_owner', 20, 0, 0);
INSERT INTO routing_rules (sort_order, name, conditions, queue, priority, ivr_menu, preferred_agent,
                           preferred_wait_seconds, created_at, updated_at)
VALUES (30, 'Recent purchase', '{"maxDaysSincePurchase":30}', 'onboarding', 0, NULL, NULL, NULL, 0, 0);
INSERT INTO routing_rules (sort_order, name, conditions, queue, priority, ivr_menu, preferred_agent,
                           preferred_wait_seconds, created_at, updated_at)
VALUES (40, 'Unknown caller', '{"unknownCaller":true}', 'general-support', 0, 'main', NULL, NULL, 0, 0);
