package io.aftercare.waits;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.calls.CallDao;
import io.aftercare.calls.ContactRecord;
import io.aftercare.calls.Outcome;
import io.aftercare.calls.SegmentKind;
import io.aftercare.calls.SegmentRecord;
import io.aftercare.metrics.MetricsLoader;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.ContactKind;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service over stored calls on SQLite and PostgreSQL: the four weeks read at start, then what is stored since. */
class EstimatedWaitsIntegrationTest {
    /** A Monday, 10:30 UTC. */
    static final Instant NOW = Instant.parse("2026-11-16T10:30:00Z");

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void readsFourWeeksOfStoredCallsThenWhatIsStoredSince(String kind) {
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); Database database = Database.open(db.config())) {
            database.migrate();
            Jdbi jdbi = database.jdbi();
            List<ContactRecord> contacts = new ArrayList<>();
            List<SegmentRecord> segments = new ArrayList<>();
            for (int week = 1; week <= 4; week++) {
                for (int i = 0; i < 5; i++) { // Mondays at 10: 60 s waits; the Tuesdays after: 20 s
                    call(contacts, segments, "mon" + week + i, NOW.minus(Duration.ofDays(7L * week)).plusSeconds(i),
                            60, 240, 60);
                    call(contacts, segments, "tue" + week + i, NOW.minus(Duration.ofDays(7L * week - 1))
                            .plusSeconds(i), 20, 240, 60);
                }
            }
            call(contacts, segments, "old", NOW.minus(Duration.ofDays(36)), 900, 900, 0); // out of the window
            contacts.add(contact("gone", NOW.minus(Duration.ofDays(2)), null, 30, Outcome.ABANDONED));
            segments.add(segment("gone", SegmentKind.QUEUE, "", NOW.minus(Duration.ofDays(2)), 30));
            store(jdbi, contacts, segments);

            MutableClock clock = new MutableClock(NOW);
            QueueFloor floor = new QueueFloor("vip", 1, 2, 0);
            EstimatedWaits waits = new EstimatedWaits(new MetricsLoader(jdbi),
                    q -> CompletableFuture.completedFuture(floor), clock, ZoneOffset.UTC);
            assertThat(waits.estimate("vip", NOW).orElseThrow().basis()).isEqualTo(Estimate.Basis.NO_DATA);
            waits.refresh();

            Estimate e = waits.estimate("vip", NOW).orElseThrow();
            assertThat(e.basis()).isEqualTo(Estimate.Basis.LIVE_AND_HISTORY);
            assertThat(e.waitedCalls()).isEqualTo(40);
            assertThat(e.handledCalls()).isEqualTo(40);
            // 1 ahead (1 abandon in 41 offers shrinks it a little), then the first of 2 agents to free up: all
            // handle times are 300 s, so on average half of one is left; 2 agents
            double abandonShare = 1 / (41 + WaitEstimator.PRIOR);
            assertThat(e.liveMillis()).isEqualTo(Math.round((1.5 - abandonShare) * 300_000 / 2));
            // Mondays' 60 s over 20 calls, shrunk toward the 10 o'clock mean of 40 s
            assertThat(e.historyMillis()).isEqualTo(Math.round((20 * 60_000 + 10 * 40_000.0) / 30));

            // A call answered after 90 s now: counted at the next refresh; its handle time 10 minutes after it ends.
            List<ContactRecord> later = new ArrayList<>();
            List<SegmentRecord> laterSegments = new ArrayList<>();
            call(later, laterSegments, "new", NOW.plusSeconds(5), 90, 30, 10);
            store(jdbi, later, laterSegments);
            clock.advance(Duration.ofMinutes(3));
            waits.refresh();
            e = waits.estimate("vip", clock.instant()).orElseThrow();
            assertThat(e.waitedCalls()).isEqualTo(41);
            assertThat(e.handledCalls()).isEqualTo(40);
            clock.advance(Duration.ofMinutes(15));
            waits.refresh();
            waits.refresh(); // nothing new: nothing counted twice
            e = waits.estimate("vip", clock.instant()).orElseThrow();
            assertThat(e.waitedCalls()).isEqualTo(41);
            assertThat(e.handledCalls()).isEqualTo(41);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void noTrackingAnswerGivesNoEstimate(String kind) {
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); Database database = Database.open(db.config())) {
            database.migrate();
            EstimatedWaits waits = new EstimatedWaits(new MetricsLoader(database.jdbi()),
                    q -> CompletableFuture.failedFuture(new IllegalStateException("stopped")),
                    new MutableClock(NOW), ZoneOffset.UTC);
            waits.refresh();
            assertThat(waits.estimate("vip", NOW)).isEmpty();
        }
    }

    static void store(Jdbi jdbi, List<ContactRecord> contacts, List<SegmentRecord> segments) {
        jdbi.useExtension(CallDao.class, dao -> {
            dao.upsertContacts(contacts);
            dao.upsertSegments(segments);
        });
    }

    /** An answered call in queue vip: wait, talk and wrap-up in seconds. */
    static void call(List<ContactRecord> contacts, List<SegmentRecord> segments, String id, Instant queued, int wait,
                     int talk, int wrapup) {
        Instant answered = queued.plusSeconds(wait);
        contacts.add(contact(id, queued, answered, wait + talk, Outcome.ANSWERED));
        segments.add(segment(id, SegmentKind.QUEUE, "", queued, wait));
        segments.add(segment(id, SegmentKind.TALK, "a1", answered, talk));
        segments.add(segment(id, SegmentKind.WRAPUP, "a1", answered.plusSeconds(talk), wrapup));
    }

    static ContactRecord contact(String id, Instant queued, Instant answered, int endsAfter, Outcome outcome) {
        return new ContactRecord("pbx1", id, "2125550123", null, null, "vip", answered == null ? null : "a1",
                queued.minusSeconds(5), queued, answered, answered == null ? queued.plusSeconds(endsAfter) : answered,
                queued.plusSeconds(endsAfter), outcome, false, null, null, ContactKind.INBOUND);
    }

    static SegmentRecord segment(String id, SegmentKind kind, String agent, Instant from, int seconds) {
        return new SegmentRecord("pbx1", id, kind, agent, "vip", from, from.plusSeconds(seconds));
    }
}
