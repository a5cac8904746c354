-- Issue 16: a call an agent places from their console (click-to-call: aftercare rings the agent, then dials the
-- customer) is an outbound contact of kind 'click_to_call'. SQLite cannot change a CHECK constraint in place: the kind
-- column is replaced by one with the wider CHECK, as V18 did for outcome (rows, ids and the other columns stay; kind
-- becomes the last column). The same SQL runs on PostgreSQL.
ALTER TABLE contacts ADD COLUMN kind_v22 TEXT NOT NULL DEFAULT 'inbound'
    CHECK (kind_v22 IN ('inbound', 'survey', 'callback', 'click_to_call'));
UPDATE contacts SET kind_v22 = kind;
ALTER TABLE contacts DROP COLUMN kind;
ALTER TABLE contacts RENAME COLUMN kind_v22 TO kind;
