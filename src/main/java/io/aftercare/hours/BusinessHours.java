package io.aftercare.hours;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pure functions over {@link QueueHours}: is the queue open at an instant, and when does it next open. Local
 * times are read in the queue's zone, so windows follow daylight-saving changes; an opening time that does not
 * exist on a spring-forward day opens when the gap ends, and one that happens twice on a fall-back day opens
 * twice. Stateless and thread-safe.
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
                    .flatMap(w -> instantsOf(date.atTime(w.opens()), hours.zone()))
                    .filter(i -> i.isAfter(at) && isOpen(hours, i))
                    .min(Comparator.naturalOrder());
            if (opening.isPresent()) {
                return opening;
            }
        }
        return Optional.empty();
    }

    /**
     * The instants at which a local opening time happens: none of its own in a spring-forward gap (the queue opens
     * when the gap ends, the first instant its local time is past the opening), twice in a fall-back overlap.
     */
    private static Stream<Instant> instantsOf(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition == null) {
            return Stream.of(local.atZone(zone).toInstant());
        }
        if (transition.isGap()) {
            return Stream.of(transition.getInstant());
        }
        return Stream.of(local.atOffset(transition.getOffsetBefore()).toInstant(),
                local.atOffset(transition.getOffsetAfter()).toInstant());
    }

    private static boolean holiday(QueueHours hours, LocalDate date) {
        return hours.holidays().stream().anyMatch(h -> h.date().equals(date));
    }
}
