package io.aftercare.waits;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.calls.Outcome;
import io.aftercare.metrics.CallFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitLedgerTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Monday, 10:15 in Berlin. */
    static final Instant MONDAY = Instant.parse("2026-11-16T09:15:00Z");

    static CallFacts answered(String id, Instant offered, int waitSeconds, int handleSeconds) {
        Instant answered = offered.plusSeconds(waitSeconds);
        Instant ended = answered.plusSeconds(handleSeconds);
        return new CallFacts("pbx1", id, "vip", offered, answered, answered, ended, Outcome.ANSWERED, null, null,
                null, List.of(new CallFacts.Handling("a1", Duration.ofSeconds(handleSeconds), Duration.ZERO,
                Duration.ZERO, true)));
    }

    static CallFacts abandoned(String id, Instant offered, int waitSeconds) {
        return new CallFacts("pbx1", id, "vip", offered, null, offered.plusSeconds(waitSeconds),
                offered.plusSeconds(waitSeconds), Outcome.ABANDONED, null, null, null, List.of());
    }

    @Test
    void slotsAreLocalWeekdayAndHourWithinFourWeeks() {
        WaitLedger ledger = new WaitLedger(BERLIN);
        for (CallFacts c : List.of(answered("a", MONDAY.minus(Duration.ofDays(7)), 60, 300), // last Monday 10h
                answered("b", MONDAY.minus(Duration.ofDays(1)), 20, 100), // Sunday 10h
                answered("c", MONDAY.minus(Duration.ofDays(35)), 999, 999), // out of the window
                answered("d", MONDAY.minusSeconds(1800), 10, 200), // 9:45 today: the hour before
                abandoned("e", MONDAY.minus(Duration.ofDays(14)), 40))) {
            ledger.addWait(c);
            ledger.addHandling(c);
        }
        WaitHistory h = ledger.history("vip", MONDAY);
        assertThat(h.slot()).isEqualTo(new Mean(1, 60_000));
        assertThat(h.hour()).isEqualTo(new Mean(2, 40_000));
        assertThat(h.all()).isEqualTo(new Mean(3, 30_000));
        assertThat(h.recentHandling()).isEqualTo(new Mean(1, 200_000));
        assertThat(h.handling()).isEqualTo(new Mean(3, 200_000));
        assertThat(h.offered()).isEqualTo(4);
        assertThat(h.abandoned()).isEqualTo(1);
        assertThat(h.handlingVariation()).isCloseTo(2 / 3.0 * 10_000 / 40_000, // handle times 300, 100, 200 s
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ledger.history("other", MONDAY)).isEqualTo(WaitHistory.NONE);

        ledger.forgetBefore(MONDAY.minus(Duration.ofDays(3)));
        assertThat(ledger.history("vip", MONDAY).all()).isEqualTo(new Mean(2, 15_000));
    }

    @Test
    void aCallStillWaitingOrNeverOfferedIsNotCounted() {
        WaitLedger ledger = new WaitLedger(BERLIN);
        ledger.addWait(new CallFacts("pbx1", "w", "vip", MONDAY, null, null, null, Outcome.OPEN, null, null, null,
                List.of()));
        ledger.addWait(new CallFacts("pbx1", "n", "", null, null, null, MONDAY, Outcome.IVR, null, null, null,
                List.of()));
        assertThat(ledger.history("vip", MONDAY.plusSeconds(60))).isEqualTo(WaitHistory.NONE);
    }
}
