package io.aftercare.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.App;
import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.FastAgiServer;
import io.aftercare.agi.ScriptRegistry;
import io.aftercare.fake.FakeAgiClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockedDatabaseIntegrationTest {
    private static final Duration BUDGET = Duration.ofMillis(300);

    @TempDir
    Path dir;

    /** A VIP written around aftercare, with no journal row: the caller directory does not hold it, the database does. */
    private static final String DATABASE_ONLY_VIP = "2122000055";

    private static void addDatabaseOnlyVip(App app) {
        long now = RoutingTestWorld.NOW.toEpochMilli();
        app.database().jdbi().useHandle(h -> {
            h.execute("INSERT INTO customers (id, name, language, tier, created_at, updated_at)"
                    + " VALUES (55, 'Dora Database', 'en', 'vip', ?, ?)", now, now);
            h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES ('+12122000055', 55, ?)", now);
        });
    }

    @Test
    void writeLockedDatabaseStillRoutesAndRecordsTheDecisionOnceReleased() throws Exception {
        try (App app = RoutingTestWorld.start(dir, Map.of("AFTERCARE_DB_BUSY_TIMEOUT_MS", "10000"))) {
            addDatabaseOnlyVip(app); // read under the write lock, not from memory
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("aftercare.db"));
                 Statement st = lock.createStatement()) {
                st.execute("BEGIN IMMEDIATE"); // the write lock: WAL readers go on, writers wait
                st.executeUpdate("UPDATE customers SET name = name");
                var result = FakeAgiClient.builder().callerId(DATABASE_ONLY_VIP).uniqueId("900.1").build()
                        .run("127.0.0.1", app.agiPort());
                assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "vip");
                assertThat(app.routing().service().recorded("pbx1", "900.1")).isEmpty();
                st.execute("COMMIT");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> app.routing().service().recorded("pbx1", "900.1"),
                    Optional::isPresent);
        }
    }

    @Test
    void aDecisionRefusedByALockHeldPastTheBusyTimeoutIsWrittenOnceTheLockGoes() throws Exception {
        try (App app = RoutingTestWorld.start(dir, Map.of("AFTERCARE_DB_BUSY_TIMEOUT_MS", "100"))) {
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("aftercare.db"));
                 Statement st = lock.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                st.executeUpdate("UPDATE customers SET name = name");
                var result = FakeAgiClient.builder().callerId(RoutingTestWorld.VIP).uniqueId("900.3").build()
                        .run("127.0.0.1", app.agiPort());
                assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "vip");
                // held well past the batch's 100 ms linger and 100 ms busy timeout: the first write is refused
                Thread.sleep(1_000);
                st.execute("COMMIT");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> app.routing().service().recorded("pbx1", "900.3"),
                    Optional::isPresent);
            assertThat(app.routing().recorder().refusals()).as("counted for /metrics").isPositive();
            assertThat(app.routing().recorder().dropped()).isZero();
        }
    }

    @Test
    void backgroundWritesStuckBehindALockLeaveTheRoutesReadsTheirThreads() throws Exception {
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            addDatabaseOnlyVip(app); // its lookup needs a lookup thread
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 2 * app.config().agi().lookupThreads(); i++) { // more than both pools' threads
                app.routing().background().execute(() -> {
                    try {
                        release.await(); // a callback case or IVR selection waiting for the write lock
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            try {
                var result = FakeAgiClient.builder().callerId(DATABASE_ONLY_VIP).uniqueId("900.2").build()
                        .run("127.0.0.1", app.agiPort());
                assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "vip")
                        .containsEntry(DialplanVariables.ROUTE_STATUS, "ok");
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void lookupThatDoesNotAnswerFallsBackWithinBudget() throws Exception {
        Queue<Runnable> stuck = new ArrayDeque<>();
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            long started = System.nanoTime();
            // a number the caller directory does not hold: only the database could say who it is
            var result = callWithStuckLookups(app, stuck, RoutingTestWorld.STRANGER);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "general-support")
                    .containsEntry(DialplanVariables.ROUTE_STATUS, "fallback")
                    .containsEntry(DialplanVariables.RULE, "fallback");
            // Not before the budget; the upper bound is loose because CI machines are shared and noisy.
            assertThat(took).isGreaterThanOrEqualTo(BUDGET).isLessThan(BUDGET.plusSeconds(3));
            assertThat(stuck).isNotEmpty();
        }
    }

    @Test
    void aCallerInTheDirectoryIsRoutedWithNoReadWhileTheDatabaseDoesNotAnswer() throws Exception {
        Queue<Runnable> stuck = new ArrayDeque<>();
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            var result = callWithStuckLookups(app, stuck, RoutingTestWorld.VIP);
            assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "vip")
                    .containsEntry(DialplanVariables.ROUTE_STATUS, "ok");
            assertThat(stuck).isEmpty();
        }
    }

    @Test
    void aCallThatFallsBackStillMeetsTheFallbackQueuesHours() throws Exception {
        Queue<Runnable> stuck = new ArrayDeque<>();
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            String today = RoutingTestWorld.NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
            app.database().jdbi().useHandle(h -> h.execute("INSERT INTO queue_holidays (queue, day, name)"
                    + " VALUES ('general-support', ?, 'Closed')", today));
            app.routing().hours().reload();
            var result = callWithStuckLookups(app, stuck, RoutingTestWorld.STRANGER);
            assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "general-support")
                    .containsEntry(DialplanVariables.ROUTE_STATUS, "fallback")
                    .containsEntry(DialplanVariables.AFTER_HOURS, "1")
                    .containsEntry(DialplanVariables.AFTER_HOURS_ACTION, "voicemail");
        }
    }

    /**
     * One call from {@code caller} through a route script whose database lookups wait in {@code stuck} and never
     * run: a database that does not answer.
     */
    private static FakeAgiClient.Result callWithStuckLookups(App app, Queue<Runnable> stuck, String caller)
            throws Exception {
        Executor pending = stuck::add;
        var script = new RouteAgiScript(app.routing().service(), app.routing().afterHours(), pending, BUDGET, "pbx1",
                RouteObserver.NONE);
        try (FastAgiServer agi = FastAgiServer.start(app.config().withAgiPort(0).agi(),
                ScriptRegistry.builder().register("route", script).build())) {
            return FakeAgiClient.builder().callerId(caller).build().run("127.0.0.1", agi.port());
        }
    }
}
