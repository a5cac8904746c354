package io.aftercare.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one reader of from/to query parameters: its three forms, its limits, and the 422 for anything else. */
class DateRangeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void datesAndLocalDateTimesAreReadInTheZoneAndInstantsByTheirOffset() {
        DateRange days = DateRange.parse("2026-01-05", "2026-01-06", PARIS);
        assertThat(days.from()).isEqualTo(Instant.parse("2026-01-04T23:00:00Z"));
        assertThat(days.to()).isEqualTo(Instant.parse("2026-01-05T23:00:00Z"));

        DateRange local = DateRange.parse("2026-07-01T08:30", "2026-07-01T09:00:15.5", PARIS);
        assertThat(local.from()).isEqualTo(Instant.parse("2026-07-01T06:30:00Z"));
        assertThat(local.to()).isEqualTo(Instant.parse("2026-07-01T07:00:15.500Z"));

        DateRange instants = DateRange.parse("2026-01-05T08:00:00Z", "2026-01-05T10:00:00+01:00", PARIS);
        assertThat(instants.from()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(instants.to()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
    }

    @Test
    void theYearsAndTheSpanReachTheirLimitsAndNoFurther() {
        assertThat(DateRange.parse("2000-01-01", "2000-12-31", ZoneOffset.UTC).from())
                .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        assertThat(DateRange.parse("2100-01-01", "2101-01-01T00:00:00Z", ZoneOffset.UTC).to())
                .isEqualTo(Instant.parse("2101-01-01T00:00:00Z"));
        assertThat(DateRange.parse("2024-01-01", "2025-01-01", ZoneOffset.UTC)).isNotNull(); // 366 days, leap year
        rejected("2024-01-01", "2025-01-01T00:00:01Z", "longer than 366 days");
        rejected("1999-12-31T23:59:59Z", "2000-01-02",
                "from (1999-12-31T23:59:59Z) must lie in the years 2000 to 2100");
        rejected("2100-12-31", "2101-01-01T00:00:01Z", "to (2101-01-01T00:00:01Z) must lie in the years 2000 to 2100");
    }

    @ParameterizedTest(name = "from={0} to={1}")
    @CsvSource(delimiter = '|', nullValues = "MISSING", value = {
        "2026-02-01                  | 2026-01-01           | from (2026-02-01T00:00:00Z) must be before to",
        "2026-01-01                  | 2026-01-01T00:00     | must be before to",
        "MISSING                     | 2026-01-01           | from is required",
        "2026-01-01                  | MISSING              | to is required",
        "yesterday                   | 2026-01-01           | from must be a date (2026-01-05), a local date-time",
        "2026-02-30                  | 2026-03-01           | got '2026-02-30'",
        "2026-13-01                  | 2027-01-01           | got '2026-13-01'",
        "2026-1-5                    | 2026-02-01           | got '2026-1-5'",
        "2026-01-01T25:00            | 2026-02-01           | got '2026-01-01T25:00'",
        "2026-01-01 08:00            | 2026-02-01           | got '2026-01-01 08:00'",
        "2026-01-01                  | 2026-01-02T00:00:00Zjunk | to must be",
        "+1000000000-01-01T00:00:00Z | 2026-01-01           | from must be",
        "-999999999-01-01            | 2026-01-01           | from must be",
        "1970-01-01T00:00:00Z        | 1970-01-02T00:00:00Z | from (1970-01-01T00:00:00Z) must lie in the years",
        "9999-12-30                  | 9999-12-31           | must lie in the years 2000 to 2100",
    })
    void anythingElseIsA422SayingWhy(String from, String to, String detail) {
        rejected(from, to, detail);
    }

    @Test
    void aLongValueIsShortenedInTheDetail() {
        assertThatThrownBy(() -> DateRange.parse("x".repeat(5000), "2026-01-01", ZoneOffset.UTC))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    private static void rejected(String from, String to, String detail) {
        assertThatThrownBy(() -> DateRange.parse(from, to, ZoneOffset.UTC))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains(detail);
                });
    }
}
