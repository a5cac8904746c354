package io.aftercare.wallboard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A queue's wallboard thresholds (the {@code queues} table): waiting calls and longest wait turn amber or red at
 * or above their limits; service level at or below them (stored in percent; JSON shows ratios 0-1 like every
 * service level: {@code serviceLevelAmber}, {@code serviceLevelRed}). Immutable.
 */
@JsonIgnoreProperties({"serviceLevelAmberPercent", "serviceLevelRedPercent"})
public record Thresholds(int waitingAmber, int waitingRed, int longestWaitAmberSeconds, int longestWaitRedSeconds,
                         int serviceLevelAmberPercent, int serviceLevelRedPercent) {
    /** The schema's defaults. */
    public static final Thresholds DEFAULT = new Thresholds(3, 6, 30, 60, 80, 60);

    @JsonProperty
    public double serviceLevelAmber() {
        return serviceLevelAmberPercent / 100.0;
    }

    @JsonProperty
    public double serviceLevelRed() {
        return serviceLevelRedPercent / 100.0;
    }

    public Level waiting(long calls) {
        return rising(calls, waitingAmber, waitingRed);
    }

    public Level longestWait(long seconds) {
        return rising(seconds, longestWaitAmberSeconds, longestWaitRedSeconds);
    }

    /** A service level of none (nobody to count yet) is ok. */
    public Level serviceLevel(Double ratio) {
        if (ratio == null) {
            return Level.OK;
        }
        double percent = ratio * 100;
        return percent <= serviceLevelRedPercent ? Level.RED
                : percent <= serviceLevelAmberPercent ? Level.AMBER : Level.OK;
    }

    private static Level rising(long value, int amber, int red) {
        return value >= red ? Level.RED : value >= amber ? Level.AMBER : Level.OK;
    }
}
