package io.aftercare.hours;

import java.util.List;

/**
 * The body of PUT /api/queues/{name}/hours, and the hours part of GET: IANA time zone, after-hours action
 * (voicemail or callback), weekly windows (day MONDAY..SUNDAY, "HH:MM", closes "24:00" for the end of the day)
 * and holidays (YYYY-MM-DD). Immutable.
 */
public record HoursInput(String timeZone, String afterHoursAction, List<Window> weekly, List<Day> holidays) {
    /** One weekly window as JSON carries it. */
    public record Window(String day, String opens, String closes) {}

    /** One holiday as JSON carries it. */
    public record Day(String date, String name) {}
}
