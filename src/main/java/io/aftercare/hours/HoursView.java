package io.aftercare.hours;

import java.time.Instant;
import java.util.List;

/** A queue's hours as GET /api/queues/{name}/hours returns them, with whether it is open now. Immutable. */
public record HoursView(String queue, String timeZone, String afterHoursAction, List<HoursInput.Window> weekly,
                        List<HoursInput.Day> holidays, boolean openNow, Instant nextOpening) {}
