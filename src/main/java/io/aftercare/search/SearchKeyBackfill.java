package io.aftercare.search;

import io.aftercare.persistence.SearchKeys;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the search keys (sql/V21) of rows that have none: those stored before V21, and those written around
 * aftercare (plain SQL by an operator or another system), which search cannot find until keyed. aftercare's own
 * writers key their rows as they write them. Runs at start and then every minute on its own thread; a run that
 * finds nothing to key reads four index ranges and writes nothing. Thread-safe, but meant for one thread.
 */
public final class SearchKeyBackfill {
    private static final Logger LOG = LoggerFactory.getLogger(SearchKeyBackfill.class);
    private static final int BATCH = 1_000;

    /**
     * One table's keys: which rows lack them, and how to key one (bind its keys, its id and the values they were
     * computed from). The update names the row by its primary key and the values it read, not by "key IS NULL":
     * a row a writer changed meanwhile keeps the keys the writer gave it, and the planner is never tempted by the
     * key's index (PostgreSQL did that with statistics from before the keys were cleared, reading every NULL key
     * for each row updated).
     */
    private record Table(String name, String select, String update,
                         BiConsumer<Map<String, Object>, PreparedBatch> key) {}

    private static final List<Table> TABLES = List.of(
            new Table("customers", "SELECT id, name, email FROM customers WHERE name_key IS NULL",
                    "UPDATE customers SET name_key = :nameKey, email_key = :emailKey"
                            + " WHERE id = :id AND name = :name AND email IS NOT DISTINCT FROM :email",
                    (row, batch) -> batch.bind("id", row.get("id"))
                            .bind("name", (String) row.get("name")).bind("email", (String) row.get("email"))
                            .bind("nameKey", SearchKeys.text((String) row.get("name")))
                            .bind("emailKey", SearchKeys.text((String) row.get("email")))),
            new Table("orders", "SELECT id, order_number FROM orders WHERE number_key IS NULL",
                    "UPDATE orders SET number_key = :key, number_rkey = :rkey WHERE id = :id AND order_number = :value",
                    (row, batch) -> code(batch.bind("id", row.get("id")), row.get("order_number"))),
            new Table("order_line_serials", "SELECT order_line_id, serial_number FROM order_line_serials"
                    + " WHERE serial_key IS NULL",
                    "UPDATE order_line_serials SET serial_key = :key, serial_rkey = :rkey WHERE order_line_id = :line"
                            + " AND serial_number = :value",
                    (row, batch) -> code(batch.bind("line", row.get("order_line_id")), row.get("serial_number"))),
            new Table("warranties", "SELECT id, serial_number FROM warranties WHERE serial_key IS NULL",
                    "UPDATE warranties SET serial_key = :key, serial_rkey = :rkey"
                            + " WHERE id = :id AND serial_number = :value",
                    (row, batch) -> code(batch.bind("id", row.get("id")), row.get("serial_number"))));

    private final Jdbi jdbi;

    public SearchKeyBackfill(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Keys every row that has no key yet, a thousand rows a transaction; returns how many it keyed. */
    public long run() {
        long keyed = 0;
        for (Table table : TABLES) {
            long before = keyed;
            while (!Thread.currentThread().isInterrupted()) {
                List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(table.select() + " LIMIT :n")
                        .bind("n", BATCH).mapToMap().list());
                if (rows.isEmpty()) {
                    break;
                }
                int written = jdbi.inTransaction(h -> {
                    PreparedBatch batch = h.prepareBatch(table.update());
                    rows.forEach(row -> {
                        table.key().accept(row, batch);
                        batch.add();
                    });
                    int sum = 0;
                    for (int n : batch.execute()) {
                        sum += n;
                    }
                    return sum;
                });
                keyed += written;
                if (written == 0 || rows.size() < BATCH) {
                    break; // changed by someone else meanwhile (keyed then, or next run), or the last batch
                }
            }
            if (keyed > before) {
                LOG.info("search: keyed {} rows of {} (stored before sql/V21 or written around aftercare)",
                        keyed - before, table.name());
            }
        }
        return keyed;
    }

    /** Binds an order or serial number, its key and its rkey. */
    private static void code(PreparedBatch batch, Object number) {
        String key = SearchKeys.code((String) number);
        batch.bind("value", (String) number).bind("key", key).bind("rkey", SearchKeys.reversed(key));
    }

    /** {@link #run()} for a scheduler: a failure (a locked or unreachable database) is logged and retried next time. */
    public void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("search: could not key rows for search this time: {}", e.toString());
        }
    }
}
