package io.aftercare.hours;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.persistence.Database;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A caller is promised a callback only when its case is written; otherwise voicemail (real SQLite). The repairs
 * queue opens Mondays 09:00-17:00 UTC and offers callbacks; the clock says Tuesday 20:00.
 */
class CallbackBranchIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final Optional<String> NUMBER = Optional.of("+12125550123");

    @TempDir
    Path dir;
    private Database database;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T20:00:00Z"));
    private QueueHoursService hours;

    @BeforeEach
    void closedQueueWithCallbacks() {
        database = Database.open(TestDatabases.sqliteConfig(dir));
        database.migrate();
        database.jdbi().useHandle(h -> {
            h.execute("INSERT INTO customers (id, name, created_at, updated_at) VALUES (1, 'Alice', 0, 0)");
            h.execute("UPDATE queues SET after_hours_action = 'callback', time_zone = 'UTC' WHERE name = 'repairs'");
            h.execute("INSERT INTO queue_hours (queue, day_of_week, opens, closes) VALUES ('repairs', 1, '09:00', '17:00')");
        });
        hours = new QueueHoursService(database.jdbi(), clock, Runnable::run);
        hours.reload();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private int callbackCases() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM cases WHERE type = 'callback'")
                .mapTo(Integer.class).one());
    }

    private AfterHoursAction branch(Executor background, long customer, Duration wait) {
        return new AfterHoursBranch(hours, background, clock, WAIT)
                .branch("repairs", Optional.of(customer), NUMBER, wait).orElseThrow().action();
    }

    @Test
    void aCallbackIsPromisedOnceItsCaseIsWritten() {
        assertThat(branch(Runnable::run, 1, WAIT)).isEqualTo(AfterHoursAction.CALLBACK);
        assertThat(callbackCases()).isEqualTo(1);
    }

    @Test
    void aPromisedCallbackRaisesCallbackRequestedAndCaseOpenedForWebhooks() throws Exception {
        new io.aftercare.webhooks.WebhookService(database.jdbi(), clock, () -> {}).create(
                new io.aftercare.webhooks.SubscriptionInput("https://crm.example.com/hooks", null,
                        List.of("callback.requested", "case.opened"), null, null));
        assertThat(branch(Runnable::run, 1, WAIT)).isEqualTo(AfterHoursAction.CALLBACK);
        List<String> payloads = database.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM webhook_outbox"
                + " ORDER BY id").mapTo(String.class).list());
        assertThat(payloads).hasSize(2);
        var callback = io.aftercare.web.Json.mapper().readTree(payloads.get(0));
        assertThat(callback.get("queue").asText()).isEqualTo("repairs");
        assertThat(callback.get("reason").asText()).isEqualTo("after_hours");
        assertThat(callback.get("number").asText()).isEqualTo(NUMBER.orElseThrow());
        assertThat(callback.get("callBackFrom").asText()).isEqualTo("2025-03-10T09:00:00Z"); // next Monday
        assertThat(io.aftercare.web.Json.mapper().readTree(payloads.get(1)).at("/case/id").asLong())
                .isEqualTo(callback.get("caseId").asLong());
    }

    @Test
    void aCaseThatCannotBeWrittenGivesVoicemail() {
        assertThat(branch(Runnable::run, 999, WAIT)).as("no such customer: the insert fails")
                .isEqualTo(AfterHoursAction.VOICEMAIL);
        Executor full = task -> {
            throw new RejectedExecutionException("queue full");
        };
        assertThat(branch(full, 1, WAIT)).isEqualTo(AfterHoursAction.VOICEMAIL);
        assertThat(callbackCases()).isZero();
    }

    @Test
    void aCaseNotWrittenWithinTheWaitGivesVoicemailAndIsNotWrittenLater() {
        List<Runnable> stuck = new ArrayList<>(); // a write waiting behind others for the database's lock
        assertThat(branch(stuck::add, 1, Duration.ofMillis(50))).isEqualTo(AfterHoursAction.VOICEMAIL);
        assertThat(stuck).hasSize(1);
        stuck.remove(0).run(); // its turn comes after the caller was sent to voicemail
        assertThat(callbackCases()).as("cancelled: no callback for a caller who left a voicemail").isZero();
        assertThat(branch(stuck::add, 1, Duration.ZERO)).as("no time left: not even queued")
                .isEqualTo(AfterHoursAction.VOICEMAIL);
        assertThat(stuck).isEmpty();
    }

    @Test
    void anOpenQueueHasNoBranchAndAnUnknownCallerGetsVoicemail() {
        AfterHoursBranch branch = new AfterHoursBranch(hours, Runnable::run, clock, WAIT);
        assertThat(branch.branch("repairs", Optional.empty(), NUMBER, WAIT).orElseThrow().action())
                .isEqualTo(AfterHoursAction.VOICEMAIL);
        clock.set(Instant.parse("2025-03-03T10:00:00Z")); // Monday 10:00
        assertThat(branch.branch("repairs", Optional.of(1L), NUMBER, WAIT)).isEmpty();
        assertThat(callbackCases()).isZero();
    }
}
