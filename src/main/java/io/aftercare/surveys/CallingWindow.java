package io.aftercare.surveys;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the survey dialer may ring someone: weekly hours and holidays per country, read in the callee's local
 * time, with every zone of a multi-zone number required to be inside. A callee whose zone is unknown gets the
 * strictest window: every configured rule (the default and each country's) must allow the moment, read in
 * {@code unknownZone}. Pure; immutable and thread-safe.
 */
public final class CallingWindow {
    /** How far ahead {@link #nextOpening} looks (long enough to cross any holiday period). */
    static final int LOOKAHEAD_DAYS = 31;

    private final Rule defaults;
    private final Map<String, Rule> byCountry;
    private final ZoneId unknownZone;

    public CallingWindow(Rule defaults, Map<String, Rule> byCountry, ZoneId unknownZone) {
        this.defaults = Objects.requireNonNull(defaults);
        this.byCountry = Map.copyOf(byCountry);
        this.unknownZone = Objects.requireNonNull(unknownZone);
    }

    /** The defaults: 09:00-20:00 Monday to Saturday; US 08:00-21:00; France weekdays 10-13 and 14-20. */
    public static CallingWindow standard() {
        return new CallingWindow(Rule.parse("Mon-Sat 09:00-20:00"), Map.of(
                "US", Rule.parse("Mon-Sat 08:00-21:00"),
                "FR", Rule.parse("Mon-Fri 10:00-13:00,14:00-20:00")), ZoneId.of("UTC"));
    }

    /** Who is called: the region (ISO 3166, may be null or "ZZ") and the zones the number may ring in. */
    public record Callee(String country, List<ZoneId> zones) {
        public Callee {
            country = country == null ? "ZZ" : country.toUpperCase(Locale.ROOT);
            zones = List.copyOf(zones);
        }
    }

    /** True when {@code at} falls inside the window in every one of the callee's zones. */
    public boolean allows(Callee callee, Instant at) {
        List<Rule> rules = rulesFor(callee);
        for (ZoneId zone : zonesFor(callee)) {
            LocalDateTime local = LocalDateTime.ofInstant(at, zone);
            for (Rule rule : rules) {
                if (!rule.allows(local)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The first instant at or after {@code from} that {@link #allows} the call, or empty when none comes within
     * {@value #LOOKAHEAD_DAYS} days. The window can only open at the start of some span in some zone, so those
     * starts (and {@code from} itself) are the only candidates; DST gaps shift a start forward as Java does.
     */
    public Optional<Instant> nextOpening(Callee callee, Instant from) {
        if (allows(callee, from)) {
            return Optional.of(from);
        }
        TreeSet<Instant> candidates = new TreeSet<>();
        List<Rule> rules = rulesFor(callee);
        for (ZoneId zone : zonesFor(callee)) {
            LocalDate first = LocalDate.ofInstant(from, zone).minusDays(1);
            for (int d = 0; d <= LOOKAHEAD_DAYS + 1; d++) {
                LocalDate day = first.plusDays(d);
                for (Rule rule : rules) {
                    for (LocalTime start : rule.openings(day)) {
                        Instant at = ZonedDateTime.of(day, start, zone).toInstant();
                        if (at.isAfter(from)) {
                            candidates.add(at);
                        }
                    }
                }
            }
        }
        Instant limit = from.plus(java.time.Duration.ofDays(LOOKAHEAD_DAYS));
        for (Instant candidate : candidates) {
            if (candidate.isAfter(limit)) {
                break;
            }
            if (allows(callee, candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private List<Rule> rulesFor(Callee callee) {
        if (callee.zones().isEmpty()) {
            List<Rule> all = new ArrayList<>(byCountry.values());
            all.add(defaults);
            return all;
        }
        return List.of(byCountry.getOrDefault(callee.country(), defaults));
    }

    private List<ZoneId> zonesFor(Callee callee) {
        return callee.zones().isEmpty() ? List.of(unknownZone) : callee.zones();
    }

    /** A local time span [from, to) in one day. */
    public record Span(LocalTime from, LocalTime to) {
        public Span {
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("span must end after it starts: " + from + "-" + to);
            }
        }

        boolean contains(LocalTime t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    /**
     * One country's rule: spans per weekday, holidays every year ({@link MonthDay}) and on given dates.
     * Immutable.
     */
    public record Rule(Map<DayOfWeek, List<Span>> week, Set<MonthDay> yearlyHolidays, Set<LocalDate> holidays) {
        public Rule {
            EnumMap<DayOfWeek, List<Span>> copy = new EnumMap<>(DayOfWeek.class);
            week.forEach((day, spans) -> copy.put(day, List.copyOf(spans)));
            week = java.util.Collections.unmodifiableMap(copy);
            yearlyHolidays = Set.copyOf(yearlyHolidays);
            holidays = Set.copyOf(holidays);
        }

        /**
         * Reads {@code "Mon-Sat 09:00-20:00"}, {@code "Mon-Fri 10:00-13:00,14:00-20:00"} or several groups
         * separated by {@code ";"} such as {@code "Mon-Fri 09:00-20:00; Sat 10:00-16:00"}.
         */
        public static Rule parse(String spec) {
            Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
            for (String group : spec.split(";")) {
                String[] parts = group.strip().split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected 'Mon-Sat 09:00-20:00', got '" + group.strip() + "'");
                }
                List<Span> spans = new ArrayList<>();
                for (String span : parts[1].split(",")) {
                    String[] ends = span.split("-");
                    if (ends.length != 2) {
                        throw new IllegalArgumentException("expected HH:MM-HH:MM, got '" + span + "'");
                    }
                    try {
                        spans.add(new Span(LocalTime.parse(ends[0]), LocalTime.parse(ends[1])));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("expected HH:MM-HH:MM, got '" + span + "'", e);
                    }
                }
                for (DayOfWeek day : days(parts[0])) {
                    week.computeIfAbsent(day, d -> new ArrayList<>()).addAll(spans);
                }
            }
            return new Rule(week, Set.of(), Set.of());
        }

        /** This rule with these holidays added: {@code MM-DD} every year, or {@code YYYY-MM-DD} once. */
        public Rule withHolidays(List<String> days) {
            Set<MonthDay> yearly = new java.util.HashSet<>(yearlyHolidays);
            Set<LocalDate> dated = new java.util.HashSet<>(holidays);
            for (String day : days) {
                String d = day.strip();
                try {
                    if (d.length() == 5) {
                        yearly.add(MonthDay.parse("--" + d));
                    } else {
                        dated.add(LocalDate.parse(d));
                    }
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("expected MM-DD or YYYY-MM-DD, got '" + d + "'", e);
                }
            }
            return new Rule(week, yearly, dated);
        }

        boolean allows(LocalDateTime local) {
            if (isHoliday(local.toLocalDate())) {
                return false;
            }
            LocalTime t = local.toLocalTime();
            return week.getOrDefault(local.getDayOfWeek(), List.of()).stream().anyMatch(s -> s.contains(t));
        }

        List<LocalTime> openings(LocalDate day) {
            return isHoliday(day) ? List.of()
                    : week.getOrDefault(day.getDayOfWeek(), List.of()).stream().map(Span::from).toList();
        }

        private boolean isHoliday(LocalDate day) {
            return holidays.contains(day) || yearlyHolidays.contains(MonthDay.from(day));
        }

        private static List<DayOfWeek> days(String range) {
            String[] ends = range.split("-");
            DayOfWeek first = day(ends[0]);
            DayOfWeek last = ends.length > 1 ? day(ends[1]) : first;
            List<DayOfWeek> out = new ArrayList<>();
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                out.add(d);
                if (d == last) {
                    return out;
                }
            }
        }

        private static DayOfWeek day(String name) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().substring(0, 3).equalsIgnoreCase(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown day '" + name + "' (use Mon, Tue ... Sun)");
        }
    }
}
