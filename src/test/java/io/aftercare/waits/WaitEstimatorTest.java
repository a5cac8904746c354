package io.aftercare.waits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {
    /** Four weeks of a queue: 400 handled calls of 5 min, 200 answered waits of 60 s in this slot. */
    static final WaitHistory BUSY = new WaitHistory(new Mean(200, 60_000), new Mean(800, 60_000),
            new Mean(4_000, 60_000), new Mean(40, 300_000), new Mean(4_000, 300_000), 4_400, 400, 1);

    @Test
    void nobodyStaffedGivesNoFigureButCountsAsLong() {
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 3, 0, 0), BUSY);
        assertThat(e.basis()).isEqualTo(Estimate.Basis.NO_AGENTS);
        assertThat(e.waitMillis()).isNull();
        assertThat(e.confidence()).isEqualTo(Estimate.Confidence.NONE);
        assertThat(e.exceeds(Duration.ofHours(10))).isTrue();
        assertThat(e.historyMillis()).isEqualTo(60_000); // still reported, not used
    }

    @Test
    void noHistoryAndCallersAheadGivesNoFigure() {
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 2, 3, 0), WaitHistory.NONE);
        assertThat(e.basis()).isEqualTo(Estimate.Basis.NO_DATA);
        assertThat(e.waitMillis()).isNull();
        assertThat(e.exceeds(Duration.ZERO)).isFalse();
    }

    @Test
    void noHistoryButAFreeAgentIsNoWait() {
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 0, 2, 1), WaitHistory.NONE);
        assertThat(e.basis()).isEqualTo(Estimate.Basis.LIVE);
        assertThat(e.waitMillis()).isZero();
        assertThat(e.confidence()).isEqualTo(Estimate.Confidence.HIGH);
    }

    @Test
    void oneAgentBusyNobodyAheadWaitsOneHandleTime() {
        WaitHistory handlingOnly = new WaitHistory(Mean.NONE, Mean.NONE, Mean.NONE, Mean.NONE,
                new Mean(50, 240_000), 0, 0, 1);
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 0, 1, 0), handlingOnly);
        assertThat(e.basis()).isEqualTo(Estimate.Basis.LIVE);
        assertThat(e.waitMillis()).isEqualTo(240_000);
        assertThat(e.confidence()).isEqualTo(Estimate.Confidence.MEDIUM);
    }

    @Test
    void manyAheadScaleWithPositionOverAgents() {
        WaitHistory handlingOnly = new WaitHistory(Mean.NONE, Mean.NONE, Mean.NONE, Mean.NONE,
                new Mean(1_000, 300_000), 0, 0, 1);
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 29, 10, 0), handlingOnly);
        assertThat(e.waitMillis()).isEqualTo(30 * 300_000L / 10); // 30 releases at 10 agents per AHT
        assertThat(e.confidence()).isEqualTo(Estimate.Confidence.HIGH);
    }

    @Test
    void steadyHandleTimesFreeTheFirstAgentSooner() {
        WaitHistory steady = new WaitHistory(Mean.NONE, Mean.NONE, Mean.NONE, Mean.NONE, new Mean(1_000, 300_000), 0,
                0, 0);
        // all busy for a while: the first of 2 agents frees up half a handle time in on average, then one per 150 s
        assertThat(WaitEstimator.estimate(new QueueFloor("q", 0, 2, 0), steady).waitMillis()).isEqualTo(75_000);
        assertThat(WaitEstimator.estimate(new QueueFloor("q", 2, 2, 0), steady).waitMillis()).isEqualTo(375_000);
    }

    @Test
    void callersAheadWhoWillAbandonShortenTheWait() {
        WaitHistory halfAbandon = new WaitHistory(Mean.NONE, Mean.NONE, Mean.NONE, Mean.NONE,
                new Mean(1_000, 300_000), 100_000, 50_000, 1);
        assertThat(WaitEstimator.estimate(new QueueFloor("q", 9, 1, 0), halfAbandon).waitMillis())
                .isCloseTo(5_500L * 300, org.assertj.core.data.Offset.offset(1_000L)); // 4.5 ahead + me: 5.5 AHT
    }

    @Test
    void historyIsBlendedInByAtMostAQuarter() {
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 3, 2, 0), BUSY);
        assertThat(e.basis()).isEqualTo(Estimate.Basis.LIVE_AND_HISTORY);
        long live = e.liveMillis();
        assertThat(live).isPositive();
        assertThat(e.historyMillis()).isEqualTo(60_000);
        double w = WaitEstimator.HISTORY_WEIGHT * 1_000 / (1_000 + WaitEstimator.PRIOR);
        assertThat(e.waitMillis()).isEqualTo(Math.round((1 - w) * live + w * 60_000));
        assertThat(e.confidence()).isEqualTo(Estimate.Confidence.HIGH);
    }

    @Test
    void aReadyAgentForTheCallerIsNoWaitWhateverTheHistory() {
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 1, 3, 2), BUSY);
        assertThat(e.basis()).isEqualTo(Estimate.Basis.LIVE);
        assertThat(e.waitMillis()).isZero();
        assertThat(e.historyMillis()).isEqualTo(60_000);
    }

    @Test
    void aThinSlotLeansOnTheHourAndTheQueue() {
        WaitHistory thin = new WaitHistory(new Mean(1, 600_000), new Mean(0, 0), new Mean(1_000, 30_000),
                Mean.NONE, Mean.NONE, 1_000, 0, 1);
        long h = WaitEstimator.historical(thin);
        assertThat(h).isEqualTo(Math.round((600_000 + 10 * 30_000.0) / 11)); // one 10-minute wait is no trend
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 1, 1, 0), thin);
        assertThat(e.basis()).isEqualTo(Estimate.Basis.HISTORY);
        assertThat(e.waitMillis()).isEqualTo(h);
        assertThat(e.confidence()).isEqualTo(Estimate.Confidence.LOW);
    }

    @Test
    void recentHandleTimeIsShrunkTowardTheWindowsAndNeverNegative() {
        WaitHistory few = new WaitHistory(Mean.NONE, Mean.NONE, Mean.NONE, new Mean(10, 600_000),
                new Mean(1_000, 200_000), 0, 0, 1);
        assertThat(WaitEstimator.handleTime(few)).isEqualTo(400_000);
        Estimate e = WaitEstimator.estimate(new QueueFloor("q", 0, 3, 3), few);
        assertThat(e.waitMillis()).isZero();
    }
}
