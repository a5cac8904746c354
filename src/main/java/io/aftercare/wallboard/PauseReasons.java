package io.aftercare.wallboard;

import java.util.Comparator;
import java.util.List;

/**
 * The pause reasons configured in {@code wallboard.pause_limits}, shortest limit first, with the limit of any other
 * reason: what the board offers a supervisor pausing an agent ({@code GET /api/wallboard/pause-reasons}). Immutable.
 */
public record PauseReasons(List<Reason> reasons, long otherLimitSeconds) {
    /** One configured reason (lower case, as matched) and how long it may last before it is coloured. */
    public record Reason(String reason, long limitSeconds) {}

    public PauseReasons {
        reasons = List.copyOf(reasons);
    }

    public static PauseReasons of(PauseLimits limits) {
        return new PauseReasons(limits.byReason().entrySet().stream()
                .map(e -> new Reason(e.getKey(), e.getValue().toSeconds()))
                .sorted(Comparator.comparingLong(Reason::limitSeconds).thenComparing(Reason::reason))
                .toList(), limits.other().toSeconds());
    }
}
