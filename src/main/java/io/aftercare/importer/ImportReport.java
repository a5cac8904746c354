package io.aftercare.importer;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one import: records read (CSV rows or JSON lines, blank lines and the header not counted),
 * records imported, and one {@link Rejection} per record that was not, in line order. Immutable.
 */
public record ImportReport(ImportKind kind, long read, long imported, List<Rejection> rejected, Duration elapsed) {

    /** A record that was not imported: its line number in the file (1 is the first line) and why. Immutable. */
    public record Rejection(long line, String reason) {
        public Rejection {
            Objects.requireNonNull(reason);
        }
    }

    public ImportReport {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(elapsed);
        rejected = rejected.stream().sorted(Comparator.comparingLong(Rejection::line)).toList();
        if (read != imported + rejected.size()) {
            throw new IllegalArgumentException("read " + read + " != imported " + imported + " + rejected "
                    + rejected.size());
        }
    }

    /** Records read per second of wall time. */
    public double rate() {
        return read / Math.max(0.001, elapsed.toNanos() / 1e9);
    }

    /** e.g. "orders: 100000 lines read, 99990 imported, 10 rejected in 4.2 s (23800 lines/s)". */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%s: %d lines read, %d imported, %d rejected in %.1f s (%.0f lines/s)",
                kind.code(), read, imported, rejected.size(), elapsed.toMillis() / 1000.0, rate());
    }
}
