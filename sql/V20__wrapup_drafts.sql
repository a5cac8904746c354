-- After-call work an agent may extend, up to a limit per queue; the customer an agent says a call is from; and the
-- drafts of dispositions: what an agent typed for a call (during it or in wrap-up) is kept on the server until
-- the disposition is saved, so an after-call-work timeout, a reload or the next call never wipes it.

-- The longest after-call work an agent may reach by extending it, counted from its start (>= wrapup_seconds).
ALTER TABLE queues ADD COLUMN wrapup_max_seconds INTEGER NOT NULL DEFAULT 300 CHECK (wrapup_max_seconds >= 0);

-- When an agent said who the caller is ("this is the caller"): contacts.customer_id is then theirs, not the
-- number's, and wins over the route's identification.
ALTER TABLE contacts ADD COLUMN customer_linked_at BIGINT;

CREATE TABLE disposition_drafts (
    pbx_id      TEXT    NOT NULL,
    linkedid    TEXT    NOT NULL,
    agent       TEXT    NOT NULL,               -- member interface of the agent writing it
    account_id  BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body        TEXT    NOT NULL,               -- the form as JSON: reasonCode, resolved, caseId, newCase, notes
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (pbx_id, linkedid, agent)
);
CREATE INDEX disposition_drafts_agent ON disposition_drafts (agent, updated_at);
