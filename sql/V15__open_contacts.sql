-- At start aftercare takes over the calls a previous run left open (outcome 'open') and closes those the PBX no
-- longer has as lost track. This partial index finds them without reading every call ever stored; it holds only
-- the calls in progress, so it stays small. Same SQL on SQLite and PostgreSQL. (V15, not V13: Flyway runs in
-- order only, and V14 may already be applied.)
CREATE INDEX contacts_open ON contacts (pbx_id, linkedid) WHERE outcome = 'open';
