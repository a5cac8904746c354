-- Two scoped roles that sign in with API tokens only (auth/AccessPolicy): 'integration', the shop's or ERP's feed,
-- writes customers, orders, warranties, cases and products and nothing else; 'display', a wallboard TV, reads the
-- wallboard and nothing else. SQLite cannot change a CHECK constraint in place
-- and rebuilding accounts would fire the ON DELETE actions of the tables that reference it, so the role moves to a
-- new column whose column CHECK admits the new value; dropping the old column drops its CHECK with it (SQLite 3.35+
-- and PostgreSQL alike). The DEFAULT exists only because SQLite adds NOT NULL columns with one; every insert names
-- the role.
ALTER TABLE accounts ADD COLUMN role_v23 TEXT NOT NULL DEFAULT 'agent'
    CHECK (role_v23 IN ('agent', 'supervisor', 'admin', 'integration', 'display'));
UPDATE accounts SET role_v23 = role;
ALTER TABLE accounts DROP COLUMN role;
ALTER TABLE accounts RENAME COLUMN role_v23 TO role;
