package io.aftercare.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: 10 s, 30 s, 2 min, 10 min, 1 h, 2 h, 4 h, 8 h and 8 h after the 1st to
 * 9th failed attempt, each stretched or shrunk by up to {@link #JITTER} at random so that many deliveries that
 * failed together do not all come back at once; about 23 h from the first attempt to the tenth, whose failure is
 * final. Pure and thread-safe.
 */
public final class Backoff {
    /** The delays after the 1st, 2nd, ... failed attempt. */
    public static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2),
            Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(8));
    /** Attempts in all before a delivery fails for good. */
    public static final int MAX_ATTEMPTS = SCHEDULE.size() + 1;
    /** The largest share by which a delay is moved either way. */
    public static final double JITTER = 0.2;

    private Backoff() {}

    /**
     * The wait before the next attempt once {@code failedAttempts} attempts failed, or empty when that was the
     * last. {@code random} is uniform in [0, 1): 0.5 gives the scheduled delay exactly.
     */
    public static Optional<Duration> after(int failedAttempts, double random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("no attempt failed yet");
        }
        if (failedAttempts > SCHEDULE.size()) {
            return Optional.empty();
        }
        Duration base = SCHEDULE.get(failedAttempts - 1);
        double factor = 1 + JITTER * (2 * random - 1);
        return Optional.of(Duration.ofMillis(Math.round(base.toMillis() * factor)));
    }
}
