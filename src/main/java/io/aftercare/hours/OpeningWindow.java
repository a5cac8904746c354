package io.aftercare.hours;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One weekly opening window in a queue's local wall-clock time, e.g. Monday 08:00 to 18:00; {@code closes} of
 * 00:00 means the end of the day (written "24:00"). Immutable.
 */
public record OpeningWindow(DayOfWeek day, LocalTime opens, LocalTime closes) {
    public OpeningWindow {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!untilMidnight(closes) && !closes.isAfter(opens)) {
            throw new IllegalArgumentException("a window must close after it opens: " + day + " " + opens + "-" + closes);
        }
    }

    /** Whether the local time {@code t} on this window's day falls inside it (opens inclusive, closes exclusive). */
    public boolean contains(LocalTime t) {
        return !t.isBefore(opens) && (untilMidnight(closes) || t.isBefore(closes));
    }

    /** "HH:MM" with 24:00 for the end of the day. */
    public String closesText() {
        return untilMidnight(closes) ? "24:00" : closes.toString();
    }

    private static boolean untilMidnight(LocalTime t) {
        return t.equals(LocalTime.MIDNIGHT);
    }
}
