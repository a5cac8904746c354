package io.aftercare.wallboard;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when the wallboard hub flushes. A change after a quiet spell is flushed at once (leading edge); changes
 * that come while a flush runs or within a window of the last flush's start are flushed together when that window
 * ends (trailing edge). So under load there is at most one flush per window, and a change waits at most a window
 * plus the flush before it. When flushes take long (an overloaded machine), the next one also waits as long as the
 * last one took, so flushing (which reads the tracker on its thread) never takes more than half the time and the
 * events it would show are not held up behind it. Not thread-safe: use it on one thread (the hub's Vert.x
 * context), timers included.
 */
final class Coalescer {
    /** Runs a task once after a delay, on the coalescer's thread. */
    interface Timers {
        void after(long nanos, Runnable task);
    }

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Timers timers;
    private final Runnable flush;
    private boolean changed; // since the last flush started
    private boolean waiting; // a timer is set for the window's end
    private boolean flushing;
    private boolean flushedBefore;
    private long lastFlushStart;
    private long lastFlushEnd;

    /**
     * @param nanoTime a monotonic time source ({@code System::nanoTime})
     * @param flush starts a flush; whoever runs it calls {@link #flushed} when it has ended, now or later
     */
    Coalescer(Duration window, LongSupplier nanoTime, Timers timers, Runnable flush) {
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.timers = timers;
        this.flush = flush;
    }

    /** Something changed: flush now, or at the end of the window if a flush started less than a window ago. */
    void changed() {
        changed = true;
        next();
    }

    /** The flush started last has ended (sent or failed); a change that came meanwhile is flushed next. */
    void flushed() {
        if (flushing) {
            flushing = false;
            lastFlushEnd = nanoTime.getAsLong();
        }
        next();
    }

    private void next() {
        if (!changed || flushing || waiting) {
            return;
        }
        long wait = flushedBefore ? Math.max(lastFlushStart + windowNanos, 2 * lastFlushEnd - lastFlushStart)
                - nanoTime.getAsLong() : 0;
        if (wait > 0) {
            waiting = true;
            timers.after(wait, () -> {
                waiting = false;
                next();
            });
            return;
        }
        changed = false;
        flushing = true;
        flushedBefore = true;
        lastFlushStart = nanoTime.getAsLong();
        flush.run();
    }
}
