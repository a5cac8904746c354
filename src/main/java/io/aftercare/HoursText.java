package io.aftercare;

import io.aftercare.core.ValidationException;
import io.aftercare.hours.HoursInput;
import io.aftercare.hours.HoursView;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Opening hours as the command line writes them: {@code MONDAY-FRIDAY=09:00-17:00} (one day or a range) and
 * {@code 2026-12-25=Christmas}; the hours service validates the times and dates. Stateless.
 */
final class HoursText {
    private HoursText() {}

    static List<HoursInput.Window> windows(List<String> specs) {
        List<HoursInput.Window> out = new ArrayList<>();
        for (String spec : specs == null ? List.<String>of() : specs) {
            String[] dayTimes = spec.split("=", 2);
            String[] times = dayTimes.length == 2 ? dayTimes[1].split("-", 2) : new String[0];
            if (times.length != 2) {
                throw new ValidationException("opening hours are DAYS=HH:MM-HH:MM (DAYS: MONDAY or MONDAY-FRIDAY),"
                        + " got '" + spec + "'");
            }
            String[] days = dayTimes[0].split("-", 2);
            DayOfWeek first = day(days[0]);
            DayOfWeek last = days.length == 2 ? day(days[1]) : first;
            for (int d = first.getValue(); d <= last.getValue(); d++) {
                out.add(new HoursInput.Window(DayOfWeek.of(d).name(), times[0], times[1]));
            }
        }
        return out;
    }

    static List<HoursInput.Day> holidays(List<String> specs) {
        return (specs == null ? List.<String>of() : specs).stream().map(spec -> {
            String[] parts = spec.split("=", 2);
            return new HoursInput.Day(parts[0], parts.length == 2 ? parts[1] : "");
        }).toList();
    }

    static String describe(HoursView view) {
        String weekly = view.weekly().isEmpty() ? "open around the clock" : view.weekly().stream()
                .map(w -> w.day() + "=" + w.opens() + "-" + w.closes()).collect(Collectors.joining(" "));
        return weekly + (view.holidays().isEmpty() ? "" : "\tholidays: " + view.holidays().stream()
                .map(HoursInput.Day::date).collect(Collectors.joining(" ")));
    }

    private static DayOfWeek day(String name) {
        try {
            return DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("a day is MONDAY to SUNDAY, got '" + name + "'");
        }
    }
}
