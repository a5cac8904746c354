package io.aftercare.hours;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A queue's opening hours: weekly windows in its time zone, holidays, and the after-hours action. No windows
 * at all means open around the clock (holidays then still close it). Immutable.
 */
public record QueueHours(String queue, ZoneId zone, List<OpeningWindow> weekly, List<Holiday> holidays,
                         AfterHoursAction afterHours) {
    public QueueHours {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(zone, "zone");
        weekly = List.copyOf(weekly);
        holidays = List.copyOf(holidays);
        Objects.requireNonNull(afterHours, "afterHours");
    }

    /** Open around the clock, no holidays. */
    public static QueueHours always(String queue, ZoneId zone) {
        return new QueueHours(queue, zone, List.of(), List.of(), AfterHoursAction.VOICEMAIL);
    }
}
