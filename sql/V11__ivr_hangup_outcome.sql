-- An IVR visit the caller hangs up on is recorded too (outcome 'hangup', the digits pressed so far, no queue):
-- IVR abandonment. SQLite cannot change a CHECK constraint in place, so the table is rebuilt (the same on
-- PostgreSQL); ids are renumbered in their old order, and nothing refers to them.
CREATE TABLE ivr_selections_v11 (
    id          ${pk},
    uniqueid    TEXT    NOT NULL,
    linkedid    TEXT,
    pbx_id      TEXT    NOT NULL,
    menu        TEXT    NOT NULL,
    digits      TEXT    NOT NULL DEFAULT '',
    outcome     TEXT    NOT NULL CHECK (outcome IN ('option', 'case', 'timeout', 'invalid', 'fallback', 'hangup')),
    queue       TEXT    NOT NULL,                                -- '' for a hangup
    case_id     BIGINT,
    created_at  BIGINT  NOT NULL
);
INSERT INTO ivr_selections_v11 (uniqueid, linkedid, pbx_id, menu, digits, outcome, queue, case_id, created_at)
    SELECT uniqueid, linkedid, pbx_id, menu, digits, outcome, queue, case_id, created_at FROM ivr_selections ORDER BY id;
DROP TABLE ivr_selections;
ALTER TABLE ivr_selections_v11 RENAME TO ivr_selections;
CREATE INDEX ivr_selections_uniqueid ON ivr_selections (pbx_id, uniqueid);
CREATE INDEX ivr_selections_linkedid ON ivr_selections (linkedid);
