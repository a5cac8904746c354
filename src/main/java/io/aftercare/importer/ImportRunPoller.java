package io.aftercare.importer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In the server: reads the imports of the last day from {@code import_runs} every {@link #EVERY} on its own thread
 * into an immutable {@link Snapshot}, which {@code /metrics} shows without touching the database. Imports run in the
 * {@code aftercare import} process, which records them ({@link ImportRecorder}). Thread-safe.
 */
public final class ImportRunPoller implements AutoCloseable {
    public static final Duration EVERY = Duration.ofSeconds(10);
    /** How far back runs are read. */
    public static final Duration WINDOW = Duration.ofHours(24);
    /** An unfinished run not updated for this long is taken as dead (its process killed), not running. */
    public static final Duration STALE = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunPoller.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("import-runs").daemon(true).factory());
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, List.of());
    private boolean warned; // poller thread only

    public ImportRunPoller(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Polls now and then every {@link #EVERY}. */
    public ImportRunPoller start() {
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The runs as of the last poll. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Reads the runs now (the poller's thread, or a test's). */
    public Snapshot poll() {
        Instant now = clock.instant();
        List<ImportRun> runs = jdbi.withExtension(ImportRunDao.class, dao -> dao.since(now.minus(WINDOW)));
        snapshot = new Snapshot(now, runs);
        return snapshot;
    }

    private void pollQuietly() {
        try {
            poll();
            warned = false;
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("import runs not read for /metrics (tried again every {} s): {}", EVERY.toSeconds(),
                        e.toString());
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        poller.shutdownNow();
        poller.awaitTermination(5, TimeUnit.SECONDS); // before the database closes
    }

    /** The runs of the last day as read at {@code at}, newest first. Immutable. */
    public record Snapshot(Instant at, List<ImportRun> runs) {
        public Snapshot {
            Objects.requireNonNull(at);
            runs = List.copyOf(runs);
        }

        /** The kind's latest run, finished or not. */
        public Optional<ImportRun> latest(ImportKind kind) {
            return runs.stream().filter(r -> r.kind().equals(kind.code()))
                    .max(Comparator.comparing(ImportRun::startedAt).thenComparingLong(ImportRun::id));
        }

        /** Whether a run of the kind is unfinished and was updated within {@link #STALE} of {@code at}. */
        public boolean running(ImportKind kind) {
            return runs.stream().anyMatch(r -> r.kind().equals(kind.code()) && r.finishedAt() == null
                    && r.updatedAt().isAfter(at.minus(STALE)));
        }

        /** When the kind's last run finished (done or failed). */
        public Optional<Instant> lastFinished(ImportKind kind) {
            return runs.stream().filter(r -> r.kind().equals(kind.code()) && r.finishedAt() != null)
                    .map(ImportRun::finishedAt).max(Comparator.naturalOrder());
        }
    }
}
