package io.aftercare.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static QueueHours weekdays(ZoneId zone, String opens, String closes, Holiday... holidays) {
        List<OpeningWindow> windows = new ArrayList<>();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            windows.add(new OpeningWindow(d, LocalTime.parse(opens), LocalTime.parse(closes)));
        }
        return new QueueHours("repairs", zone, windows, List.of(holidays), AfterHoursAction.CALLBACK);
    }

    private static Instant local(ZoneId zone, String dateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(dateTime), zone).toInstant();
    }

    @Test
    void queueWithoutWindowsIsAlwaysOpen() {
        QueueHours always = QueueHours.always("general-support", BERLIN);
        assertThat(BusinessHours.isOpen(always, Instant.parse("2025-12-25T03:00:00Z"))).isTrue();
    }

    @Test
    void openInsideWindowClosedAtClosingTimeAndAtWeekends() {
        QueueHours hours = weekdays(BERLIN, "08:00", "18:00");
        assertThat(BusinessHours.isOpen(hours, local(BERLIN, "2025-03-04T08:00"))).isTrue();
        assertThat(BusinessHours.isOpen(hours, local(BERLIN, "2025-03-04T17:59:59"))).isTrue();
        assertThat(BusinessHours.isOpen(hours, local(BERLIN, "2025-03-04T18:00"))).isFalse();
        assertThat(BusinessHours.isOpen(hours, local(BERLIN, "2025-03-04T07:59"))).isFalse();
        assertThat(BusinessHours.isOpen(hours, local(BERLIN, "2025-03-08T12:00"))).isFalse(); // Saturday
    }

    @Test
    void readsTheWallClockOfTheQueuesZoneNotUtc() {
        QueueHours hours = weekdays(NEW_YORK, "09:00", "17:00");
        // 14:30 UTC is 09:30 in New York (EST, UTC-5) on a Tuesday.
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-03-04T14:30:00Z"))).isTrue();
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-03-04T13:30:00Z"))).isFalse();
    }

    @Test
    void holidayClosesTheWholeDayAndNextOpeningSkipsIt() {
        QueueHours hours = weekdays(BERLIN, "08:00", "18:00", new Holiday(LocalDate.parse("2025-12-25"), "Christmas"),
                new Holiday(LocalDate.parse("2025-12-26"), "Boxing Day"));
        assertThat(BusinessHours.isOpen(hours, local(BERLIN, "2025-12-25T10:00"))).isFalse();
        assertThat(BusinessHours.nextOpening(hours, local(BERLIN, "2025-12-24T19:00")))
                .contains(local(BERLIN, "2025-12-29T08:00")); // Thu, Fri holidays; then the weekend
    }

    @Test
    void nextOpeningAfterFridayEveningIsMondayMorning() {
        QueueHours hours = weekdays(BERLIN, "08:00", "18:00");
        assertThat(BusinessHours.nextOpening(hours, local(BERLIN, "2025-03-07T18:30")))
                .contains(local(BERLIN, "2025-03-10T08:00"));
        assertThat(BusinessHours.nextOpening(hours, local(BERLIN, "2025-03-10T07:00")))
                .contains(local(BERLIN, "2025-03-10T08:00"));
    }

    @Test
    void nextOpeningWhenOpenIsNow() {
        QueueHours hours = weekdays(BERLIN, "08:00", "18:00");
        Instant at = local(BERLIN, "2025-03-04T09:00");
        assertThat(BusinessHours.nextOpening(hours, at)).contains(at);
    }

    @Test
    void fallBackDayOpensAtBothOccurrencesOfTheOpeningTime() {
        // New York: 2025-11-02 02:00 EDT -> 01:00 EST; 01:00-02:00 happens twice. A Sunday window 01:30-05:00.
        ZoneId newYork = ZoneId.of("America/New_York");
        QueueHours hours = new QueueHours("q", newYork, List.of(new OpeningWindow(DayOfWeek.SUNDAY,
                LocalTime.parse("01:30"), LocalTime.parse("05:00"))), List.of(), AfterHoursAction.VOICEMAIL);
        // 01:10 EDT, first pass: opens at 01:30 EDT
        assertThat(BusinessHours.nextOpening(hours, Instant.parse("2025-11-02T05:10:00Z")))
                .contains(Instant.parse("2025-11-02T05:30:00Z"));
        // 01:10 EST, second pass (closed again since the clocks went back): opens at 01:30 EST, not next Sunday
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-11-02T06:10:00Z"))).isFalse();
        assertThat(BusinessHours.nextOpening(hours, Instant.parse("2025-11-02T06:10:00Z")))
                .contains(Instant.parse("2025-11-02T06:30:00Z"));
    }

    @Test
    void springForwardDayKeepsLocalOpeningTime() {
        // Berlin: 2025-03-30 02:00 CET -> 03:00 CEST. A Sunday window 01:00-12:00 and Monday 08:00.
        List<OpeningWindow> windows = List.of(
                new OpeningWindow(DayOfWeek.SUNDAY, LocalTime.parse("02:30"), LocalTime.parse("12:00")),
                new OpeningWindow(DayOfWeek.MONDAY, LocalTime.parse("08:00"), LocalTime.parse("18:00")));
        QueueHours hours = new QueueHours("q", BERLIN, windows, List.of(), AfterHoursAction.VOICEMAIL);
        // 02:30 does not exist that day: the window opens at the first instant after the gap, 03:00 CEST (01:00Z),
        // when isOpen already says open.
        assertThat(BusinessHours.nextOpening(hours, Instant.parse("2025-03-30T00:30:00Z")))
                .contains(Instant.parse("2025-03-30T01:00:00Z"));
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-03-30T01:00:00Z"))).isTrue();
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-03-30T00:59:59Z"))).isFalse();
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-03-30T01:30:00Z"))).isTrue(); // 03:30 CEST
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-03-30T09:59:00Z"))).isTrue(); // 11:59 CEST
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-03-30T10:00:00Z"))).isFalse(); // 12:00 CEST
        // Monday 08:00 is now UTC+2: 06:00Z, not 07:00Z as in winter.
        assertThat(BusinessHours.nextOpening(hours, Instant.parse("2025-03-30T12:00:00Z")))
                .contains(Instant.parse("2025-03-31T06:00:00Z"));
    }

    @Test
    void fallBackDayHasTheExtraHourAndOpensAtLocalTime() {
        // New York: 2025-11-02 02:00 EDT -> 01:00 EST. Sunday 00:00-02:00 window spans three real hours.
        List<OpeningWindow> windows = List.of(
                new OpeningWindow(DayOfWeek.SUNDAY, LocalTime.MIDNIGHT, LocalTime.parse("02:00")),
                new OpeningWindow(DayOfWeek.MONDAY, LocalTime.parse("09:00"), LocalTime.parse("17:00")));
        QueueHours hours = new QueueHours("q", NEW_YORK, windows, List.of(), AfterHoursAction.VOICEMAIL);
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-11-02T05:30:00Z"))).isTrue(); // 01:30 EDT
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-11-02T06:30:00Z"))).isTrue(); // 01:30 EST
        assertThat(BusinessHours.isOpen(hours, Instant.parse("2025-11-02T07:00:00Z"))).isFalse(); // 02:00 EST
        assertThat(BusinessHours.nextOpening(hours, Instant.parse("2025-11-02T07:00:00Z")))
                .contains(Instant.parse("2025-11-03T14:00:00Z")); // 09:00 EST
    }

    @Test
    void windowUntilMidnightIncludesTheLastMinute() {
        List<OpeningWindow> windows = List.of(new OpeningWindow(DayOfWeek.TUESDAY, LocalTime.parse("20:00"),
                LocalTime.MIDNIGHT));
        QueueHours hours = new QueueHours("q", BERLIN, windows, List.of(), AfterHoursAction.VOICEMAIL);
        assertThat(BusinessHours.isOpen(hours, local(BERLIN, "2025-03-04T23:59:59"))).isTrue();
        assertThat(BusinessHours.isOpen(hours, local(BERLIN, "2025-03-05T00:00"))).isFalse();
        assertThat(windows.get(0).closesText()).isEqualTo("24:00");
    }

    @Test
    void aWindowMustCloseAfterItOpens() {
        assertThatThrownBy(() -> new OpeningWindow(DayOfWeek.MONDAY, LocalTime.parse("18:00"), LocalTime.parse("08:00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closedForeverHasNoNextOpening() {
        List<Holiday> everyDay = new ArrayList<>();
        for (int d = 0; d <= 410; d++) {
            everyDay.add(new Holiday(LocalDate.parse("2025-03-01").plusDays(d), "closed"));
        }
        QueueHours hours = new QueueHours("q", BERLIN, List.of(), everyDay, AfterHoursAction.VOICEMAIL);
        assertThat(BusinessHours.nextOpening(hours, local(BERLIN, "2025-03-04T10:00"))).isEmpty();
    }
}
