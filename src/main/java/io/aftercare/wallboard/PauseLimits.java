package io.aftercare.wallboard;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How long a pause may last before the wallboard colours it, per reason (matched ignoring case; a reason not
 * listed, or none, has {@code other}): amber from the limit on, red from the limit plus {@code grace} on. From
 * {@code wallboard.pause_limits}. Immutable.
 */
public record PauseLimits(Map<String, Duration> byReason, Duration other, Duration grace) {
    /** The reference configuration's values. */
    public static final PauseLimits DEFAULT = new PauseLimits(Map.of("break", Duration.ofMinutes(15),
            "lunch", Duration.ofMinutes(60), "training", Duration.ofMinutes(120)), Duration.ofMinutes(10),
            Duration.ofMinutes(5));

    public PauseLimits {
        Objects.requireNonNull(other);
        Objects.requireNonNull(grace);
        Map<String, Duration> lower = new HashMap<>();
        byReason.forEach((reason, limit) -> lower.put(reason.strip().toLowerCase(Locale.ROOT),
                Objects.requireNonNull(limit)));
        byReason = Map.copyOf(lower);
    }

    /** The limit of a pause with {@code reason} (null or "" for none). */
    public Duration limit(String reason) {
        return reason == null ? other : byReason.getOrDefault(reason.strip().toLowerCase(Locale.ROOT), other);
    }

    /** The colour of a pause with {@code reason} that has lasted {@code paused}. */
    public Level level(String reason, Duration paused) {
        Duration limit = limit(reason);
        return paused.compareTo(limit.plus(grace)) >= 0 ? Level.RED
                : paused.compareTo(limit) >= 0 ? Level.AMBER : Level.OK;
    }
}
