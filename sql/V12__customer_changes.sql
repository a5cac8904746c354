-- The change journal of what routing knows about a customer (doc/architecture.md, "Caller directory"): every
-- write that changes a customer's tier, language, phones, orders, warranties or open cases adds a row here in the
-- same transaction, and each aftercare instance's in-memory caller directory re-reads the customers it names.
-- customer_id NULL means "re-read everyone" (a product's category changed, or a bulk load). Rows are pruned
-- after a day. A writer outside aftercare that changes these tables should add a row too; otherwise its change
-- reaches routing at the directory's next full reload (agi.directory_reload_ms).
CREATE TABLE customer_changes (
    id           ${pk},
    customer_id  BIGINT,
    changed_at   BIGINT  NOT NULL
);

CREATE INDEX customer_changes_changed_at ON customer_changes (changed_at);
