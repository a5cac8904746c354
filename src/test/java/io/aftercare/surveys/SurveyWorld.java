package io.aftercare.surveys;

import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import org.jdbi.v3.core.Jdbi;

/** A migrated database, a pinned clock and the survey parts over them, for the surveys tests. Not thread-safe. */
final class SurveyWorld implements AutoCloseable {
    /** Wednesday 10 June 2026, 15:00 in London: inside every default window. */
    static final Instant START = Instant.parse("2026-06-10T14:00:00Z");

    final Database database;
    final MutableClock clock = new MutableClock(START);
    final SurveyJobDao dao;
    final SurveyCallees callees = new SurveyCallees(new PhoneNumbers("GB"));
    final PendingExecutor executor = new PendingExecutor();
    /** The outcome of every attempt the dialers told, in order. */
    final java.util.List<SurveyDialer.Outcome> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final TestDatabases.TestDb testDb;

    SurveyWorld(Path dir) {
        this(TestDatabases.sqlite(dir));
    }

    /** The same world on any test database (SQLite file or a fresh PostgreSQL schema). */
    SurveyWorld(TestDatabases.TestDb testDb) {
        this.testDb = testDb;
        database = Database.open(testDb.config());
        database.migrate();
        dao = new SurveyJobDao(database.jdbi());
    }

    /** The defaults with these caps; a whole app over them looks for due jobs every 50 ms. */
    static AftercareConfig.Surveys config(int maxConcurrent, int callsPerSecond, int maxAttempts) {
        AftercareConfig.Surveys d = ConfigLoader.defaults().surveys();
        return new AftercareConfig.Surveys(true, "Local/${digits}@customers", "\"Survey\" <1800>", "survey", "s",
                maxConcurrent, callsPerSecond, d.ringTimeout(), d.responseGrace(), d.surveyMax(), maxAttempts,
                d.retryBackoff(), d.validity(), d.minGap(), d.aftersalesDelay(), Duration.ofMillis(50), d.batchSize(),
                d.windowDefault(), d.windowCountries(), d.holidays(), d.unknownZone(), d.languages(),
                d.supervisorQueue());
    }

    SurveyDialer dialer(AftercareConfig.Surveys config, String owner, SurveyDialer.Originator originator) {
        return new SurveyDialer(dao, callees, SurveyCallees.window(config), config, "pbx1", owner, originator,
                executor, clock, attempts::add);
    }

    SurveyScheduler scheduler(AftercareConfig.Surveys config) {
        return new SurveyScheduler(dao, callees, SurveyCallees.window(config), config, clock);
    }

    /** A consenting customer in London with one mobile number; returns the customer id. */
    long customer(String e164) {
        return customer(database.jdbi(), clock.instant(), e164);
    }

    /** The same customer in any database (a whole app's, say). */
    static long customer(Jdbi jdbi, Instant at, String e164) {
        long now = at.toEpochMilli();
        return jdbi.withHandle(h -> {
            long id = h.createQuery("INSERT INTO customers (name, country, time_zone, language, created_at, updated_at)"
                    + " VALUES ('Ann', 'GB', 'Europe/London', 'en', :now, :now) RETURNING id").bind("now", now)
                    .mapTo(Long.class).one();
            h.createUpdate("INSERT INTO customer_phones (e164, customer_id, kind, created_at) VALUES (:e, :c,"
                    + " 'mobile', :now)").bind("e", e164).bind("c", id).bind("now", now).execute();
            return id;
        });
    }

    /** A job due now for that customer, from a call on pbx1. */
    long job(long customerId, String e164) {
        return job(customerId, e164, "pbx1");
    }

    /** A job due now for that customer, from a call on {@code pbxId}. */
    long job(long customerId, String e164, String pbxId) {
        return dao.insert(SurveyJob.scheduled(customerId, e164, "disposition", null, null, pbxId, "1.1",
                "PJSIP/agent1", "repairs", "en", clock.instant(), clock.instant().plus(Duration.ofHours(72))),
                clock.instant());
    }

    String state(long jobId) {
        return dao.find(jobId).orElseThrow().state();
    }

    /**
     * What Asterisk does once the call of {@code attempt} is answered: the survey context's
     * {@code AGI(agi://.../survey?id=${SURVEY_ID}&attempt=${SURVEY_ATTEMPT})}, the callee keying {@code keys}.
     */
    static FakeAgiClient.Result answer(int agiPort, long jobId, int attempt, FakeAgiClient.Builder keys)
            throws java.io.IOException {
        return keys.script("survey?id=" + jobId + "&attempt=" + attempt).context("survey").extension("s")
                .callerId("1800").build().run("127.0.0.1", agiPort);
    }

    @Override
    public void close() {
        database.close();
        testDb.close();
    }

    /** Runs handed-off work when the test says (after jicofo's PendingExecutor). Thread-safe queue. */
    static final class PendingExecutor implements Executor {
        private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        /** Runs every task queued so far; returns how many ran. */
        int runReady() {
            int ran = 0;
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
                ran++;
            }
            return ran;
        }
    }
}
