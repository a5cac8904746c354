package io.aftercare.waits;

/**
 * Estimates the wait of a caller entering a queue now, a pure function of the live floor and the queue's history.
 *
 * <p>The model. A caller with {@code k} callers ahead in a first-in, first-out queue is answered at the
 * {@code (k - f + 1)}-th time one of the {@code s} staffed agents frees up, where {@code f} agents are free now.
 * Busy agents free up at rate {@code s / AHT}, where {@code AHT} is the queue's mean handle time (talk, hold and
 * wrap-up: an agent in after-call work is paused in Asterisk), so the expected wait is about
 * {@code (k - f + 1) x AHT / s} (the position-based form of Erlang C's conditional wait), and 0 when more agents are
 * free than callers ahead. The first release comes sooner than a full {@code AHT / s}: the agents are part-way
 * through their calls, and the expected rest of a call in progress is {@code (1 + cv^2) / 2} of a handle time
 * ({@code cv}: the handle times' coefficient of variation, from the history; 1, memoryless, when unknown), so the
 * first of the {@code k - f + 1} releases counts that much. Some callers ahead will hang up before their turn, so
 * {@code k} is scaled by one minus the queue's abandon share. This is the live part: it follows staffing and queue
 * length within the minute, which no average of past waits can.
 *
 * <p>What it misses (agents shared with busier queues, priorities, slow pick-up, ring time) shows in what callers of
 * this queue actually waited at this hour of this weekday, so the live part is blended with that history: weight
 * {@value #HISTORY_WEIGHT} at most, less when the slot holds few calls. When an agent is ready for the caller, the
 * estimate is 0 from the live floor alone (they are rung at once: waits at other moments say nothing about that). The handle time is the last two clock hours'
 * and the slot's mean is its same-hour and queue-wide means' (each shrunk toward the broader one as if that were
 * {@value #PRIOR} more calls), so a quiet hour or a new queue falls back smoothly instead of jumping. With no handle
 * time stored yet only the history is used; with nobody staffed the wait has no bound and none is given.
 *
 * <p>The weights were set by the replay benchmark (doc/benchmarks.md, "Estimated wait"); the model is checked there
 * against what callers then waited. Stateless and thread-safe.
 */
public final class WaitEstimator {
    /** Pseudo-calls a mean is shrunk toward its broader mean with. */
    static final double PRIOR = 10;
    /** The history's weight in the blend when its slot holds many calls. */
    static final double HISTORY_WEIGHT = 0.25;

    private WaitEstimator() {}

    public static Estimate estimate(QueueFloor floor, WaitHistory history) {
        Long historical = historical(history);
        Long aht = handleTime(history);
        long handled = history.handling().n();
        long waited = history.all().n();
        if (floor.staffed() == 0) {
            return of(floor, null, Estimate.Basis.NO_AGENTS, Estimate.Confidence.NONE, null, historical, handled,
                    waited);
        }
        if (floor.free() > floor.ahead()) { // a ready agent is rung at once: past waits say nothing about that
            return of(floor, 0L, Estimate.Basis.LIVE, Estimate.Confidence.HIGH, 0L, historical, handled, waited);
        }
        Long live = live(floor, aht, history);
        if (live == null && historical == null) {
            return of(floor, null, Estimate.Basis.NO_DATA, Estimate.Confidence.NONE, null, null, handled, waited);
        }
        if (live == null) {
            return of(floor, historical, Estimate.Basis.HISTORY, Estimate.Confidence.LOW, null, historical, handled,
                    waited);
        }
        if (historical == null) {
            return of(floor, live, Estimate.Basis.LIVE, confidence(handled), live, null, handled, waited);
        }
        double n = history.slot().n() + history.hour().n();
        double w = HISTORY_WEIGHT * n / (n + PRIOR);
        long blended = Math.round((1 - w) * live + w * historical);
        return of(floor, blended, Estimate.Basis.LIVE_AND_HISTORY, confidence(Math.min(handled, waited)), live,
                historical, handled, waited);
    }

    /** The live floor's part when every agent is taken by the callers ahead; null when no handle time is known. */
    static Long live(QueueFloor floor, Long aht, WaitHistory history) {
        if (aht == null) {
            return null;
        }
        double abandonShare = history.abandoned() / (history.offered() + PRIOR);
        double releases = Math.max(1, floor.ahead() * (1 - abandonShare) - floor.free() + 1);
        // the first agent to free up is part-way through a call: its expected rest is (1 + cv^2) / 2 of a handle time
        double first = (1 + history.handlingVariation()) / 2;
        return Math.round((releases - 1 + first) * aht / floor.staffed());
    }

    /** The slot's answered waits, shrunk toward the hour's, shrunk toward the queue's; null with none stored. */
    static Long historical(WaitHistory h) {
        if (!h.all().known()) {
            return null;
        }
        long hour = h.hour().shrunkToward(h.all().millis(), PRIOR);
        return h.slot().shrunkToward(hour, PRIOR);
    }

    /** The recent handle time shrunk toward the window's; null when no handled call is stored. */
    static Long handleTime(WaitHistory h) {
        if (!h.handling().known()) {
            return h.recentHandling().known() ? h.recentHandling().millis() : null;
        }
        return h.recentHandling().shrunkToward(h.handling().millis(), PRIOR);
    }

    private static Estimate.Confidence confidence(long calls) {
        return calls >= 100 ? Estimate.Confidence.HIGH : calls >= 20 ? Estimate.Confidence.MEDIUM
                : Estimate.Confidence.LOW;
    }

    private static Estimate of(QueueFloor f, Long wait, Estimate.Basis basis, Estimate.Confidence confidence,
                               Long live, Long historical, long handled, long waited) {
        return new Estimate(f.queue(), wait, basis, confidence, f.ahead(), f.staffed(), f.free(), live, historical,
                handled, waited);
    }
}
