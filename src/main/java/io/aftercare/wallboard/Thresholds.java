package io.aftercare.wallboard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A queue's wallboard thresholds (the {@code queues} table): waiting calls, longest wait, abandon rate, ASA and AHT
 * (seconds) turn amber or red at or above their limits; service level at or below them. Rates are stored in percent;
 * JSON shows them as ratios 0-1 like the rates they are compared with ({@code serviceLevelAmber},
 * {@code abandonRateRed}...). Immutable.
 */
@JsonIgnoreProperties({"serviceLevelAmberPercent", "serviceLevelRedPercent", "abandonRateAmberPercent",
    "abandonRateRedPercent"})
public record Thresholds(int waitingAmber, int waitingRed, int longestWaitAmberSeconds, int longestWaitRedSeconds,
                         int serviceLevelAmberPercent, int serviceLevelRedPercent, int abandonRateAmberPercent,
                         int abandonRateRedPercent, int asaAmberSeconds, int asaRedSeconds, int ahtAmberSeconds,
                         int ahtRedSeconds) {
    /** The schema's defaults (V9, V28). */
    public static final Thresholds DEFAULT = new Thresholds(3, 6, 30, 60, 80, 60, 5, 10, 20, 40, 360, 480);

    @JsonProperty
    public double serviceLevelAmber() {
        return serviceLevelAmberPercent / 100.0;
    }

    @JsonProperty
    public double serviceLevelRed() {
        return serviceLevelRedPercent / 100.0;
    }

    @JsonProperty
    public double abandonRateAmber() {
        return abandonRateAmberPercent / 100.0;
    }

    @JsonProperty
    public double abandonRateRed() {
        return abandonRateRedPercent / 100.0;
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

    /** An abandon rate (0-1) of none is ok. */
    public Level abandonRate(Double ratio) {
        if (ratio == null) {
            return Level.OK;
        }
        return ratio >= abandonRateRedPercent / 100.0 ? Level.RED // not ratio * 100: 0.29 * 100 < 29
                : ratio >= abandonRateAmberPercent / 100.0 ? Level.AMBER : Level.OK;
    }

    /** ASA in milliseconds, as the figures carry it; none is ok. */
    public Level asa(Long millis) {
        return millis == null ? Level.OK : risingMillis(millis, asaAmberSeconds, asaRedSeconds);
    }

    /** AHT in milliseconds; none is ok. */
    public Level aht(Long millis) {
        return millis == null ? Level.OK : risingMillis(millis, ahtAmberSeconds, ahtRedSeconds);
    }

    private static Level rising(long value, int amber, int red) {
        return value >= red ? Level.RED : value >= amber ? Level.AMBER : Level.OK;
    }

    private static Level risingMillis(long millis, int amberSeconds, int redSeconds) {
        return millis >= redSeconds * 1000L ? Level.RED : millis >= amberSeconds * 1000L ? Level.AMBER : Level.OK;
    }
}
