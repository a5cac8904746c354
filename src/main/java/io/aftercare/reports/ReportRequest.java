package io.aftercare.reports;

import io.aftercare.metrics.CallMetrics;
import io.aftercare.web.ApiException;
import io.aftercare.web.DateRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A report's interval [from, to) (a {@link DateRange}: at most {@value DateRange#MAX_DAYS} days), bucket size and
 * time zone, plus optional queue or agent filters (empty: all). Validated in the constructor: at most
 * {@value #MAX_BUCKETS} buckets. Immutable.
 */
public record ReportRequest(DateRange range, Size size, ZoneId zone, List<String> only) {
    public static final int MAX_BUCKETS = 10_000;

    /** Bucket sizes: an hour, a day or a week of the zone's calendar, or the whole interval as one bucket. */
    public enum Size {
        HOUR, DAY, WEEK, TOTAL;

        static Size parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.unprocessable("interval must be hour, day, week or total, got '" + text + "'");
            }
        }
    }

    public ReportRequest {
        Objects.requireNonNull(range);
        Objects.requireNonNull(size);
        Objects.requireNonNull(zone);
        only = List.copyOf(only);
        long buckets = buckets(range.from(), range.to(), size, zone).size();
        if (buckets > MAX_BUCKETS) {
            throw ApiException.unprocessable("the report would have " + buckets + " "
                    + size.name().toLowerCase(Locale.ROOT) + " rows per queue or agent, more than " + MAX_BUCKETS
                    + "; choose a longer interval");
        }
    }

    public ReportRequest(DateRange range, CallMetrics.Interval interval, ZoneId zone, List<String> only) {
        this(range, Size.valueOf(interval.name()), zone, only);
    }

    /** One bucket: [start, end), cut to the request's bounds. */
    public record Bucket(Instant start, Instant end) {
        /** The start as a local date-time with its offset in {@code zone}, e.g. {@code 2026-03-29T03:00:00+02:00}. */
        public String localStart(ZoneId zone) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.atZone(zone).toOffsetDateTime());
        }
    }

    /** The buckets covering [from, to) in {@code zone} (DST-aware), cut to from and to. */
    public static List<Bucket> buckets(Instant from, Instant to, Size size, ZoneId zone) {
        List<Bucket> out = new java.util.ArrayList<>();
        if (size == Size.TOTAL) {
            return from.isBefore(to) ? List.of(new Bucket(from, to)) : List.of();
        }
        Instant start = CallMetrics.intervalStart(from, zone, CallMetrics.Interval.valueOf(size.name()));
        while (start.isBefore(to) && out.size() <= MAX_BUCKETS) {
            ZonedDateTime z = start.atZone(zone);
            Instant next = switch (size) {
                case HOUR -> start.plus(Duration.ofHours(1));
                case DAY -> z.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
                case WEEK -> z.toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
                case TOTAL -> to;
            };
            out.add(new Bucket(start.isBefore(from) ? from : start, next.isAfter(to) ? to : next));
            start = next;
        }
        return out;
    }

    public Instant from() {
        return range.from();
    }

    public Instant to() {
        return range.to();
    }

    public List<Bucket> buckets() {
        return buckets(from(), to(), size, zone);
    }
}
