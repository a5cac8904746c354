-- Search from anywhere (GET /api/search, io.aftercare.search): normalised copies of what agents search by, so the
-- search is case-insensitive for every alphabet on SQLite too (its lower() folds only ASCII). aftercare computes
-- them in Java (persistence/SearchKeys) whenever it writes a row; NULL means "not keyed yet": rows that were
-- stored before this migration, or written around aftercare, are keyed by search/SearchKeyBackfill at start and
-- then every minute. Same SQL on SQLite and PostgreSQL.

-- 'Ayşe Ünal' -> 'ayse unal': lower case, accents dropped, white space collapsed. Likewise the e-mail address.
ALTER TABLE customers ADD COLUMN name_key TEXT;
ALTER TABLE customers ADD COLUMN email_key TEXT;
-- 'SO-104031' -> 'so104031', 'SN 12-ab' -> 'sn12ab': letters and digits only, lower case; the rkey is the key
-- read backwards ('130401os'), so that "ends with" is a "begins with" too.
ALTER TABLE orders ADD COLUMN number_key TEXT;
ALTER TABLE orders ADD COLUMN number_rkey TEXT;
ALTER TABLE order_line_serials ADD COLUMN serial_key TEXT;
ALTER TABLE order_line_serials ADD COLUMN serial_rkey TEXT;
ALTER TABLE warranties ADD COLUMN serial_key TEXT;
ALTER TABLE warranties ADD COLUMN serial_rkey TEXT;

-- Which index serves which kind of search. On SQLite each index below holds every column its query reads (the
-- rowid is in every index), so no table row is read until the matching customers are read by id. Each also finds
-- the rows whose key IS NULL for the backfill without reading the others. Timings: doc/benchmarks.md, "Search".
--
-- Order and serial numbers match whole, by their beginning ('so-1040') or by their end ('104031', the last
-- characters of a serial): a range seek on the key or on the rkey (key >= 'so1040' AND key < 'so1041'), however
-- many rows the table holds. On PostgreSQL that range needs a collation in which letters and digits sort as in
-- ASCII (C, C.UTF-8, en_US.UTF-8 and the like); the query's LIKE keeps a wrong collation from finding too much.
CREATE INDEX orders_number_key ON orders (number_key, customer_id, order_number);
CREATE INDEX orders_number_rkey ON orders (number_rkey, customer_id, order_number);
-- serial number on an order line: the line leads to the order and its customer (primary keys).
CREATE INDEX order_line_serials_key ON order_line_serials (serial_key, order_line_id, serial_number);
CREATE INDEX order_line_serials_rkey ON order_line_serials (serial_rkey, order_line_id, serial_number);
-- serial number registered for a warranty (bought elsewhere, or imported without its order).
CREATE INDEX warranties_serial_key ON warranties (serial_key, customer_id, serial_number);
CREATE INDEX warranties_serial_rkey ON warranties (serial_rkey, customer_id, serial_number);
--
-- Names and e-mail addresses match anywhere ('ünal' in 'Ayşe Ünal'), which no B-tree can seek: the search reads
-- one of these narrow indexes from end to end instead of the customers table (customers.id is the rowid); on
-- PostgreSQL the planner picks an index-only or a sequential scan by its statistics.
CREATE INDEX customers_name_key ON customers (name_key);
CREATE INDEX customers_email_key ON customers (email_key);
--
-- Phone: no new index. A whole number (any format, parsed to E.164) seeks customer_phones' primary key; part of
-- one (the last 6+ digits, a national number of another country) reads customer_phones_lookup (e164,
-- customer_id) of V10 from end to end.
