-- Metrics over stored calls (io.aftercare.metrics): who a contact belongs to, for case-aware first-contact
-- resolution, and the indexes the interval loaders use. Same SQL on SQLite and PostgreSQL.
-- customer_id is filled when the contact is first written, from customer_phones by the caller's E.164, so every
-- number of a customer counts as that customer; case_id and reason_code are set by the agent's disposition.
-- No foreign keys: SQLite cannot add one with ALTER TABLE, and calls must be stored even if a customer is deleted.

ALTER TABLE contacts ADD COLUMN customer_id BIGINT;
ALTER TABLE contacts ADD COLUMN case_id BIGINT;
ALTER TABLE contacts ADD COLUMN reason_code TEXT;

-- Interval loads select by the time a call joined a queue.
CREATE INDEX contacts_queued ON contacts (queued_at);
-- FCR looks for a customer's later contacts.
CREATE INDEX contacts_customer ON contacts (customer_id, queued_at);
-- Occupancy reads the state log by time across agents.
CREATE INDEX agent_state_log_at ON agent_state_log (at);
