package io.aftercare.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Optional;

/**
 * Pure functions over {@link QueueHours}: is the queue open at an instant, and when does it next open. Local
 * times are read in the queue's zone, so windows follow daylight-saving changes; an opening time that does not
 * exist on a spring-forward day opens at the first valid instant after the gap. Stateless and thread-safe.
 */
public final class BusinessHours {
    /** How far ahead {@link #nextOpening} looks before giving up (a queue closed by holidays for a year). */
    private static final int HORIZON_DAYS = 400;

    private BusinessHours() {}

    public static boolean isOpen(QueueHours hours, Instant at) {
        ZonedDateTime local = at.atZone(hours.zone());
        if (holiday(hours, local.toLocalDate())) {
            return false;
        }
        if (hours.weekly().isEmpty()) {
            return true;
        }
        return hours.weekly().stream().anyMatch(w -> w.day() == local.getDayOfWeek() && w.contains(local.toLocalTime()));
    }

    /** {@code at} itself when open, else the first instant after it that is; empty if none within 400 days. */
    public static Optional<Instant> nextOpening(QueueHours hours, Instant at) {
        if (isOpen(hours, at)) {
            return Optional.of(at);
        }
        LocalDate today = at.atZone(hours.zone()).toLocalDate();
        for (int d = 0; d <= HORIZON_DAYS; d++) {
            LocalDate date = today.plusDays(d);
            if (holiday(hours, date)) {
                continue;
            }
            if (hours.weekly().isEmpty()) {
                return Optional.of(date.atStartOfDay(hours.zone()).toInstant()); // the day after the holidays
            }
            Optional<Instant> opening = hours.weekly().stream()
                    .filter(w -> w.day() == date.getDayOfWeek())
                    .sorted(Comparator.comparing(OpeningWindow::opens))
                    .map(w -> ZonedDateTime.ofLocal(date.atTime(w.opens()), hours.zone(), null).toInstant())
                    .filter(i -> i.isAfter(at) && isOpen(hours, i))
                    .findFirst();
            if (opening.isPresent()) {
                return opening;
            }
        }
        return Optional.empty();
    }

    private static boolean holiday(QueueHours hours, LocalDate date) {
        return hours.holidays().stream().anyMatch(h -> h.date().equals(date));
    }
}
