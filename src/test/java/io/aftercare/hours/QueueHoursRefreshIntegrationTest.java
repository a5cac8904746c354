package io.aftercare.hours;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.persistence.Database;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hours older than 30 s are re-read on the refresher while calls go on with the ones held (real SQLite). */
class QueueHoursRefreshIntegrationTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    Path dir;
    private Database database;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T12:00:00Z"));
    private final List<Runnable> pending = new ArrayList<>();

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.sqliteConfig(dir));
        database.migrate();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void moveRepairsToNewYork() {
        database.jdbi().useHandle(h -> h.execute("UPDATE queues SET time_zone = ? WHERE name = 'repairs'",
                NEW_YORK.getId()));
    }

    @Test
    void oldHoursAreAnsweredWhileOneReReadRunsOnTheRefresher() {
        QueueHoursService hours = new QueueHoursService(database.jdbi(), clock, pending::add);
        hours.reload();
        moveRepairsToNewYork();

        clock.advance(Duration.ofSeconds(29));
        assertThat(hours.hours("repairs").zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(pending).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        assertThat(hours.hours("repairs").zone()).as("the call is answered from memory").isEqualTo(ZoneId.of("UTC"));
        assertThat(hours.hours("technical").zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(pending).as("one re-read, not one per call").hasSize(1);

        pending.remove(0).run();
        assertThat(hours.hours("repairs").zone()).isEqualTo(NEW_YORK);
    }

    @Test
    void aFailedReReadKeepsTheHoursHeldAndIsTriedAgain() {
        QueueHoursService hours = new QueueHoursService(database.jdbi(), clock, pending::add);
        hours.reload();
        clock.advance(Duration.ofSeconds(31));
        hours.hours("repairs");
        database.jdbi().useHandle(h -> h.execute("ALTER TABLE queue_holidays RENAME TO queue_holidays_gone"));
        pending.remove(0).run(); // fails: logged, not thrown

        assertThat(hours.hours("repairs").zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(pending).as("tried again by the next call").hasSize(1);
        database.jdbi().useHandle(h -> h.execute("ALTER TABLE queue_holidays_gone RENAME TO queue_holidays"));
        moveRepairsToNewYork();
        pending.remove(0).run();
        assertThat(hours.hours("repairs").zone()).isEqualTo(NEW_YORK);
    }

    @Test
    void aFullRefresherDoesNotStopTheCall() {
        Executor full = task -> {
            throw new RejectedExecutionException("queue full");
        };
        QueueHoursService hours = new QueueHoursService(database.jdbi(), clock, full);
        hours.reload();
        moveRepairsToNewYork();
        clock.advance(Duration.ofSeconds(31));

        assertThat(hours.hours("repairs").zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(hours.hours("repairs").zone()).as("asked again, refused again, still answered")
                .isEqualTo(ZoneId.of("UTC"));
        hours.reload();
        assertThat(hours.hours("repairs").zone()).isEqualTo(NEW_YORK);
    }
}
