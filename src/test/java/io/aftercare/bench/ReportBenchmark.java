package io.aftercare.bench;

import io.aftercare.config.AftercareConfig;
import io.aftercare.metrics.CallMetrics;
import io.aftercare.persistence.Database;
import io.aftercare.reports.QueueReportRow;
import io.aftercare.reports.ReportRequest;
import io.aftercare.reports.ReportService;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.DateRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jdbi.v3.core.Handle;

/**
 * One-day queue and agent reports over a contacts table of {@code days} x {@code perDay} calls (1,000,000 by
 * default), on SQLite and on PostgreSQL (when reachable at the test server). Calls are bulk-inserted with
 * multi-row prepared INSERTs in batches (contacts and their queue, talk, hold and wrap-up segments), then
 * {@link ReportService#queues} and {@link ReportService#agents} are timed for the last day (nothing after it) and
 * for a day in the middle (the 7-day FCR window after it holds 7 more days of calls, which the service loads).
 * Baseline in the same run: {@code SELECT count(*)} of the day's contacts with the same WHERE as the loader.
 * A plain main, not a test; see doc/benchmarks.md.
 *
 * <p>Arguments (all optional): days (30), calls per day (33334), timed runs per figure (5), databases
 * ({@code sqlite,postgresql}).
 */
public final class ReportBenchmark {
    private static final String PBX = "pbx1";
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    private static final int QUEUES = 20;
    private static final int AGENTS = 300;
    private static final int ROWS_PER_INSERT = 200;

    public static void main(String[] args) throws Exception {
        int days = arg(args, 0, 30);
        int perDay = arg(args, 1, 33_334);
        int runs = arg(args, 2, 5);
        List<String> kinds = List.of((args.length > 3 ? args[3] : "sqlite,postgresql").split(","));
        for (String kind : kinds) {
            if (kind.equals("postgresql") && !TestDatabases.postgresAvailable()) {
                System.out.println("postgresql: not reachable, skipped");
                continue;
            }
            Path dir = Files.createTempDirectory("aftercare-report-bench");
            try (TestDatabases.TestDb db = TestDatabases.open(kind, dir)) {
                run(kind, db.config(), days, perDay, runs);
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static void run(String kind, AftercareConfig.Db config, int days, int perDay, int runs) throws Exception {
        try (Database database = Database.open(config)) {
            database.migrate();
            long t0 = System.nanoTime();
            try (Handle h = database.jdbi().open()) {
                load(h.getConnection(), days, perDay);
                h.execute("ANALYZE"); // planner statistics, as a long-running database has them
            }
            System.out.printf("%s: loaded %,d contacts (%d days x %,d) in %.1f s (load average %s)%n", kind,
                    (long) days * perDay, days, perDay, (System.nanoTime() - t0) / 1e9,
                    WallboardSnapshotBenchmark.loadAverage());
            ReportService reports = new ReportService(database.jdbi(), null, PBX,
                    Clock.fixed(END.plus(Duration.ofDays(30)), ZoneOffset.UTC));
            Instant last = END.minus(Duration.ofDays(1));
            Instant middle = END.minus(Duration.ofDays(days / 2));
            for (Instant day : List.of(last, middle)) {
                String which = day.equals(last) ? "last day" : "middle day";
                Instant to = day.plus(Duration.ofDays(1));
                DateRange range = new DateRange(day, to);
                ReportRequest byDay = new ReportRequest(range, CallMetrics.Interval.DAY, ZoneOffset.UTC, List.of());
                ReportRequest byHour = new ReportRequest(range, CallMetrics.Interval.HOUR, ZoneOffset.UTC, List.of());
                long[] count = time(runs, () -> count(database, day, to));
                long[] queues = time(runs, () -> check(reports.queues(byDay)));
                long[] hourly = time(runs, () -> check(reports.queues(byHour)));
                long[] agents = time(runs, () -> reports.agents(byDay).size());
                System.out.printf("%s, %s (%s, %,d contacts offered that day):%n", kind, which, day,
                        count(database, day, to));
                print("  baseline: SELECT count(*) over the day", count);
                print("  queue report, one row per queue", queues);
                print("  queue report, by hour (24 rows per queue)", hourly);
                print("  agent report, one row per agent", agents);
            }
            System.out.printf("%s: done (load average %s)%n", kind, WallboardSnapshotBenchmark.loadAverage());
        }
    }

    private static long check(List<QueueReportRow> rows) {
        long offered = rows.stream().mapToLong(r -> r.calls().offered()).sum();
        if (offered == 0) {
            throw new IllegalStateException("the report saw no calls");
        }
        return offered;
    }

    private static long count(Database database, Instant from, Instant to) {
        try (Handle h = database.jdbi().open(); PreparedStatement s = h.getConnection().prepareStatement(
                "SELECT count(*) FROM contacts WHERE queued_at >= ? AND entered_at < ?")) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One untimed warm-up, then {@code runs} timed calls. */
    private static long[] time(int runs, java.util.function.LongSupplier work) {
        work.getAsLong();
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.getAsLong();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-48s min=%8.1f ms  median=%8.1f ms  max=%8.1f ms%n", what, sorted[0] / 1e6,
                sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /**
     * {@code days} days before {@link #END}, {@code perDay} calls each spread over the whole day: 85 % answered
     * (queue, talk, wrap-up segments, one in four with a hold), 15 % abandoned (queue segment only); 80 % from a
     * known customer of 200,000, with one of five reasons.
     */
    private static void load(Connection c, int days, int perDay) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement queue = c.prepareStatement("INSERT INTO queues (name) VALUES (?)")) {
            for (int q = 0; q < QUEUES; q++) {
                queue.setString(1, queue(q));
                queue.addBatch();
            }
            queue.executeBatch();
        }
        Random random = new Random(42);
        String[] reasons = {"repair", "billing", "delivery", "warranty", "other"};
        try (Rows contacts = new Rows(c, "contacts", "pbx_id, linkedid, queue, answered_by, entered_at, queued_at,"
                + " answered_at, dequeued_at, ended_at, outcome, customer_id, reason_code", 12);
             Rows segments = new Rows(c, "segments", "pbx_id, linkedid, kind, agent, queue, started_at, ended_at", 7)) {
            Instant first = END.minus(Duration.ofDays(days));
            long n = 0;
            for (int d = 0; d < days; d++) {
                long dayStart = first.plus(Duration.ofDays(d)).toEpochMilli();
                for (int i = 0; i < perDay; i++, n++) {
                    String linked = "1790000000." + n;
                    String q = queue(random.nextInt(QUEUES));
                    long entered = dayStart + (long) i * 86_400_000L / perDay;
                    long queued = entered + 5_000 + random.nextInt(20_000);
                    long wait = random.nextInt(90_000);
                    boolean answered = random.nextInt(100) < 85;
                    long dequeued = queued + wait;
                    long talk = 60_000 + random.nextInt(400_000);
                    long ended = answered ? dequeued + talk : dequeued;
                    String agent = answered ? "Local/agent" + random.nextInt(AGENTS) + "@agents" : null;
                    Long customer = random.nextInt(10) < 8 ? (long) random.nextInt(200_000) : null;
                    contacts.add(PBX, linked, q, agent, entered, queued, answered ? dequeued : null, dequeued, ended,
                            answered ? "answered" : wait < 5_000 ? "short_abandon" : "abandoned", customer,
                            reasons[random.nextInt(reasons.length)]);
                    segments.add(PBX, linked, "queue", "", q, queued, dequeued);
                    if (answered) {
                        if (random.nextInt(4) == 0) {
                            long hold = dequeued + talk / 2;
                            segments.add(PBX, linked, "talk", agent, q, dequeued, hold);
                            segments.add(PBX, linked, "hold", agent, q, hold, hold + 20_000);
                            segments.add(PBX, linked, "talk", agent, q, hold + 20_000, ended);
                        } else {
                            segments.add(PBX, linked, "talk", agent, q, dequeued, ended);
                        }
                        segments.add(PBX, linked, "wrapup", agent, q, ended, ended + 30_000);
                    }
                }
                contacts.flush();
                segments.flush();
                c.commit();
            }
        }
        c.setAutoCommit(autoCommit);
    }

    private static String queue(int q) {
        return String.format("queue-%02d", q);
    }

    /** Buffers rows and writes them {@value #ROWS_PER_INSERT} to a multi-row INSERT, batched. */
    private static final class Rows implements AutoCloseable {
        private final Connection connection;
        private final String table;
        private final String columns;
        private final int width;
        private final PreparedStatement many;
        private final List<Object[]> pending = new ArrayList<>();
        private int batched;

        Rows(Connection connection, String table, String columns, int width) throws SQLException {
            this.connection = connection;
            this.table = table;
            this.columns = columns;
            this.width = width;
            this.many = connection.prepareStatement(insert(ROWS_PER_INSERT));
        }

        private String insert(int rows) {
            String one = "(" + "?, ".repeat(width - 1) + "?)";
            return "INSERT INTO " + table + " (" + columns + ") VALUES " + (one + ", ").repeat(rows - 1) + one;
        }

        void add(Object... row) throws SQLException {
            pending.add(row);
            if (pending.size() == ROWS_PER_INSERT) {
                bind(many, pending);
                many.addBatch();
                pending.clear();
                if (++batched == 50) {
                    many.executeBatch();
                    batched = 0;
                }
            }
        }

        void flush() throws SQLException {
            if (batched > 0) {
                many.executeBatch();
                batched = 0;
            }
            if (!pending.isEmpty()) {
                try (PreparedStatement rest = connection.prepareStatement(insert(pending.size()))) {
                    bind(rest, pending);
                    rest.executeUpdate();
                }
                pending.clear();
            }
        }

        private void bind(PreparedStatement s, List<Object[]> rows) throws SQLException {
            int i = 1;
            for (Object[] row : rows) {
                for (Object value : row) {
                    s.setObject(i++, value);
                }
            }
        }

        @Override
        public void close() throws SQLException {
            flush();
            many.close();
        }
    }
}
