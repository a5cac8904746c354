-- Imports as they run (doc/import.md, "Watching an import"): `aftercare import` writes one row when it starts,
-- updates the counts every few seconds between chunks and sets the outcome at the end; the server reads the last
-- day's rows for /metrics. A dry run writes no row. Times in epoch milliseconds. Same SQL on SQLite and PostgreSQL.

CREATE TABLE import_runs (
    id           ${pk},
    kind         TEXT    NOT NULL,                -- customers, orders, warranties, cases, products
    file_name    TEXT    NOT NULL,                -- the source file's name, without its folder
    started_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    finished_at  BIGINT,                          -- null while running (or if the process died)
    lines_read   BIGINT  NOT NULL DEFAULT 0,
    accepted     BIGINT  NOT NULL DEFAULT 0,
    rejected     BIGINT  NOT NULL DEFAULT 0,
    outcome      TEXT    CHECK (outcome IN ('done', 'failed'))
);
CREATE INDEX import_runs_started ON import_runs (started_at);
