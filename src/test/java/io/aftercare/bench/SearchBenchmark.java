package io.aftercare.bench;

import io.aftercare.config.AftercareConfig;
import io.aftercare.demo.DemoDataGenerator;
import io.aftercare.persistence.Database;
import io.aftercare.search.CustomerSearch;
import io.aftercare.search.SearchKeyBackfill;
import io.aftercare.search.SearchResults;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /api/search}'s service over the demo generator's world ({@code customers} customers, 100,000 by
 * default: about 1.4 phones, 3 orders, 3.2 serial numbers and 3.9 warranties each), on SQLite and on PostgreSQL
 * (when reachable at the test server): each query of a fixed list timed {@code runs} times after one warm-up,
 * then the backfill of the first start after sql/V21 (every key set to NULL, then keyed again). A plain main, not
 * a test; see doc/benchmarks.md, "Search".
 *
 * <p>Arguments (all optional): customers (100000), timed runs per query (9), databases ({@code sqlite,postgresql}).
 */
public final class SearchBenchmark {
    /**
     * What agents type: each kind whole and partial, some that match thousands, one that matches nothing; SERIAL
     * stands for a serial number of the generated world, written as it is, as read out, and its last five.
     */
    private static final List<String> QUERIES = List.of(
            "so-104031", "104031", "SO 1040", "SERIAL", "serial read out", "serial end",
            "Smith", "ünal", "jack hoffmann", "hoffmann1@example.com", "example.com",
            "+1 212 555 0123", "2125550123", "555-0123", "zz-nothing-9");

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        List<String> kinds = List.of((args.length > 2 ? args[2] : "sqlite,postgresql").split(","));
        for (String kind : kinds) {
            if (kind.equals("postgresql") && !TestDatabases.postgresAvailable()) {
                System.out.println("postgresql: not reachable, skipped");
                continue;
            }
            Path dir = Files.createTempDirectory("aftercare-search-bench");
            try (TestDatabases.TestDb db = TestDatabases.open(kind, dir)) {
                run(kind, db.config(), customers, runs);
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void run(String kind, AftercareConfig.Db config, int customers, int runs) {
        try (Database database = Database.open(config)) {
            database.migrate();
            var jdbi = database.jdbi();
            Clock clock = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
            System.out.println(kind + ": " + new DemoDataGenerator(jdbi, clock, 42).generate(customers));
            jdbi.useHandle(h -> h.execute("ANALYZE"));
            CustomerSearch search = new CustomerSearch(jdbi, new PhoneNumbers("US"));
            String serial = jdbi.withHandle(h -> h.createQuery("SELECT serial_number FROM order_line_serials"
                    + " ORDER BY order_line_id LIMIT 1 OFFSET :half").bind("half", customers)
                    .mapTo(String.class).one());
            System.out.printf("%-24s %8s %8s %8s %9s %5s%n", "query (" + kind + ")", "min ms", "median", "max",
                    "customers", "more");
            for (String query : QUERIES) {
                String q = switch (query) {
                    case "SERIAL" -> serial;
                    case "serial read out" -> serial.toLowerCase(java.util.Locale.ROOT).substring(0, 2) + " "
                            + serial.substring(2, 5) + "-" + serial.substring(5);
                    case "serial end" -> serial.substring(serial.length() - 5);
                    default -> query;
                };
                SearchResults result = search.search(q, CustomerSearch.DEFAULT_LIMIT); // warm-up
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t0 = System.nanoTime();
                    search.search(q, CustomerSearch.DEFAULT_LIMIT);
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("%-24s %8.1f %8.1f %8.1f %9d %5s%n", q, ms[0], ms[runs / 2], ms[runs - 1],
                        result.customers().size(), result.more());
            }
            long t0 = System.nanoTime();
            jdbi.useHandle(h -> {
                h.execute("UPDATE customers SET name_key = NULL, email_key = NULL");
                h.execute("UPDATE orders SET number_key = NULL");
                h.execute("UPDATE order_line_serials SET serial_key = NULL");
                h.execute("UPDATE warranties SET serial_key = NULL");
            });
            long t1 = System.nanoTime();
            long keyed = new SearchKeyBackfill(jdbi).run();
            long t2 = System.nanoTime();
            System.out.printf("%s: backfill keyed %d rows in %.1f s (%.0f rows/s); clearing them took %.1f s%n", kind,
                    keyed, (t2 - t1) / 1e9, keyed / ((t2 - t1) / 1e9), (t1 - t0) / 1e9);
        }
    }
}
