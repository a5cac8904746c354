package io.aftercare.reports;

import io.aftercare.metrics.CallMetrics;
import io.aftercare.web.ApiException;
import io.aftercare.web.DateRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A report's interval [from, to) (a {@link DateRange}: at most {@value DateRange#MAX_DAYS} days), bucket size and
 * time zone, plus optional queue or agent filters (empty: all). Validated in the constructor: at most
 * {@value #MAX_BUCKETS} buckets. Immutable.
 */
public record ReportRequest(DateRange range, CallMetrics.Interval interval, ZoneId zone, List<String> only) {
    public static final int MAX_BUCKETS = 10_000;

    public ReportRequest {
        Objects.requireNonNull(range);
        Objects.requireNonNull(interval);
        Objects.requireNonNull(zone);
        only = List.copyOf(only);
        long buckets = buckets(range.from(), range.to(), interval, zone).size();
        if (buckets > MAX_BUCKETS) {
            throw ApiException.unprocessable("the report would have " + buckets + " " + interval.name().toLowerCase()
                    + " rows per queue or agent, more than " + MAX_BUCKETS + "; choose a longer interval");
        }
    }

    /** One bucket: [start, end), cut to the request's bounds. */
    public record Bucket(Instant start, Instant end) {}

    /** The buckets covering [from, to) in {@code zone} (DST-aware), cut to from and to. */
    public static List<Bucket> buckets(Instant from, Instant to, CallMetrics.Interval size, ZoneId zone) {
        List<Bucket> out = new java.util.ArrayList<>();
        Instant start = CallMetrics.intervalStart(from, zone, size);
        while (start.isBefore(to) && out.size() <= MAX_BUCKETS) {
            ZonedDateTime z = start.atZone(zone);
            Instant next = switch (size) {
                case HOUR -> start.plus(Duration.ofHours(1));
                case DAY -> z.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
                case WEEK -> z.toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
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
        return buckets(from(), to(), interval, zone);
    }
}
