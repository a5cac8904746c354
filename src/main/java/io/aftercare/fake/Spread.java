package io.aftercare.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * A duration of at least {@code min}, exponential above it with mean {@code mean}, cut at {@code max}: most are
 * short, a few long, as call lengths and breaks are. Immutable and thread-safe.
 */
public record Spread(Duration min, Duration mean, Duration max) {
    public Spread {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || mean.compareTo(min) < 0 || max.compareTo(mean) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= mean <= max");
        }
    }

    public static Spread seconds(long min, long mean, long max) {
        return new Spread(Duration.ofSeconds(min), Duration.ofSeconds(mean), Duration.ofSeconds(max));
    }

    public static Spread minutes(long min, long mean, long max) {
        return new Spread(Duration.ofMinutes(min), Duration.ofMinutes(mean), Duration.ofMinutes(max));
    }

    /** One draw, to the millisecond. */
    public Duration draw(Random random) {
        double above = -Math.log(1 - random.nextDouble()) * (mean.toMillis() - min.toMillis());
        return Duration.ofMillis(Math.min(max.toMillis(), min.toMillis() + (long) above));
    }
}
