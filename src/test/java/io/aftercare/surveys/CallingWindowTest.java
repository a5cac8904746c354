package io.aftercare.surveys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aftercare.surveys.CallingWindow.Callee;
import io.aftercare.surveys.CallingWindow.Rule;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallingWindowTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final CallingWindow STANDARD = CallingWindow.standard();

    private static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    private static Callee in(String country, ZoneId zone) {
        return new Callee(country, List.of(zone));
    }

    @Test
    void defaultWindowEdgesAreReadInTheCalleesZone() {
        Callee gb = in("GB", LONDON); // Wednesday 10 June 2026, British Summer Time
        assertFalse(STANDARD.allows(gb, at("2026-06-10T08:59:59", LONDON)));
        assertTrue(STANDARD.allows(gb, at("2026-06-10T09:00:00", LONDON)));
        assertTrue(STANDARD.allows(gb, at("2026-06-10T19:59:59", LONDON)));
        assertFalse(STANDARD.allows(gb, at("2026-06-10T20:00:00", LONDON)));
        // 09:00 in London is 08:00 UTC: the same instant in a UTC+2 zone is already 10:00 there
        assertTrue(STANDARD.allows(in("DE", ZoneId.of("Europe/Berlin")), at("2026-06-10T08:30:00", LONDON)));
    }

    @Test
    void sundayIsClosedByDefault() {
        assertFalse(STANDARD.allows(in("GB", LONDON), at("2026-06-14T12:00:00", LONDON)));
        assertEquals(Optional.of(at("2026-06-15T09:00:00", LONDON)),
                STANDARD.nextOpening(in("GB", LONDON), at("2026-06-13T20:00:00", LONDON)));
    }

    @Test
    void unitedStatesAllowsEightToNine() {
        ZoneId chicago = ZoneId.of("America/Chicago");
        Callee us = in("US", chicago);
        assertFalse(STANDARD.allows(us, at("2026-06-10T07:59:59", chicago)));
        assertTrue(STANDARD.allows(us, at("2026-06-10T08:00:00", chicago)));
        assertTrue(STANDARD.allows(us, at("2026-06-10T20:59:59", chicago)));
        assertFalse(STANDARD.allows(us, at("2026-06-10T21:00:00", chicago)));
    }

    @Test
    void franceHasALunchGapAndNoSaturday() {
        Callee fr = in("FR", PARIS);
        assertFalse(STANDARD.allows(fr, at("2026-06-10T09:59:59", PARIS)));
        assertTrue(STANDARD.allows(fr, at("2026-06-10T10:00:00", PARIS)));
        assertTrue(STANDARD.allows(fr, at("2026-06-10T12:59:59", PARIS)));
        assertFalse(STANDARD.allows(fr, at("2026-06-10T13:00:00", PARIS)));
        assertFalse(STANDARD.allows(fr, at("2026-06-10T13:59:59", PARIS)));
        assertTrue(STANDARD.allows(fr, at("2026-06-10T14:00:00", PARIS)));
        assertEquals(Optional.of(at("2026-06-10T14:00:00", PARIS)),
                STANDARD.nextOpening(fr, at("2026-06-10T13:00:00", PARIS)));
        assertFalse(STANDARD.allows(fr, at("2026-06-13T11:00:00", PARIS)));
        assertEquals(Optional.of(at("2026-06-15T10:00:00", PARIS)),
                STANDARD.nextOpening(fr, at("2026-06-13T11:00:00", PARIS)));
    }

    @Test
    void theDayDaylightSavingStartsKeepsLocalHours() {
        CallingWindow everyDay = new CallingWindow(Rule.parse("Mon-Sun 09:00-20:00"), Map.of(), ZoneId.of("UTC"));
        Callee fr = in("FR", PARIS); // clocks go forward at 02:00 on Sunday 29 March 2026
        assertFalse(everyDay.allows(fr, Instant.parse("2026-03-29T06:59:59Z"))); // 08:59:59 CEST
        assertTrue(everyDay.allows(fr, Instant.parse("2026-03-29T07:00:00Z"))); // 09:00 CEST
        assertTrue(everyDay.allows(fr, Instant.parse("2026-03-29T17:59:59Z"))); // 19:59:59 CEST
        assertFalse(everyDay.allows(fr, Instant.parse("2026-03-29T18:00:00Z")));
        // The day before, 09:00 local was 08:00 UTC.
        assertFalse(everyDay.allows(fr, Instant.parse("2026-03-28T07:30:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-03-29T07:00:00Z")),
                everyDay.nextOpening(fr, Instant.parse("2026-03-28T19:00:00Z")));
        // The standard Monday-Saturday window reopens on Monday at 09:00 summer time.
        assertEquals(Optional.of(Instant.parse("2026-03-30T07:00:00Z")),
                STANDARD.nextOpening(in("DE", ZoneId.of("Europe/Berlin")), Instant.parse("2026-03-28T19:00:00Z")));
    }

    @Test
    void anOpeningInsideTheSpringGapMovesToTheFirstRealMinute() {
        CallingWindow night = new CallingWindow(Rule.parse("Mon-Sun 02:30-04:00"), Map.of(), ZoneId.of("UTC"));
        // 02:30 does not exist in Paris on 29 March 2026: the window opens at 03:30 CEST (01:30 UTC)
        assertEquals(Optional.of(Instant.parse("2026-03-29T01:30:00Z")),
                night.nextOpening(in("FR", PARIS), Instant.parse("2026-03-29T00:00:00Z")));
    }

    @Test
    void theDayDaylightSavingEndsKeepsLocalHours() {
        CallingWindow everyDay = new CallingWindow(Rule.parse("Mon-Sun 09:00-20:00"), Map.of(), ZoneId.of("UTC"));
        Callee fr = in("FR", PARIS); // clocks go back at 03:00 on Sunday 25 October 2026
        assertFalse(everyDay.allows(fr, Instant.parse("2026-10-25T07:59:59Z"))); // 08:59:59 CET
        assertTrue(everyDay.allows(fr, Instant.parse("2026-10-25T08:00:00Z"))); // 09:00 CET
        assertTrue(everyDay.allows(fr, Instant.parse("2026-10-25T18:59:59Z"))); // 19:59:59 CET
        assertFalse(everyDay.allows(fr, Instant.parse("2026-10-25T19:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-10-25T08:00:00Z")),
                everyDay.nextOpening(fr, Instant.parse("2026-10-24T18:00:00Z")));
    }

    @Test
    void aTollFreeNumberMustBeInsideTheWindowInEveryZone() {
        PhoneNumbers phones = new PhoneNumbers("US");
        var number = phones.parse("+1 800 275 2273");
        List<ZoneId> zones = phones.timeZonesOf(number);
        assertTrue(zones.size() > 1, "toll-free maps to several zones: " + zones);
        Callee callee = new Callee(phones.regionOf(number), zones);
        ZoneId newYork = ZoneId.of("America/New_York");
        Instant nineInNewYork = at("2026-06-10T09:00:00", newYork);
        assertTrue(STANDARD.allows(in("US", newYork), nineInNewYork));
        assertFalse(STANDARD.allows(callee, nineInNewYork), "still night further west");
        Instant opening = STANDARD.nextOpening(callee, nineInNewYork).orElseThrow();
        for (ZoneId zone : zones) {
            LocalTime local = LocalTime.ofInstant(opening, zone);
            assertTrue(!local.isBefore(LocalTime.of(8, 0)) && local.isBefore(LocalTime.of(21, 0)), zone + " " + local);
        }
        assertFalse(STANDARD.allows(callee, opening.minusSeconds(1)));
    }

    @Test
    void anUnknownZoneGetsTheStrictestWindow() {
        ZoneId utc = ZoneId.of("UTC");
        Callee unknown = new Callee("DE", List.of());
        assertFalse(STANDARD.allows(unknown, at("2026-06-13T12:00:00", utc)), "France's rule closes Saturdays");
        assertFalse(STANDARD.allows(unknown, at("2026-06-10T13:30:00", utc)), "France's lunch gap");
        assertFalse(STANDARD.allows(unknown, at("2026-06-10T09:30:00", utc)), "France opens at 10");
        assertTrue(STANDARD.allows(unknown, at("2026-06-10T10:30:00", utc)));
    }

    @Test
    void holidaysAreClosed() {
        CallingWindow withChristmas = new CallingWindow(Rule.parse("Mon-Sat 09:00-20:00")
                .withHolidays(List.of("12-25", "2026-12-26")), Map.of(), ZoneId.of("UTC"));
        Callee gb = in("GB", LONDON);
        assertFalse(withChristmas.allows(gb, at("2026-12-25T10:00:00", LONDON)));
        assertEquals(Optional.of(at("2026-12-28T09:00:00", LONDON)),
                withChristmas.nextOpening(gb, at("2026-12-25T10:00:00", LONDON)));
    }

    @Test
    void aWindowThatNeverOpensHasNoNextOpening() {
        CallingWindow closed = new CallingWindow(Rule.parse("Mon-Sat 09:00-20:00")
                .withHolidays(List.of("2026-06-10")), Map.of("XX", new Rule(Map.of(), java.util.Set.of(),
                java.util.Set.of())), ZoneId.of("UTC"));
        assertEquals(Optional.empty(), closed.nextOpening(in("XX", LONDON), at("2026-06-10T10:00:00", LONDON)));
    }
}
