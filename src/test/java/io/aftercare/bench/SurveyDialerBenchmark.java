package io.aftercare.bench;

import io.aftercare.ami.AmiConnector;
import io.aftercare.ami.PbxSettings;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.OriginateOutcome;
import io.aftercare.fake.OriginatePolicy;
import io.aftercare.persistence.Database;
import io.aftercare.surveys.SurveyCallees;
import io.aftercare.surveys.SurveyDialer;
import io.aftercare.surveys.SurveyJobDao;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The survey dialer's speed (issue 6): with 1,000,000 scheduled jobs, the next due batch of 100 (the dialer's
 * select, and its claim statement) p50/p99 on SQLite and PostgreSQL next to a primary-key range read measured in
 * the same run; and, under a backlog of 10,000 due jobs, the concurrent Originates the dialer keeps in flight
 * against a FakeAmiServer that answers after a delay. A plain main class, not a test.
 *
 * <p>Usage: {@code SurveyDialerBenchmark [jobs] [seconds] [sqlite|postgresql|both]} (defaults 1000000, 20, both).
 */
public final class SurveyDialerBenchmark {
    /** Wednesday 10 June 2026, 15:00 in London: inside every default calling window. */
    private static final Instant START = Instant.parse("2026-06-10T14:00:00Z");
    private static final int CUSTOMERS = 10_000;
    private static final int WARMUP = 200;
    private static final int ROUNDS = 2_000;

    private SurveyDialerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String which = args.length > 2 ? args[2] : "both";
        System.out.printf("survey dialer benchmark: %,d scheduled jobs, %d s of dialing, %s, %d cores, Java %s%n",
                jobs, seconds, which, Runtime.getRuntime().availableProcessors(), Runtime.version());
        Path dir = Files.createTempDirectory("survey-bench");
        try {
            if (!which.equals("postgresql")) {
                selectBatch(TestDatabases.sqlite(dir), jobs);
            }
            if (!which.equals("sqlite")) {
                if (TestDatabases.postgresAvailable()) {
                    TestDatabases.TestDb pg = TestDatabases.postgres();
                    selectBatch(new TestDatabases.TestDb(pg.name(), pg.config().withUrl(pg.config().url()
                            + "&reWriteBatchedInserts=true"), pg.cleanup()), jobs);
                } else {
                    System.out.println("postgresql: not reachable, skipped");
                }
            }
            Path dialDir = Files.createDirectories(dir.resolve("dial"));
            dialing(TestDatabases.sqlite(dialDir), seconds);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** 1M scheduled jobs, 30 % of them due (more in smaller runs); p50/p99 of the baseline, nextDueIds and claimDue. */
    private static void selectBatch(TestDatabases.TestDb testDb, int jobs) throws Exception {
        try (testDb; Database db = Database.open(testDb.config())) {
            db.migrate();
            long t0 = System.nanoTime();
            // At least 30 %; enough for every claim round to find 100 due jobs when the run is smaller.
            double dueShare = Math.min(1.0, Math.max(0.3, 1.1 * (WARMUP + ROUNDS) * 100.0 / jobs));
            load(db.jdbi(), CUSTOMERS, jobs, dueShare);
            db.jdbi().useHandle(h -> h.execute(testDb.name().equals("sqlite") ? "ANALYZE" : "ANALYZE survey_jobs"));
            System.out.printf("%s: loaded %,d customers and %,d scheduled jobs (%.0f %% due) in %.1f s%n",
                    testDb.name(), CUSTOMERS, jobs, dueShare * 100, (System.nanoTime() - t0) / 1e9);
            Jdbi jdbi = db.jdbi();
            SurveyJobDao dao = new SurveyJobDao(jdbi);
            Instant now = START;
            Random random = new Random(1);
            LongSupplier baseline = () -> jdbi.withHandle(h -> h.createQuery(
                    "SELECT id FROM survey_jobs WHERE id > :from ORDER BY id LIMIT 100")
                    .bind("from", (long) random.nextInt(jobs - 100)).mapTo(Long.class).list()).size();
            LongSupplier select = () -> dao.nextDueIds(now, 100).size();
            // The real claim: each round takes the next 100 due jobs (dialing), as the dialer eats the backlog.
            LongSupplier claim = () -> dao.claimDue("bench", now, now.plusSeconds(45), 100).size();
            String plan = jdbi.withHandle(h -> String.join(" | ", h.createQuery((testDb.name().equals("sqlite")
                    ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + "SELECT id FROM survey_jobs WHERE state = 'scheduled'"
                    + " AND due_at <= :now AND (lease_until IS NULL OR lease_until < :now) ORDER BY due_at LIMIT 100")
                    .bind("now", now.toEpochMilli()).mapToMap().list().stream()
                    .map(row -> String.valueOf(row.getOrDefault("detail", row.values().iterator().next())))
                    .toList()));
            System.out.printf("%s: plan of the due select: %s%n", testDb.name(), plan);
            int claimRounds = Math.min(ROUNDS, (int) (jobs * dueShare / 100) - WARMUP - 10);
            for (var m : List.of(new Measured("baseline PK range read", baseline, ROUNDS),
                    new Measured("nextDueIds (select)", select, ROUNDS),
                    new Measured("claimDue (UPDATE ... RETURNING)", claim, claimRounds))) {
                measure(testDb.name(), m);
            }
        }
    }

    private record Measured(String name, LongSupplier op, int rounds) {}

    private static void measure(String db, Measured m) {
        for (int i = 0; i < WARMUP; i++) {
            check(m.op().getAsLong());
        }
        int rounds = m.rounds();
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            check(m.op().getAsLong());
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%s: %-32s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d rounds of 100 rows)%n", db,
                m.name(), nanos[rounds / 2] / 1e6, nanos[rounds * 99 / 100] / 1e6, nanos[rounds - 1] / 1e6, rounds);
    }

    private static void check(long rows) {
        if (rows != 100) {
            throw new IllegalStateException("expected a batch of 100, got " + rows);
        }
    }

    /** 10,000 due jobs; the dialer runs as SurveysModule runs it; the fake says Busy after 400 ms. */
    private static void dialing(TestDatabases.TestDb testDb, int seconds) throws Exception {
        int concurrency = 20;
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        AtomicInteger originates = new AtomicInteger();
        try (testDb; Database db = Database.open(testDb.config());
             FakeAmiServer pbx = FakeAmiServer.builder().credentials("bench", "bench-secret").start()) {
            db.migrate();
            load(db.jdbi(), 10_000, 10_000, 1.0);
            pbx.originatePolicy(call -> {
                originates.incrementAndGet();
                max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                return new OriginatePolicy.Ring(OriginateOutcome.BUSY, Duration.ofMillis(400), a -> { });
            });
            AmiConnector ami = new AmiConnector(List.of(new PbxSettings("pbx1", "127.0.0.1", pbx.port(), "bench",
                    "bench-secret", Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10))),
                    e -> { }, clock);
            ami.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!"connected".equals(ami.states().get("pbx1"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("AMI did not connect: " + ami.states());
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            AftercareConfig.Surveys d = ConfigLoader.defaults().surveys();
            AftercareConfig.Surveys config = new AftercareConfig.Surveys(true, d.channelTemplate(),
                    d.hotlineCallerId(), d.context(), d.exten(), concurrency, 1000, d.ringTimeout(),
                    d.responseGrace(), d.surveyMax(), 1, d.retryBackoff(), d.validity(), d.minGap(),
                    d.aftersalesDelay(), Duration.ofMillis(50), d.batchSize(), d.windowDefault(), d.windowCountries(),
                    d.holidays(), d.unknownZone(), d.languages(), d.supervisorQueue());
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
            SurveyJobDao dao = new SurveyJobDao(db.jdbi());
            SurveyCallees callees = new SurveyCallees(new PhoneNumbers("GB"));
            SurveyDialer dialer = new SurveyDialer(dao, callees, SurveyCallees.window(config), config, "pbx1",
                    "bench", ami::originate, thread, clock, outcome -> { });
            ami.addOriginateListener(result -> {
                inFlight.decrementAndGet(); // the response reached aftercare: the call is over for the PBX
                dialer.onOriginateResult(result);
            });
            // As SurveysModule wires it: a fixed-delay tick on the dialer's own thread.
            thread.scheduleWithFixedDelay(dialer::tick, 50, 50, TimeUnit.MILLISECONDS);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            long[] samples = new long[2]; // sum, count (after the first second: the ramp-up)
            long rampEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            sampler.scheduleAtFixedRate(() -> {
                if (System.nanoTime() > rampEnd) {
                    synchronized (samples) {
                        samples[0] += inFlight.get();
                        samples[1]++;
                    }
                }
            }, 5, 5, TimeUnit.MILLISECONDS);
            TimeUnit.SECONDS.sleep(seconds); // a benchmark main, not a test: it runs for a wall-clock span
            sampler.shutdownNow();
            thread.shutdownNow();
            thread.awaitTermination(5, TimeUnit.SECONDS);
            int due = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM survey_jobs WHERE state ="
                    + " 'scheduled'").mapTo(Integer.class).one());
            synchronized (samples) {
                System.out.printf("%s: dialer with max_concurrent %d, calls_per_second 1000, tick 50 ms, Busy after"
                                + " 400 ms: %,d Originates in %d s (%.1f/s), in flight max %d, mean %.2f"
                                + " (%,d samples every 5 ms after 1 s of ramp-up); %,d of 10,000 still due%n",
                        testDb.name(), concurrency, originates.get(), seconds, originates.get() / (double) seconds,
                        max.get(), samples[0] / (double) samples[1], samples[1], due);
            }
            ami.close();
        }
    }

    /**
     * {@code customers} consenting London customers, then {@code jobs} scheduled jobs spread over them; a
     * {@code dueShare} of them due within the last hour, the rest over the next 72 hours. JDBC batches of 5,000.
     */
    private static void load(Jdbi jdbi, int customers, int jobs, double dueShare) throws java.sql.SQLException {
        long now = START.toEpochMilli();
        jdbi.useHandle(h -> {
            Connection c = h.getConnection();
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement cust = c.prepareStatement("INSERT INTO customers (id, name, country, time_zone,"
                    + " language, created_at, updated_at) VALUES (?, ?, 'GB', 'Europe/London', 'en', ?, ?)");
                 PreparedStatement phone = c.prepareStatement("INSERT INTO customer_phones (e164, customer_id, kind,"
                         + " created_at) VALUES (?, ?, 'mobile', ?)")) {
                for (int i = 1; i <= customers; i++) {
                    cust.setLong(1, i);
                    cust.setString(2, "Customer " + i);
                    cust.setLong(3, now);
                    cust.setLong(4, now);
                    cust.addBatch();
                    phone.setString(1, number(i));
                    phone.setLong(2, i);
                    phone.setLong(3, now);
                    phone.addBatch();
                    if (i % 5_000 == 0 || i == customers) {
                        cust.executeBatch();
                        phone.executeBatch();
                    }
                }
            }
            c.commit();
            Random random = new Random(6);
            try (PreparedStatement job = c.prepareStatement("INSERT INTO survey_jobs (customer_id, e164, source,"
                    + " pbx_id, language, state, due_at, expires_at, created_at, updated_at) VALUES (?, ?,"
                    + " 'repair_completed', 'pbx1', 'en', 'scheduled', ?, ?, ?, ?)")) {
                for (int i = 0; i < jobs; i++) {
                    int customer = 1 + i % customers;
                    long due = random.nextDouble() < dueShare ? now - random.nextInt(3_600_000)
                            : now + 1 + (long) (random.nextDouble() * 72 * 3_600_000L);
                    job.setLong(1, customer);
                    job.setString(2, number(customer));
                    job.setLong(3, due);
                    job.setLong(4, due + 72 * 3_600_000L);
                    job.setLong(5, now);
                    job.setLong(6, now);
                    job.addBatch();
                    if ((i + 1) % 5_000 == 0 || i == jobs - 1) {
                        job.executeBatch();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(auto);
        });
    }

    /** A UK mobile in the 07700 900xxx drama range and beyond: unique per customer. */
    private static String number(int customer) {
        return String.format("+4477%08d", customer);
    }
}
