package io.aftercare.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.config.ConfigLoader;
import io.aftercare.persistence.Database;
import io.aftercare.surveys.SurveyCallees;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The callback request service and dialer on SQLite and PostgreSQL: one pending callback per number, the placeholder's
 * Originate with the caller's place in line, each attempt settled from its stored contact (answered completes,
 * no answer retries, a lost end fails), and an attempt in progress never placed again by a second or restarted
 * instance.
 */
class CallbackDialerIntegrationTest {
    /** Wednesday 10 June 2026, 15:00 in London: inside every default calling window. */
    private static final Instant START = Instant.parse("2026-06-10T14:00:00Z");
    private static final CallbackDialer.Settings SETTINGS = new CallbackDialer.Settings(Duration.ofMinutes(30), 2,
            Duration.ofMinutes(10), "Local/${digits}@customers", "\"Aftercare\" <1800>");
    @TempDir
    Path dir;
    private Database database;
    private TestDatabases.TestDb testDb;
    private final MutableClock clock = new MutableClock(START);
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    record Sent(String pbx, String id, String channel, String context, String callerId, Duration timeout,
                Map<String, String> vars) {}

    static List<String> kinds() {
        return TestDatabases.kinds().toList();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
            testDb.close();
        }
    }

    private Callbacks open(String kind) {
        testDb = TestDatabases.open(kind, dir);
        database = Database.open(testDb.config());
        database.migrate();
        return new Callbacks(new CallbackDao(database.jdbi()), new PhoneNumbers("GB"), Duration.ofHours(24), clock);
    }

    private CallbackDialer dialer(Callbacks callbacks, String owner, int waitingAhead) {
        PhoneNumbers phones = new PhoneNumbers("GB");
        return new CallbackDialer(callbacks.dao(), new SurveyCallees(phones),
                SurveyCallees.window(ConfigLoader.defaults().surveys()), SETTINGS, "pbx1", owner,
                (pbx, id, channel, context, exten, callerId, timeout, vars) -> {
                    sent.add(new Sent(pbx, id, channel, context, callerId, timeout, vars));
                    return CompletableFuture.completedFuture("Originate successfully queued");
                }, (queue, since) -> waitingAhead, new io.aftercare.surveys.SurveyJobDao(database.jdbi())::place,
                Runnable::run, clock);
    }

    private static CallbackRequest request(CallbackSource source, String number, Instant since) {
        return new CallbackRequest(source, "pbx1", "repairs", number, null, "1717.1", since, "en");
    }

    private void contact(String linkedId, String outcome, String agent) {
        database.jdbi().useHandle(h -> h.createUpdate("INSERT INTO contacts (pbx_id, linkedid, entered_at, outcome,"
                        + " kind, answered_by, answered_at) VALUES ('pbx1', :l, :t, :o, 'callback', :a, :ans)")
                .bind("l", linkedId).bind("t", clock.instant().toEpochMilli()).bind("o", outcome).bind("a", agent)
                .bind("ans", outcome.equals("answered") ? clock.instant().toEpochMilli() : null).execute());
    }

    private void ended(String linkedId, String outcome) {
        database.jdbi().useHandle(h -> h.createUpdate("UPDATE contacts SET outcome = :o, ended_at = :t,"
                        + " answered_by = :a, answered_at = :ans WHERE linkedid = :l").bind("o", outcome)
                .bind("t", clock.instant().toEpochMilli()).bind("l", linkedId)
                .bind("a", outcome.equals("answered") ? "Local/agent1@agents" : null)
                .bind("ans", outcome.equals("answered") ? clock.instant().toEpochMilli() : null).execute());
    }

    private Callback only(Callbacks callbacks) {
        List<Callback> all = callbacks.dao().list(List.of(), 10);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCallbackHoldsThePlaceOfItsCallerAndCompletesWhenTheCustomerAnswers(String kind) {
        Callbacks callbacks = open(kind);
        Instant since = START.minusSeconds(95);
        assertThat(callbacks.request(request(CallbackSource.VIRTUAL_HOLD, "020 7946 0018", since))).isPresent();
        assertThat(callbacks.request(request(CallbackSource.VIRTUAL_HOLD, "+442079460018", START)))
                .as("one pending callback per number").isEmpty();
        assertThat(callbacks.request(request(CallbackSource.VIRTUAL_HOLD, "not a number", START))).isEmpty();

        assertThat(dialer(callbacks, "a", 2).tick()).isEqualTo(1);
        Callback c = only(callbacks);
        assertThat(c.state()).isEqualTo("queued");
        assertThat(c.e164()).isEqualTo("+442079460018");
        assertThat(c.waitingSince()).isEqualTo(since);
        Sent s = sent.get(0);
        assertThat(s.id()).isEqualTo("callback-" + c.id() + "-1").isEqualTo(c.actionId());
        assertThat(s.channel()).isEqualTo(CallbackDialer.HOLD_CHANNEL);
        assertThat(s.context()).isEqualTo(CallbackDialer.CALLBACK_CONTEXT);
        assertThat(s.timeout()).isEqualTo(SETTINGS.maxQueueWait());
        assertThat(s.callerId()).contains("<442079460018>");
        assertThat(s.vars()).containsEntry("AC_CALLBACK_QUEUE", "repairs").containsEntry("AC_CALLBACK_POSITION", "3")
                .containsEntry("AC_CUSTOMER_CHANNEL", "Local/442079460018@customers");

        // the placeholder waits in the queue; another instance, and this one again, leave it be
        contact(c.actionId(), "open", null);
        clock.advance(Duration.ofMinutes(5));
        assertThat(dialer(callbacks, "b", 0).tick()).isZero();
        clock.advance(Duration.ofMinutes(40)); // past the lease: still on the PBX, so the lease is extended
        assertThat(dialer(callbacks, "b", 0).tick()).isZero();
        assertThat(only(callbacks).state()).isEqualTo("queued");

        ended(c.actionId(), "answered");
        dialer(callbacks, "b", 0).tick();
        Callback done = only(callbacks);
        assertThat(done.state()).isEqualTo("completed");
        assertThat(done.agent()).isEqualTo("Local/agent1@agents");
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(sent).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCallerWhoAskedIsCalledBackAtOnceButAnAutomaticCallbackWaitsForTheCallingWindow(String kind) {
        Callbacks callbacks = open(kind);
        clock.set(Instant.parse("2026-06-10T21:00:00Z")); // Wednesday 22:00 in London: outside every window
        callbacks.request(request(CallbackSource.VIRTUAL_HOLD, "+442079460018", clock.instant()));
        callbacks.request(request(CallbackSource.ABANDONED, "+442079460019", clock.instant()));
        dialer(callbacks, "a", 0).tick();
        assertThat(sent).singleElement().satisfies(s -> assertThat(s.vars())
                .containsEntry("AC_CUSTOMER_CHANNEL", "Local/442079460018@customers"));
        List<Callback> all = callbacks.dao().list(List.of(), 10);
        assertThat(all).extracting(Callback::source, Callback::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CallbackSource.ABANDONED, "scheduled"),
                org.assertj.core.groups.Tuple.tuple(CallbackSource.VIRTUAL_HOLD, "queued"));
        assertThat(all.get(0).dueAt()).isEqualTo(Instant.parse("2026-06-11T08:00:00Z")); // Thursday 09:00 in London
        assertThat(callbacks.dao().list(List.of("queued", "completed"), 10)).extracting(Callback::source)
                .containsExactly(CallbackSource.VIRTUAL_HOLD);
        assertThat(all.get(0).detail()).contains("calling window");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anUnansweredAttemptIsRetriedAfterTheBackoffAndALostOneIsNeverPlacedAgain(String kind) {
        Callbacks callbacks = open(kind);
        callbacks.request(request(CallbackSource.VIRTUAL_HOLD, "+442079460018", START));
        CallbackDialer dialer = dialer(callbacks, "a", 0);
        dialer.tick();
        String first = only(callbacks).actionId();
        contact(first, "no_answer", null);
        ended(first, "no_answer");
        dialer.tick();
        Callback retry = only(callbacks);
        assertThat(retry.state()).isEqualTo("scheduled");
        assertThat(retry.lastOutcome()).isEqualTo("no_answer");
        assertThat(retry.dueAt()).isEqualTo(START.plus(SETTINGS.retryBackoff()));
        dialer.tick();
        assertThat(sent).hasSize(1); // not before the backoff

        clock.advance(SETTINGS.retryBackoff());
        dialer.tick();
        Callback second = only(callbacks);
        assertThat(second.actionId()).isEqualTo("callback-" + second.id() + "-2");
        contact(second.actionId(), "lost_track", null);
        ended(second.actionId(), "lost_track");
        dialer.tick();
        assertThat(only(callbacks).state()).as("an end not seen may have reached the customer").isEqualTo("failed");
        assertThat(sent).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anAttemptThatNeverShowsUpIsRetriedAfterItsLeaseAndTheDoNotCallListStopsAutomaticCallbacks(String kind) {
        Callbacks callbacks = open(kind);
        callbacks.request(request(CallbackSource.VIRTUAL_HOLD, "+442079460018", START));
        dialer(callbacks, "a", 0).tick();
        clock.advance(SETTINGS.maxQueueWait().plusMinutes(6)); // the lease: no contact was ever stored
        dialer(callbacks, "b", 0).tick();
        Callback c = only(callbacks);
        assertThat(c.state()).isEqualTo("scheduled");
        assertThat(c.detail()).contains("never showed");

        database.jdbi().useHandle(h -> h.execute("INSERT INTO do_not_call (e164, source, created_at)"
                + " VALUES ('+442079460019', 'api', 0)"));
        assertThat(callbacks.request(request(CallbackSource.ABANDONED, "+442079460019", START))).isEmpty();
        assertThat(callbacks.request(request(CallbackSource.VIRTUAL_HOLD, "+442079460019", START)))
                .as("the caller asked for this one").isPresent();
        assertThat(callbacks.cancel(c.id(), "supervisor")).isTrue();
        assertThat(callbacks.dao().find(c.id()).orElseThrow().state()).isEqualTo("cancelled");
    }
}
