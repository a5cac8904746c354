package io.aftercare.web;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.YEAR;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * The interval [from, to) that an endpoint's {@code from} and {@code to} query parameters ask for, read by the one
 * parser every such endpoint uses. A bound is an ISO date or local date-time (read in the endpoint's zone) or an
 * instant with offset; the interval lies in the years {@value #FIRST_YEAR} to {@value #LAST_YEAR} (UTC), from is
 * before to, and it spans at most {@value #MAX_DAYS} days. Anything else is a 422 saying why. Immutable.
 */
public record DateRange(Instant from, Instant to) {
    public static final int MAX_DAYS = 366;
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    private static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LATEST = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final String FORMS = "a date (2026-01-05), a local date-time (2026-01-05T08:00) or an instant"
            + " with offset (2026-01-05T08:00:00Z)";

    /** yyyy-MM-dd, optionally followed by T and a time, optionally followed by an offset; four-digit years only. */
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendValue(YEAR, 4).appendLiteral('-').appendValue(MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(DAY_OF_MONTH, 2)
            .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().parseLenient().appendOffsetId().parseStrict().optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT).withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);

    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isBefore(EARLIEST) || from.isAfter(LATEST)) {
            throw outside("from", from);
        }
        if (to.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw outside("to", to);
        }
        if (!from.isBefore(to)) {
            throw ApiException.unprocessable("from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw ApiException.unprocessable("from " + from + " to " + to + " is longer than " + MAX_DAYS
                    + " days; ask for less");
        }
    }

    /** The request's {@code from} and {@code to} query parameters; dates and local date-times are read in zone. */
    public static DateRange of(RoutingContext ctx, ZoneId zone) {
        return parse(Handlers.query(ctx, "from").orElse(null), Handlers.query(ctx, "to").orElse(null), zone);
    }

    /** {@code from} and {@code to} as sent (null: missing); dates and local date-times are read in zone. */
    public static DateRange parse(String from, String to, ZoneId zone) {
        return new DateRange(instant("from", from, zone), instant("to", to, zone));
    }

    private static Instant instant(String name, String raw, ZoneId zone) {
        if (raw == null) {
            throw ApiException.unprocessable(name + " is required: " + FORMS);
        }
        try {
            return switch (FORMAT.parseBest(raw, OffsetDateTime::from, LocalDateTime::from, LocalDate::from)) {
                case OffsetDateTime at -> at.toInstant();
                case LocalDateTime at -> at.atZone(zone).toInstant();
                case LocalDate day -> day.atStartOfDay(zone).toInstant();
                default -> throw new IllegalStateException("parseBest returned none of the queries");
            };
        } catch (DateTimeParseException e) {
            String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
            throw ApiException.unprocessable(name + " must be " + FORMS + ", got '" + shown + "'");
        }
    }

    private static ApiException outside(String name, Instant value) {
        return ApiException.unprocessable(name + " (" + value + ") must lie in the years " + FIRST_YEAR + " to "
                + LAST_YEAR);
    }
}
