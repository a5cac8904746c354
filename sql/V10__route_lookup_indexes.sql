-- The route reads the whole caller context in one statement on every inbound call (RoutingLookups.CALLER);
-- these indexes let each of its steps answer from the index alone instead of a second read of the table row
-- (doc/benchmarks.md, "FastAGI route").

-- Customer by caller number: the primary key finds the row, this one answers with the customer id.
CREATE INDEX customer_phones_lookup ON customer_phones (e164, customer_id);

-- "Is a warranty active today" per customer without reading each warranty row; still serves the by-customer reads.
DROP INDEX warranties_customer;
CREATE INDEX warranties_customer ON warranties (customer_id, ends_on, starts_on);

-- The product of each line of the newest order.
CREATE INDEX order_lines_order_sku ON order_lines (order_id, sku);

-- Written with every routed call and never read by customer (the screen pop reads by uniqueid or linkedid).
DROP INDEX routing_decisions_customer;
