package io.aftercare.importer;

import io.aftercare.importer.ImportReport.Rejection;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What {@code aftercare import} prints on stderr while it runs: each rejected record as {@code FILE:LINE: reason}
 * as soon as it is found, up to a limit, then only counted; a progress line every few seconds (records read,
 * imported, rejected, rate, and the share of the file read with the time left); after the import,
 * {@link #finish} says how many rejections were not shown. The clock is injected. Not thread-safe.
 */
public final class ImportConsole implements ImportListener {
    /** How often a progress line is printed. */
    public static final Duration EVERY = Duration.ofSeconds(5);

    private final PrintWriter err;
    private final String file;
    private final int maxShown;
    private final LongSupplier nanoTime;
    private final long every;
    private final long started;
    private long lastLine;
    private long rejected;

    /** @param maxShown how many rejected records to print; the others are counted */
    public ImportConsole(PrintWriter err, String file, int maxShown, LongSupplier nanoTime, Duration every) {
        this.err = err;
        this.file = file;
        this.maxShown = maxShown;
        this.nanoTime = nanoTime;
        this.every = every.toNanos();
        this.started = nanoTime.getAsLong();
        this.lastLine = started;
    }

    @Override
    public void rejected(Rejection rejection) {
        if (rejected++ < maxShown) {
            err.println(file + ":" + rejection.line() + ": " + rejection.reason());
            err.flush();
        }
    }

    @Override
    public void progress(ImportProgress progress) {
        long now = nanoTime.getAsLong();
        if (now - lastLine >= every) {
            lastLine = now;
            err.println(line(file, progress, Duration.ofNanos(now - started)));
            err.flush();
        }
    }

    /** After the import: how many rejected records were counted but not printed, if any. */
    public void finish() {
        if (rejected > maxShown) {
            err.println(file + ": " + (rejected - maxShown) + " more rejected lines not shown (the first " + maxShown
                    + " are above; --show-rejected N shows more)");
            err.flush();
        }
    }

    /**
     * e.g. "customers.csv: 120000 lines read, 119990 imported, 10 rejected, 6100 lines/s, 61 % of the file,
     * about 13 s left"; without the share and time left when the file's size is unknown.
     */
    static String line(String file, ImportProgress p, Duration elapsed) {
        double seconds = Math.max(0.001, elapsed.toNanos() / 1e9);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s: %d lines read, %d imported, %d rejected, %.0f lines/s", file, p.read(), p.imported(),
                p.rejected(), p.read() / seconds));
        double fraction = p.fraction();
        if (fraction > 0) {
            long left = Math.round(seconds * (1 - fraction) / fraction);
            text.append(String.format(Locale.ROOT, ", %.0f %% of the file, about %s left", fraction * 100,
                    left < 120 ? left + " s" : (left + 30) / 60 + " min"));
        }
        return text.toString();
    }
}
