-- Issue 15: calls aftercare originates (surveys, callbacks) are contacts too, outbound ones of their kind, with the
-- outcome of their Originate (answered, busy, no_answer, failed); queue figures read only kind 'inbound'.
-- SQLite cannot change a CHECK constraint in place: the outcome column is replaced by one with the wider CHECK
-- (rows, ids and the other columns stay; outcome becomes the last column). The same SQL runs on PostgreSQL.
ALTER TABLE contacts ADD COLUMN kind TEXT NOT NULL DEFAULT 'inbound'
    CHECK (kind IN ('inbound', 'survey', 'callback'));

ALTER TABLE contacts ADD COLUMN outcome_v18 TEXT NOT NULL DEFAULT 'open'
    CHECK (outcome_v18 IN ('open', 'answered', 'abandoned', 'short_abandon', 'timeout', 'ivr', 'lost_track',
                           'busy', 'no_answer', 'failed'));
UPDATE contacts SET outcome_v18 = outcome;
DROP INDEX contacts_open;
ALTER TABLE contacts DROP COLUMN outcome;
ALTER TABLE contacts RENAME COLUMN outcome_v18 TO outcome;
CREATE INDEX contacts_open ON contacts (pbx_id, linkedid) WHERE outcome = 'open';
