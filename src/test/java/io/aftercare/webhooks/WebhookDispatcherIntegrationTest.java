package io.aftercare.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.persistence.Database;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dispatcher against a real receiver on a loopback port and a real database: a receiver that fails, hangs and
 * recovers gets the event once with a 2xx and the same key on every attempt; a hanging receiver holds up no other
 * subscription; deliveries left pending (or held by an attempt that never finished) go out after a restart.
 */
class WebhookDispatcherIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final WebhookDispatcher.Settings FAST = new WebhookDispatcher.Settings(Duration.ofMillis(50),
            Duration.ofMillis(700), 4, 1, Duration.ofDays(7));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final List<WebhookDispatcher.Outcome> outcomes = new CopyOnWriteArrayList<>();
    private TestDatabases.TestDb db;
    private Database database;

    private Jdbi open(String kind) {
        db = TestDatabases.open(kind, dir);
        database = Database.open(db.config());
        database.migrate();
        return database.jdbi();
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
            db.close();
        }
    }

    private WebhookDispatcher dispatcher(Jdbi jdbi) {
        return new WebhookDispatcher(jdbi, clock, FAST, () -> 0.5, outcomes::add).start();
    }

    private WebhookService.Created subscribe(Jdbi jdbi, String url, String... types) {
        return new WebhookService(jdbi, clock, () -> {}).create(new SubscriptionInput(url, null, List.of(types),
                null, "test"));
    }

    private static UUID raise(Jdbi jdbi, EventType type, Instant at) {
        return jdbi.inTransaction(h -> WebhookOutbox.append(h, type, Map.of("caseId", 42), at)).orElseThrow();
    }

    private static Delivery onlyDelivery(Jdbi jdbi, long subscriptionId) {
        List<Delivery> log = new WebhookService(jdbi, java.time.Clock.systemUTC(), () -> {}).deliveries(subscriptionId, Long.MAX_VALUE, 10);
        assertThat(log).hasSize(1);
        return log.getFirst();
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void aReceiverThatFailsThenHangsThenRecoversGetsTheEventOnceWithTheSameKey(String kind) throws Exception {
        Jdbi jdbi = open(kind);
        try (Receiver receiver = new Receiver(500, Receiver.HANG, 200)) {
            var subscription = subscribe(jdbi, receiver.url("/hooks"), "case.opened");
            UUID event = raise(jdbi, EventType.CASE_OPENED, T0);
            try (WebhookDispatcher dispatcher = dispatcher(jdbi)) {
                await().atMost(WAIT).until(() -> onlyDelivery(jdbi, subscription.id()).attempts() == 1);
                Delivery failed = onlyDelivery(jdbi, subscription.id());
                assertThat(failed.status()).isEqualTo("pending");
                assertThat(failed.lastStatusCode()).isEqualTo(500);
                assertThat(failed.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
                assertThat(receiver.requests()).hasSize(1);

                clock.advance(Duration.ofSeconds(10)); // the second attempt hangs past the 0.7 s timeout
                await().atMost(WAIT).until(() -> onlyDelivery(jdbi, subscription.id()).attempts() == 2);
                Delivery hung = onlyDelivery(jdbi, subscription.id());
                assertThat(hung.lastStatusCode()).isNull();
                assertThat(hung.lastError()).contains("no answer within 0.7 s");
                assertThat(hung.nextAttemptAt()).isEqualTo(T0.plusSeconds(40));

                clock.advance(Duration.ofSeconds(30));
                await().atMost(WAIT).until(() -> onlyDelivery(jdbi, subscription.id()).status().equals("delivered"));
                clock.advance(Duration.ofHours(30)); // nothing more is sent once delivered
                Thread.sleep(300);
                assertThat(dispatcher.pending()).isZero();
            }
            Delivery delivered = onlyDelivery(jdbi, subscription.id());
            assertThat(delivered.attempts()).isEqualTo(3);
            assertThat(delivered.deliveredAt()).isEqualTo(T0.plusSeconds(40));
            assertThat(delivered.attemptLog()).extracting(Delivery.Attempt::statusCode)
                    .containsExactly(500, null, 200);
            assertThat(delivered.attemptLog().get(1).error()).contains("no answer");
            assertThat(delivered.attemptLog().get(2).error()).isNull();
            assertThat(outcomes).containsExactly(WebhookDispatcher.Outcome.RETRY, WebhookDispatcher.Outcome.RETRY,
                    WebhookDispatcher.Outcome.DELIVERED);

            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(3);
            for (Receiver.Request r : requests) {
                assertThat(r.header("Idempotency-Key")).isEqualTo(event.toString());
                assertThat(r.header("X-Aftercare-Delivery")).isEqualTo(event.toString());
                assertThat(r.header("X-Aftercare-Event")).isEqualTo("case.opened");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
                assertThat(r.body()).isEqualTo(requests.getFirst().body());
                long timestamp = Long.parseLong(r.header("X-Aftercare-Timestamp"));
                assertThat(WebhookSignature.verify(subscription.secret(), timestamp, r.body(),
                        r.header("X-Aftercare-Signature"))).isTrue();
            }
            assertThat(requests.getFirst().body()).isEqualTo("{\"id\":\"" + event + "\",\"type\":\"case.opened\","
                    + "\"createdAt\":\"2026-12-07T10:00:00Z\",\"data\":{\"caseId\":42}}");
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void aHangingReceiverDoesNotHoldUpAnotherSubscription(String kind) throws Exception {
        Jdbi jdbi = open(kind);
        var slow = new WebhookDispatcher.Settings(Duration.ofMillis(50), Duration.ofSeconds(8), 4, 1,
                Duration.ofDays(7));
        try (Receiver hanging = new Receiver(Receiver.HANG, Receiver.HANG, Receiver.HANG, Receiver.HANG);
             Receiver healthy = new Receiver()) {
            var stuck = subscribe(jdbi, hanging.url("/"), "survey.detractor");
            subscribe(jdbi, healthy.url("/"), "survey.detractor");
            for (int i = 0; i < 5; i++) {
                raise(jdbi, EventType.SURVEY_DETRACTOR, T0);
            }
            long started = System.nanoTime();
            try (WebhookDispatcher ignored = new WebhookDispatcher(jdbi, clock, slow, () -> 0.5, outcomes::add)
                    .start()) {
                await().atMost(WAIT).until(() -> healthy.requests().size() == 5);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("well within one hung request's timeout")
                        .isLessThan(Duration.ofSeconds(6));
                assertThat(hanging.requests()).as("one attempt at a time for the hanging one").hasSize(1);
            }
        }
        List<String> states = jdbi.withHandle(h -> h.createQuery("SELECT d.status FROM webhook_deliveries d"
                + " WHERE d.subscription_id = :s").bind("s", 1L).mapTo(String.class).list());
        assertThat(states).hasSize(5).containsOnly("pending");
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void deliveriesLeftPendingOrHeldByALostAttemptGoOutAfterARestart(String kind) throws Exception {
        Jdbi jdbi = open(kind);
        try (Receiver receiver = new Receiver(503)) {
            var subscription = subscribe(jdbi, receiver.url("/in"), "call.ended", "disposition.saved");
            raise(jdbi, EventType.CALL_ENDED, T0);
            try (WebhookDispatcher ignored = dispatcher(jdbi)) {
                await().atMost(WAIT).until(() -> onlyDelivery(jdbi, subscription.id()).attempts() == 1);
            }
            // raised while no dispatcher runs; and one taken by an attempt of a process that then died
            raise(jdbi, EventType.DISPOSITION_SAVED, T0);
            UUID held = raise(jdbi, EventType.CALL_ENDED, T0);
            int claimed = jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET next_attempt_at = :lease"
                            + " WHERE outbox_id = (SELECT id FROM webhook_outbox WHERE event_id = :e)")
                    .bind("lease", T0.plusSeconds(40).toEpochMilli()).bind("e", held.toString()).execute());
            assertThat(claimed).isEqualTo(1);

            clock.advance(Duration.ofSeconds(10));
            try (WebhookDispatcher restarted = dispatcher(jdbi)) {
                await().atMost(WAIT).until(() -> receiver.requests().size() == 3);
                Thread.sleep(200);
                assertThat(receiver.requests()).hasSize(3).noneMatch(r -> r.header("Idempotency-Key")
                        .equals(held.toString()));
                clock.advance(Duration.ofSeconds(30)); // the dead attempt's lease is over
                await().atMost(WAIT).until(() -> receiver.requests().size() == 4);
                await().atMost(WAIT).until(() -> restarted.pending() == 0);
            }
            List<String> states = jdbi.withHandle(h -> h.createQuery("SELECT status FROM webhook_deliveries")
                    .mapTo(String.class).list());
            assertThat(states).hasSize(3).containsOnly("delivered");
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void eventsOlderThanTheRetentionArePrunedWithTheirDeliveries(String kind) throws Exception {
        Jdbi jdbi = open(kind);
        try (Receiver receiver = new Receiver()) {
            subscribe(jdbi, receiver.url("/"), "case.changed");
            raise(jdbi, EventType.CASE_CHANGED, T0.minus(Duration.ofDays(8)));
            raise(jdbi, EventType.CASE_CHANGED, T0.minus(Duration.ofDays(1)));
            try (WebhookDispatcher ignored = dispatcher(jdbi)) {
                await().atMost(WAIT).until(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM webhook_outbox").mapTo(Integer.class).one()) == 1);
            }
            int deliveries = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries")
                    .mapTo(Integer.class).one());
            assertThat(deliveries).isEqualTo(1);
        }
    }
}
