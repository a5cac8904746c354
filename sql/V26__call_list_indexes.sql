-- Issue 17: GET /api/calls and a customer's contact history list calls newest first by (entered_at, id), a keyset
-- page at a time (io.aftercare.calls.CallRows). These serve the filters by queue, answering agent and customer
-- without sorting (contacts_entered serves the unfiltered list and the time bounds). The id closes each index so
-- PostgreSQL can walk the (entered_at, id) order too (SQLite keeps the rowid in every index anyway). Same SQL on
-- SQLite and PostgreSQL.
CREATE INDEX contacts_queue_entered ON contacts (queue, entered_at, id);
CREATE INDEX contacts_agent_entered ON contacts (answered_by, entered_at, id);
CREATE INDEX contacts_customer_entered ON contacts (customer_id, entered_at, id);
-- The open cases list (GET /api/cases) pages newest first by (opened_at, id) too.
CREATE INDEX cases_opened ON cases (opened_at, id);
