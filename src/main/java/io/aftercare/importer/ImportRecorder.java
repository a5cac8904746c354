package io.aftercare.importer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a (not dry) import in {@code import_runs} for the server's {@code /metrics}: a row when it starts, the
 * counts from the progress callbacks at most every {@link #EVERY} (on the importing thread, between chunks, in
 * their own short statements), and the outcome at the end. A write that fails is logged once and never fails the
 * import. Not thread-safe: the importing thread only.
 */
public final class ImportRecorder implements ImportListener {
    /** How often the counts are written while the import runs. */
    public static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ImportRecorder.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration every;
    private final long id; // -1 when the start could not be recorded
    private Instant written;
    private ImportProgress last = new ImportProgress(0, 0, 0, 0, 0);
    private boolean warned;

    private ImportRecorder(Jdbi jdbi, Clock clock, Duration every, ImportKind kind, Path file) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.every = every;
        this.written = clock.instant();
        Path name = file.getFileName();
        this.id = write(-1L, () -> jdbi.withExtension(ImportRunDao.class,
                dao -> dao.start(kind.code(), name == null ? file.toString() : name.toString(), written)));
    }

    /** Records that an import of {@code file} as {@code kind} starts now. */
    public static ImportRecorder start(Jdbi jdbi, Clock clock, ImportKind kind, Path file, Duration every) {
        return new ImportRecorder(jdbi, clock, every, kind, file);
    }

    @Override
    public void progress(ImportProgress progress) {
        last = progress;
        Instant now = clock.instant();
        if (id >= 0 && !now.isBefore(written.plus(every))) {
            written = now;
            write(null, () -> {
                jdbi.useExtension(ImportRunDao.class, dao -> dao.progress(id, now, progress.read(),
                        progress.imported(), progress.rejected()));
                return null;
            });
        }
    }

    /** The import finished: its final counts, outcome {@code done}. */
    public void done(ImportReport report) {
        finish(report.read(), report.imported(), report.rejected().size(), ImportRun.DONE);
    }

    /** The import stopped on an error: the counts last heard, outcome {@code failed}. */
    public void failed() {
        finish(last.read(), last.imported(), last.rejected(), ImportRun.FAILED);
    }

    private void finish(long read, long accepted, long rejected, String outcome) {
        if (id >= 0) {
            Instant now = clock.instant();
            write(null, () -> {
                jdbi.useExtension(ImportRunDao.class, dao -> dao.finish(id, now, read, accepted, rejected, outcome));
                return null;
            });
        }
    }

    private <T> T write(T fallback, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warn("import progress not recorded for /metrics (the import goes on): {}", e.toString());
            }
            return fallback;
        }
    }
}
