package io.aftercare.wallboard;

import java.time.Instant;
import java.util.List;

/**
 * Calls offered and answered per interval of {@code bucketSeconds} from {@code from} (today's start) up to now,
 * each call in the interval of its first offer; the last interval is the running one. Immutable.
 */
public record Trend(Instant from, long bucketSeconds, List<Long> offered, List<Long> answered) {
    public Trend {
        offered = List.copyOf(offered);
        answered = List.copyOf(answered);
    }
}
