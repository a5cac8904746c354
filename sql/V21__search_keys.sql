-- Search from anywhere (GET /api/search, io.aftercare.search): normalised copies of what agents search by, so the
-- search is case-insensitive for every alphabet on SQLite too (its lower() folds only ASCII). aftercare computes
-- them in Java (persistence/SearchKeys) whenever it writes a row; NULL means "not keyed yet": rows that were
-- stored before this migration, or written around aftercare, are keyed by search/SearchKeyBackfill at start and
-- then every minute. Same SQL on SQLite and PostgreSQL.

-- 'Ayşe Ünal' -> 'ayse unal': lower case, accents dropped, white space collapsed. Likewise the e-mail address.
ALTER TABLE customers ADD COLUMN name_key TEXT;
ALTER TABLE customers ADD COLUMN email_key TEXT;
-- 'SO-104031' -> 'so104031', 'SN 12-ab' -> 'sn12ab': letters and digits only, lower case.
ALTER TABLE orders ADD COLUMN number_key TEXT;
ALTER TABLE order_line_serials ADD COLUMN serial_key TEXT;
ALTER TABLE warranties ADD COLUMN serial_key TEXT;

-- Which index serves which kind of search. Partial matches (LIKE '%...%') cannot seek in a B-tree, so each kind
-- reads one narrow index from end to end instead of its table: on SQLite each index below holds every column its
-- query reads (the rowid is in every index), so the table is not touched until the matching customers are read
-- by id; on PostgreSQL the planner picks an index-only scan or a sequential scan by its statistics. Each index also
-- finds the rows whose key IS NULL for the backfill without reading the others. Timings: doc/benchmarks.md, "Search".
-- name: customers.id is the rowid.
CREATE INDEX customers_name_key ON customers (name_key);
-- e-mail.
CREATE INDEX customers_email_key ON customers (email_key);
-- order number: the customer and the number as shown.
CREATE INDEX orders_number_key ON orders (number_key, customer_id, order_number);
-- serial number on an order line: the line leads to the order and its customer (primary keys).
CREATE INDEX order_line_serials_key ON order_line_serials (serial_key, order_line_id, serial_number);
-- serial number registered for a warranty (bought elsewhere, or imported without its order).
CREATE INDEX warranties_serial_key ON warranties (serial_key, customer_id, serial_number);
-- phone: no new index. An exact number (any format, parsed to E.164) seeks customer_phones' primary key; a
-- partial one (the last 6+ digits, a national number) reads customer_phones_lookup (e164, customer_id) of V10.
