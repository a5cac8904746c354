package io.aftercare.importer;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one import: records read (CSV rows or JSON lines, blank lines and the header not counted),
 * records imported, of which {@code updated} replaced an existing record (products are upserted by SKU), and one
 * {@link Rejection} per record that was not, in line order. A dry run's figures say what an import would have
 * done; it wrote nothing. Immutable.
 */
public record ImportReport(ImportKind kind, long read, long imported, long updated, List<Rejection> rejected,
                           Duration elapsed, boolean dryRun) {

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
        if (read != imported + rejected.size() || updated > imported) {
            throw new IllegalArgumentException("read " + read + " != imported " + imported + " + rejected "
                    + rejected.size());
        }
    }

    /** Records read per second of wall time. */
    public double rate() {
        return read / Math.max(0.001, elapsed.toNanos() / 1e9);
    }

    /**
     * e.g. "orders: 100000 lines read, 99990 imported, 10 rejected in 4.2 s (23800 lines/s)", "products: 3 lines
     * read, 3 imported (1 updated), 0 rejected in ...", "customers (dry run, nothing written): 2 lines read, 2
     * would be imported, 0 rejected in ...".
     */
    public String summary() {
        String updates = updated == 0 ? "" : dryRun ? " (" + updated + " would update existing ones)"
                : " (" + updated + " updated)";
        return String.format(java.util.Locale.ROOT, "%s%s: %d lines read, %d %s%s, %d rejected in %.1f s (%.0f lines/s)",
                kind.code(), dryRun ? " (dry run, nothing written)" : "", read, imported,
                dryRun ? "would be imported" : "imported", updates, rejected.size(), elapsed.toMillis() / 1000.0, rate());
    }
}
