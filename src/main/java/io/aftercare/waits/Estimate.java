package io.aftercare.waits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The estimated wait of a caller entering a queue now ({@code waitMillis}, null when it cannot be told: nobody
 * staffed, or no data at all), what it rests on ({@code basis}, {@code confidence}), the floor it saw, and its two
 * parts: the live floor's ({@code liveMillis}: callers ahead served at the staffed agents' recent handle time) and
 * the history's ({@code historyMillis}: the answered waits of callers who entered at this hour and weekday), each
 * null when absent; {@code handledCalls} and {@code waitedCalls} count the stored calls behind the handle time and
 * the answered waits. The API writes the milliseconds as {@code ...Seconds}. Immutable.
 */
public record Estimate(String queue, Long waitMillis, Basis basis, Confidence confidence, int ahead, int staffed,
                       int free, Long liveMillis, Long historyMillis, long handledCalls, long waitedCalls) {
    /** What the estimate rests on. */
    public enum Basis implements io.aftercare.core.Coded {
        /** The live floor and the queue's history at this time of day, blended. */
        LIVE_AND_HISTORY,
        /** The live floor only: no answered waits stored for this queue. */
        LIVE,
        /** The history only: agents are staffed but no handle time is stored for this queue yet. */
        HISTORY,
        /** No agent staffed: nobody will answer until one logs in or unpauses, so the wait has no bound. */
        NO_AGENTS,
        /** Agents staffed and callers ahead, but nothing stored to tell how fast they are served. */
        NO_DATA
    }

    /** How far to trust the figure: from the number of stored calls behind it; NONE when there is no figure. */
    public enum Confidence implements io.aftercare.core.Coded { HIGH, MEDIUM, LOW, NONE }

    public Estimate {
        Objects.requireNonNull(queue);
        Objects.requireNonNull(basis);
        Objects.requireNonNull(confidence);
        if (waitMillis != null && waitMillis < 0) {
            throw new IllegalArgumentException("a wait is never negative");
        }
    }

    /** The estimated wait, empty when it cannot be told. */
    public Optional<Duration> expectedWait() {
        return waitMillis == null ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
    }

    /**
     * True when the caller should expect to wait longer than {@code limit}: the estimate is over it, or nobody is
     * staffed (an unbounded wait). False when there is no data to tell.
     */
    public boolean exceeds(Duration limit) {
        return basis == Basis.NO_AGENTS || (waitMillis != null && waitMillis > limit.toMillis());
    }
}
