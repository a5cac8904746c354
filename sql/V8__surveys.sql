-- Outbound satisfaction surveys: the do-not-call list, the dialer's persistent jobs and the answers.
-- Instants are epoch milliseconds. The same file runs on SQLite and PostgreSQL.

-- A number, a customer, or both, never to be called for surveys (keypad 9, the API, an import).
CREATE TABLE do_not_call (
    id           ${pk},
    e164         TEXT,
    customer_id  BIGINT REFERENCES customers (id) ON DELETE CASCADE,
    source       TEXT   NOT NULL CHECK (source IN ('api', 'keypad', 'import')),
    created_at   BIGINT NOT NULL,
    CHECK (e164 IS NOT NULL OR customer_id IS NOT NULL)
);
CREATE INDEX do_not_call_e164 ON do_not_call (e164);
CREATE INDEX do_not_call_customer ON do_not_call (customer_id);

-- One survey to place. state moves scheduled -> dialing -> answered -> completed | opted_out, or back to
-- scheduled for a retry, or ends busy | no_answer | failed | expired | opted_out. A job in dialing or answered
-- is leased (lease_owner until lease_until): the lease is also our own timeout when no OriginateResponse comes.
CREATE TABLE survey_jobs (
    id              ${pk},
    customer_id     BIGINT  NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    e164            TEXT    NOT NULL,
    source          TEXT    NOT NULL
                            CHECK (source IN ('disposition', 'order_delivered', 'repair_completed', 'refund_made')),
    case_id         BIGINT  REFERENCES cases (id) ON DELETE SET NULL,
    disposition_id  BIGINT  REFERENCES dispositions (id) ON DELETE SET NULL,
    pbx_id          TEXT,
    linkedid        TEXT,                   -- the contact surveyed about, when it came from a call
    agent           TEXT,
    queue           TEXT,
    language        TEXT    NOT NULL DEFAULT 'en',
    state           TEXT    NOT NULL DEFAULT 'scheduled'
                            CHECK (state IN ('scheduled', 'dialing', 'answered', 'completed', 'busy', 'no_answer',
                                             'failed', 'opted_out', 'expired')),
    due_at          BIGINT  NOT NULL,
    expires_at      BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    lease_owner     TEXT,
    lease_until     BIGINT,
    action_id       TEXT,                   -- the ActionID of the last Originate
    last_outcome    TEXT,                   -- answered, busy, no_answer, congestion, failure, timeout, error
    detail          TEXT    NOT NULL DEFAULT '',
    answered_at     BIGINT,
    finished_at     BIGINT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);
CREATE INDEX survey_jobs_due ON survey_jobs (state, due_at);
CREATE INDEX survey_jobs_customer ON survey_jobs (customer_id, state);
CREATE INDEX survey_jobs_action ON survey_jobs (action_id);

-- What the callee keyed in; NULL where a question was skipped (partial answers are kept).
CREATE TABLE survey_answers (
    job_id            BIGINT  PRIMARY KEY REFERENCES survey_jobs (id) ON DELETE CASCADE,
    csat              INTEGER CHECK (csat BETWEEN 1 AND 5),
    nps               INTEGER CHECK (nps BETWEEN 0 AND 10),
    resolved          BOOLEAN,
    opted_out         BOOLEAN NOT NULL DEFAULT FALSE,
    followup_case_id  BIGINT  REFERENCES cases (id) ON DELETE SET NULL,
    answered_at       BIGINT  NOT NULL
);
CREATE INDEX survey_answers_time ON survey_answers (answered_at);

-- A detractor's follow-up callback case names the queue that should handle it (the supervisors).
ALTER TABLE cases ADD COLUMN assigned_queue TEXT;
