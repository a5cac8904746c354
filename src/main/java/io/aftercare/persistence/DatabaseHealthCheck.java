package io.aftercare.persistence;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's state for {@code /health}: up, or the {@link DatabaseFault} a write probe met (a read-only SQLite
 * file answers reads, so only a write shows it). The answer is kept for {@code maxAge}, so polling /health costs
 * at most one probe per period; a change of state is logged. Thread-safe: concurrent callers share one probe.
 */
public final class DatabaseHealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealthCheck.class);

    /** A write that changes nothing; throws what the database says. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    private final Probe probe;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private long checkedAt;
    private Optional<DatabaseFault> last; // null before the first check

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}), not the business clock tests pin */
    public DatabaseHealthCheck(Probe probe, LongSupplier nanoTime, Duration maxAge) {
        this.probe = probe;
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** Empty while the database takes writes; otherwise what is wrong. */
    public synchronized Optional<DatabaseFault> check() {
        if (last != null && nanoTime.getAsLong() - checkedAt < maxAgeNanos) {
            return last;
        }
        Optional<DatabaseFault> now;
        try {
            probe.run();
            now = Optional.empty();
        } catch (Exception e) {
            now = Optional.of(DatabaseFault.of(e).orElseGet(() ->
                    new DatabaseFault(DatabaseFault.Kind.DOWN, "the database check failed: " + e)));
        }
        if (now.isPresent() && (last == null || !now.equals(last))) {
            LOG.warn("database {}: {}", now.get().kind().code(), now.get().reason());
        } else if (now.isEmpty() && last != null && last.isPresent()) {
            LOG.info("database up again");
        }
        checkedAt = nanoTime.getAsLong(); // after the probe: a slow one does not leave a stale answer
        last = now;
        return now;
    }
}
