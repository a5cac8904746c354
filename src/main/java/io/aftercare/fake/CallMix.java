package io.aftercare.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * The shares of outcomes and the spreads of durations the simulator draws its random calls from; immutable and
 * thread-safe.
 *
 * @param abandoned     share of callers who hang up after 5-45 s in queue whatever happens (never rung)
 * @param transferred   share of calls an agent blind-transfers to another queue
 * @param heldShare     share of answered calls where the agent puts the caller on hold
 * @param ringNoAnswer  share of answered calls where the first agent lets it ring out
 * @param anonymous     share of callers replaced by an anonymous caller ID
 * @param talk          talk time with an agent, hold included (after a transfer too)
 * @param queueWait     least time in queue before the first ring (app_queue's announcements, the first retry)
 * @param patience      how long the other callers wait for an answer before hanging up; null: until the queue's
 *                      timeout
 * @param callbackTaken share of callers offered a callback (aftercare's virtual hold) who press 1; the others keep
 *                      waiting
 */
public record CallMix(double abandoned, double transferred, double heldShare, double ringNoAnswer, double anonymous,
                      Spread talk, Spread queueWait, Spread patience, double callbackTaken) {

    /**
     * About 85% answered (15% of those with hold), 10% abandoned, 5% transferred, 5% anonymous callers; talk 20-240
     * s, queue wait mostly short, every other caller waiting until the queue's timeout; half of those offered a
     * callback take it.
     */
    public static final CallMix DEFAULT = new CallMix(0.10, 0.05, 0.15, 0.10, 0.05, Spread.seconds(20, 110, 240),
            Spread.seconds(0, 8, 45), null, 0.5);

    /**
     * An after-sales hotline: talk of a few minutes (1 to 15, mean about 3.5), 4% transferred, 20% with hold, 3% rung
     * out by an agent away from the desk, 5% anonymous; a free agent rings within seconds; callers wait 20 s to 10
     * min for an answer (mean 100 s), so abandons and queue time-outs come from waiting, as on a real floor; 40% of
     * those offered a callback take it.
     */
    public static final CallMix AFTER_SALES = new CallMix(0, 0.04, 0.20, 0.03, 0.05, Spread.seconds(45, 180, 720),
            Spread.seconds(0, 2, 10), Spread.seconds(20, 100, 600), 0.4);

    public CallMix {
        for (double share : new double[] {abandoned, transferred, heldShare, ringNoAnswer, anonymous, callbackTaken}) {
            if (share < 0 || share > 1 || Double.isNaN(share)) {
                throw new IllegalArgumentException("shares must be between 0 and 1");
            }
        }
        if (abandoned + transferred > 1) {
            throw new IllegalArgumentException("abandoned + transferred must not exceed 1");
        }
        Objects.requireNonNull(talk, "talk");
        Objects.requireNonNull(queueWait, "queueWait");
    }

    /** The same mix, with {@code share} of the callers offered a callback taking it. */
    public CallMix withCallbackTaken(double share) {
        return new CallMix(abandoned, transferred, heldShare, ringNoAnswer, anonymous, talk, queueWait, patience, share);
    }

    /**
     * Draws one call: talk and queue wait from their spreads (whole seconds), ring 2-8 s, an abandon after 5-45 s, a
     * hold of 10-60 s starting 5 s or more into the talk, the agent ending 60% of the talks.
     */
    CallPlan draw(Random random) {
        double r = random.nextDouble();
        CallPlan.Outcome outcome = r < abandoned ? CallPlan.Outcome.ABANDONED
                : r < abandoned + transferred ? CallPlan.Outcome.TRANSFERRED : CallPlan.Outcome.ANSWERED;
        Duration talk = wholeSeconds(this.talk.draw(random));
        Duration holdAfter = Duration.ZERO;
        Duration hold = Duration.ZERO;
        if (outcome != CallPlan.Outcome.ABANDONED && random.nextDouble() < heldShare) {
            holdAfter = Duration.ofSeconds(5 + random.nextLong(talk.toSeconds() / 3));
            hold = Duration.ofSeconds(Math.min(10 + random.nextLong(50), talk.toSeconds() - holdAfter.toSeconds() - 3));
        }
        Duration wait = wholeSeconds(queueWait.draw(random));
        Duration abandonAfter = seconds(random, 5, 45);
        Duration patient = outcome == CallPlan.Outcome.ABANDONED ? abandonAfter
                : patience == null ? Duration.ZERO : wholeSeconds(patience.draw(random));
        return new CallPlan(outcome, wait, patient, seconds(random, 2, 8), random.nextDouble() < ringNoAnswer,
                talk, holdAfter, hold, random.nextDouble() < 0.6, wholeSeconds(this.talk.draw(random)));
    }

    private static Duration seconds(Random random, int from, int to) {
        return Duration.ofSeconds(from + random.nextInt(to - from + 1));
    }

    private static Duration wholeSeconds(Duration d) {
        return Duration.ofSeconds(d.toSeconds());
    }
}
