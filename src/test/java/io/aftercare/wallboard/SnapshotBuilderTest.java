package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentView;
import io.aftercare.calls.Outcome;
import io.aftercare.calls.WaitingCall;
import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.QueueRules;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wallboard's figures as pure functions: {@link TodayCalculator} then {@link SnapshotBuilder}. */
class SnapshotBuilderTest {
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final QueueRules RULES = QueueRules.defaults();
    private static final Map<String, QueueSetting> SETTINGS = Map.of(
            "sales", new QueueSetting("sales", ZoneOffset.UTC, QueueRules.DEFAULT, Thresholds.DEFAULT),
            "support", new QueueSetting("support", ZoneOffset.UTC, QueueRules.DEFAULT, Thresholds.DEFAULT));

    private static CallFacts call(String id, String queue, int offeredSecondsAgo, Outcome outcome, int wait,
                                  Long customer) {
        Instant offered = NOW.minusSeconds(offeredSecondsAgo);
        Instant left = offered.plusSeconds(wait);
        boolean answered = outcome == Outcome.ANSWERED;
        List<CallFacts.Handling> handling = answered ? List.of(new CallFacts.Handling("Local/a@agents",
                Duration.ofSeconds(200), Duration.ZERO, Duration.ofSeconds(40), true)) : List.of();
        return new CallFacts("pbx1", id, queue, offered, answered ? left : null, left,
                answered ? left.plusSeconds(200) : left, outcome, customer, null, null, handling);
    }

    private static AgentView agent(String name, AgentState state, String reason, int minutesAgo, String linkedId,
                                   Map<String, Boolean> queues) {
        return new AgentView("pbx1", "Local/" + name + "@agents", name, state, reason, queues, linkedId,
                NOW.minus(Duration.ofMinutes(minutesAgo)), null, null, null, "");
    }

    /** sales: 8 answered (30 s wait), 2 abandoned, 1 short abandon, 5 timed out; support: 3 answered. */
    private static List<CallFacts> today() {
        List<CallFacts> calls = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < 8; i++) {
            calls.add(call("s" + n++, "sales", 3000 - i * 60, Outcome.ANSWERED, 30, null));
        }
        calls.add(call("s" + n++, "sales", 1500, Outcome.ABANDONED, 40, null));
        calls.add(call("s" + n++, "sales", 1400, Outcome.ABANDONED, 50, null));
        calls.add(call("s" + n++, "sales", 1300, Outcome.SHORT_ABANDON, 2, null));
        for (int i = 0; i < 5; i++) {
            calls.add(call("s" + n++, "sales", 1200 - i * 10, Outcome.TIMEOUT, 300, null));
        }
        for (int i = 0; i < 3; i++) {
            calls.add(call("t" + i, "support", 900 - i * 10, Outcome.ANSWERED, 5, 7L));
        }
        return calls;
    }

    private static Snapshot snapshot(LiveFloor live, Map<String, Caller> callers, Recents recent) {
        Today today = TodayCalculator.compute(NOW, SETTINGS, null, ZoneOffset.UTC, today(), RULES,
                Map.of(TodayCalculator.dayStart(NOW, ZoneOffset.UTC), Map.of("", new SurveyCounts(3, 3, 2, 2, 1, 1, 0, 0),
                        "sales", new SurveyCounts(1, 1, 1, 1, 1, 0, 1, 1))),
                FirstContactResolution.DEFAULT_WINDOW, recent);
        return SnapshotBuilder.build(live, today, SETTINGS, null, callers, PauseLimits.DEFAULT);
    }

    private static QueueBoard queue(Snapshot s, String name) {
        return s.queues().stream().filter(q -> q.queue().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void timeOutsAreCountedAndKeptOutOfTheAbandonRateWhichHasItsOwnThresholds() {
        Snapshot s = snapshot(new LiveFloor(NOW, List.of(), List.of()), Map.of(), Recents.NONE);
        QueueBoard sales = queue(s, "sales");
        var c = sales.today().calls();
        assertThat(c.offered()).isEqualTo(16);
        assertThat(c.timedOut()).isEqualTo(5);
        assertThat(c.abandoned()).isEqualTo(2);
        assertThat(c.shortAbandoned()).isEqualTo(1);
        assertThat(c.abandonRate()).isEqualTo(0.2); // 2 / (8 + 2): neither time-outs nor the short abandon
        assertThat(sales.alerts().abandonRate()).isEqualTo(Level.RED); // 20 % >= 10 %
        assertThat(sales.alerts().asa()).isEqualTo(Level.AMBER); // 30 s: amber from 20 s, red from 40 s
        assertThat(sales.alerts().aht()).isEqualTo(Level.OK); // 240 s < 360 s
        assertThat(queue(s, "support").alerts().abandonRate()).isEqualTo(Level.OK);
        assertThat(s.floor().today().calls().offered()).isEqualTo(19);
        assertThat(s.floor().today().calls().timedOut()).isEqualTo(5);
        assertThat(s.floor().today().calls().abandonRate()).isEqualTo(2.0 / 13);
    }

    @Test
    void theFloorCountsEachAgentOnceAndHoldsSurveysThatNameNoQueue() {
        var both = Map.of("sales", false, "support", false);
        LiveFloor live = new LiveFloor(NOW, List.of(), List.of(agent("a", AgentState.READY, "", 5, null, both),
                agent("b", AgentState.PAUSED, "lunch", 5, null, Map.of("sales", true, "support", true)),
                agent("c", AgentState.READY, "", 5, null, Map.of("sales", true, "support", false))));
        Snapshot s = snapshot(live, Map.of(), Recents.NONE);
        assertThat(s.floor().agents().loggedIn()).isEqualTo(3);
        assertThat(s.floor().agents().ready()).isEqualTo(2); // c is ready in support
        assertThat(s.floor().agents().paused()).isEqualTo(1);
        assertThat(queue(s, "sales").agents().loggedIn()).isEqualTo(3);
        assertThat(queue(s, "sales").agents().paused()).isEqualTo(2);
        SurveyWindow floor = s.floor().today().survey();
        assertThat(floor.answers()).isEqualTo(4);
        assertThat(floor.csat()).isEqualTo(0.75);
        assertThat(floor.nps()).isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01)); // 2 promoters, 1 detractor of 3
        assertThat(floor.from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(queue(s, "sales").today().survey().answers()).isEqualTo(1);
        assertThat(queue(s, "support").today().survey().csat()).isNull();
    }

    @Test
    void waitingCallersAreListedLongestFirstMaskedWithTheirTierAndAgentsShowWhomTheyTalkTo() {
        List<WaitingCall> waiting = new ArrayList<>();
        waiting.add(new WaitingCall("pbx1", "w1", "sales", NOW.minusSeconds(20)));
        waiting.add(new WaitingCall("pbx1", "w2", "sales", NOW.minusSeconds(95)));
        for (int i = 0; i < 25; i++) {
            waiting.add(new WaitingCall("pbx1", "x" + i, "support", NOW.minusSeconds(i)));
        }
        Map<String, Caller> callers = Map.of(
                "pbx1/w1", new Caller("pbx1", "w1", "+12125550123", null, null, "sales"),
                "pbx1/w2", new Caller("pbx1", "w2", "+12125550199", "Maria del Carmen Garcia", "gold", "sales"),
                "pbx1/t1", new Caller("pbx1", "t1", null, null, null, "support"));
        LiveFloor live = new LiveFloor(NOW, waiting, List.of(
                agent("a", AgentState.ON_CALL, "", 3, "t1", Map.of("support", false)),
                agent("b", AgentState.RINGING, "", 0, "new", Map.of("sales", false))));
        Snapshot s = snapshot(live, callers, Recents.NONE);
        List<WaitingCaller> sales = queue(s, "sales").callers();
        assertThat(sales).extracting(WaitingCaller::position).containsExactly(1, 2);
        assertThat(sales.get(0).caller()).isEqualTo("Maria G.");
        assertThat(sales.get(0).tier()).isEqualTo("gold");
        assertThat(sales.get(0).waitSeconds()).isEqualTo(95);
        assertThat(sales.get(1).caller()).isEqualTo("\u20260123");
        assertThat(new Caller("p", "l", "+1", "\uD835\uDC9C\uD835\uDC9C \uD835\uDC9Cbc", null, "").who())
                .isEqualTo("\uD835\uDC9C\uD835\uDC9C \uD835\uDC9C."); // initial of a letter beyond the BMP whole
        assertThat(new Caller("p", "l", "(212) 555", null, null, "").who()).isEqualTo("\u20262555");
        assertThat(queue(s, "support").callers()).hasSize(SnapshotBuilder.MAX_CALLERS);
        assertThat(queue(s, "support").waiting()).isEqualTo(25);
        assertThat(s.floor().waiting()).isEqualTo(27);
        assertThat(s.floor().longestWaitSeconds()).isEqualTo(95);
        assertThat(s.agents().get(0).call()).isEqualTo(new AgentCall("support", "withheld", null));
        assertThat(s.agents().get(1).call()).isEqualTo(new AgentCall("", null, null)); // not stored yet
    }

    @Test
    void pausesCarryTheirLimitAndColour() {
        var q = Map.of("sales", true);
        LiveFloor live = new LiveFloor(NOW, List.of(), List.of(agent("a", AgentState.PAUSED, "break", 2, null, q),
                agent("b", AgentState.PAUSED, "lunch", 62, null, q), agent("c", AgentState.PAUSED, "", 20, null, q),
                agent("d", AgentState.READY, "", 90, null, Map.of("sales", false))));
        Snapshot s = snapshot(live, Map.of(), Recents.NONE);
        assertThat(s.agents()).extracting(AgentRow::pauseLevel)
                .containsExactly(Level.OK, Level.AMBER, Level.RED, Level.OK);
        assertThat(s.agents()).extracting(AgentRow::pauseLimitSeconds).containsExactly(900L, 3600L, 600L, null);
    }

    @Test
    void fcrOfClosedWindowsAndSevenDaySurveysAreTheRecentFigures() {
        List<CallFacts> calls = new ArrayList<>();
        for (long c = 1; c <= 5; c++) { // ten days ago; customer 1 calls again a day later
            calls.add(call("old" + c, c <= 3 ? "sales" : "support", 10 * 86_400, Outcome.ANSWERED, 10, c));
        }
        calls.add(call("again", "sales", 9 * 86_400, Outcome.ANSWERED, 10, 1L));
        calls.add(call("recent", "sales", 86_400, Outcome.ANSWERED, 10, 2L)); // after customer 2's window
        calls.add(call("today", "sales", 600, Outcome.ANSWERED, 10, 9L)); // pending: not in the closed window
        Recents r = TodayCalculator.recent(NOW, calls, RULES, Duration.ofDays(7),
                Map.of("", new SurveyCounts(2, 2, 2, 0, 0, 0, 0, 0), "sales", new SurveyCounts(1, 1, 0, 0, 0, 0, 0, 0)),
                NOW.minus(Duration.ofDays(7)));
        assertThat(r.floor().fcr().from()).isEqualTo(NOW.minus(Duration.ofDays(14)));
        assertThat(r.floor().fcr().to()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(r.floor().fcr().resolved()).isEqualTo(5); // the repeat itself was not repeated
        assertThat(r.floor().fcr().repeated()).isEqualTo(1);
        assertThat(r.floor().fcr().pending()).isZero();
        assertThat(r.floor().fcr().rate()).isEqualTo(5.0 / 6);
        assertThat(r.queue("sales").fcr().rate()).isEqualTo(0.75);
        assertThat(r.queue("support").fcr().rate()).isEqualTo(1.0);
        assertThat(r.floor().survey().answers()).isEqualTo(3);
        assertThat(r.floor().survey().csat()).isEqualTo(2.0 / 3);
        assertThat(r.queue("sales").survey().csat()).isZero();
        Snapshot s = snapshot(new LiveFloor(NOW, List.of(), List.of()), Map.of(), r);
        assertThat(queue(s, "sales").recent()).isEqualTo(r.queue("sales"));
        assertThat(s.floor().recent()).isEqualTo(r.floor());
    }

    @Test
    void theTrendCountsOfferedAndAnsweredPerHalfHourSinceMidnight() {
        Snapshot s = snapshot(new LiveFloor(NOW, List.of(), List.of()), Map.of(), Recents.NONE);
        Trend t = queue(s, "sales").today().trend();
        assertThat(t.bucketSeconds()).isEqualTo(1800);
        assertThat(t.from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(t.offered()).hasSize(21); // 00:00 to the running 10:00 interval
        assertThat(t.offered().get(18)).isEqualTo(8); // 09:00-09:30: the answered calls, offered 50 to 43 min ago
        assertThat(t.answered().get(18)).isEqualTo(8);
        assertThat(t.offered().get(19)).isEqualTo(8); // abandons and time-outs
        assertThat(t.answered().get(19)).isZero();
        assertThat(t.offered().get(20)).isZero();
        assertThat(t.offered().stream().mapToLong(Long::longValue).sum()).isEqualTo(16);
    }
}
