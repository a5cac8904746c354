package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.ops.ServiceMeters;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Import runs as the CLI records them and as the server's /metrics shows them, on a real SQLite file. */
class ImportRunsIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;
    TestDatabases.TestDb testDb;
    ImportFixture db;
    Jdbi jdbi;

    static List<String> databases() {
        return TestDatabases.kinds().toList();
    }

    private void open(String kind) {
        testDb = TestDatabases.open(kind, dir);
        db = ImportFixture.open(dir, testDb.config());
        jdbi = db.database.jdbi();
    }

    @AfterEach
    void close() {
        db.close();
        testDb.close();
    }

    private ImportRun only() {
        List<ImportRun> runs = jdbi.withExtension(ImportRunDao.class, dao -> dao.since(Instant.EPOCH));
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void progressIsWrittenAtMostEveryFewSecondsAndTheEndWithItsOutcome(String kind) {
        open(kind);
        MutableClock clock = new MutableClock(T0);
        ImportRecorder recorder = ImportRecorder.start(jdbi, clock, ImportKind.ORDERS, dir.resolve("orders.csv"),
                Duration.ofSeconds(5));
        assertThat(only()).extracting(ImportRun::fileName, ImportRun::startedAt, ImportRun::finishedAt)
                .containsExactly("orders.csv", T0, null);

        clock.advance(Duration.ofSeconds(2));
        recorder.progress(new ImportProgress(500, 499, 1, 0, 0));
        assertThat(only().linesRead()).as("too soon").isZero();
        clock.advance(Duration.ofSeconds(3));
        recorder.progress(new ImportProgress(1000, 998, 2, 0, 0));
        assertThat(only()).extracting(ImportRun::linesRead, ImportRun::accepted, ImportRun::rejected,
                ImportRun::updatedAt).containsExactly(1000L, 998L, 2L, T0.plusSeconds(5));
        clock.advance(Duration.ofSeconds(1));
        recorder.progress(new ImportProgress(1500, 1497, 3, 0, 0));
        recorder.failed();

        assertThat(only()).extracting(ImportRun::linesRead, ImportRun::accepted, ImportRun::outcome,
                ImportRun::finishedAt).containsExactly(1500L, 1497L, ImportRun.FAILED, T0.plusSeconds(6));
    }

    @Test
    void aDatabaseThatRefusesTheRecordNeverFailsTheImport() {
        open("sqlite");
        Path file = db.write("customers.csv", "name\nAda\nBob\nCy\n");
        ImportRecorder recorder = ImportRecorder.start(jdbi, Clock.systemUTC(), ImportKind.CUSTOMERS, file,
                Duration.ZERO);
        jdbi.useHandle(h -> h.execute("DROP TABLE import_runs")); // every write from here on fails

        ImportReport report = db.importer(1).importFile(ImportKind.CUSTOMERS, file,
                ImportOptions.DEFAULTS.withListener(recorder));
        recorder.done(report);

        assertThat(report.imported()).isEqualTo(3);
        assertThat(db.count("customers")).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void metricsShowEachKindsLatestRunWhetherOneRunsAndWhenOneLastFinished(String kind) {
        open(kind);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ImportRunPoller poller = new ImportRunPoller(jdbi, Clock.fixed(T0, ZoneOffset.UTC));
        ServiceMeters.importRuns(registry, poller::snapshot);
        assertThat(registry.get("aftercare_import_lines").gauges()).as("every kind and result from the start")
                .hasSize(ImportKind.values().length * 3);
        assertThat(running(registry, "customers")).isZero();

        jdbi.useExtension(ImportRunDao.class, dao -> {
            long older = dao.start("customers", "a.csv", T0.minus(Duration.ofHours(2)));
            dao.finish(older, T0.minus(Duration.ofHours(1)), 10, 9, 1, ImportRun.DONE);
            long latest = dao.start("customers", "b.csv", T0.minus(Duration.ofMinutes(5)));
            dao.progress(latest, T0.minus(Duration.ofMinutes(1)), 700, 690, 10);
            long dead = dao.start("orders", "o.csv", T0.minus(Duration.ofMinutes(10)));
            dao.progress(dead, T0.minus(Duration.ofMinutes(3)), 5, 5, 0);
            long yesterday = dao.start("products", "p.csv", T0.minus(Duration.ofHours(25)));
            dao.finish(yesterday, T0.minus(Duration.ofHours(25)), 3, 3, 0, ImportRun.DONE);
        });
        assertThat(lines(registry, "customers", "read")).as("read only at the poll").isZero();
        poller.poll();

        assertThat(lines(registry, "customers", "read")).isEqualTo(700);
        assertThat(lines(registry, "customers", "accepted")).isEqualTo(690);
        assertThat(lines(registry, "customers", "rejected")).isEqualTo(10);
        assertThat(running(registry, "customers")).isEqualTo(1);
        assertThat(lastFinished(registry, "customers")).isEqualTo(T0.minus(Duration.ofHours(1)).getEpochSecond());
        assertThat(running(registry, "orders")).as("not updated for 3 minutes: its process is gone").isZero();
        assertThat(lines(registry, "orders", "read")).isEqualTo(5);
        assertThat(lines(registry, "products", "read")).as("older than a day").isZero();
        assertThat(lastFinished(registry, "products")).isZero();
    }

    private static double lines(SimpleMeterRegistry registry, String kind, String result) {
        return registry.get("aftercare_import_lines").tag("kind", kind).tag("result", result).gauge().value();
    }

    private static double running(SimpleMeterRegistry registry, String kind) {
        return registry.get("aftercare_import_running").tag("kind", kind).gauge().value();
    }

    private static double lastFinished(SimpleMeterRegistry registry, String kind) {
        return registry.get("aftercare_import_last_finished_seconds").tag("kind", kind).gauge().value();
    }
}
