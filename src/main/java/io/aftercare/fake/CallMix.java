package io.aftercare.fake;

import java.time.Duration;
import java.util.Random;

/**
 * The shares of outcomes the simulator draws its random calls from; immutable and thread-safe.
 *
 * @param abandoned     share of calls the caller abandons in queue
 * @param transferred   share of calls an agent blind-transfers to another queue
 * @param heldShare     share of answered calls where the agent puts the caller on hold
 * @param ringNoAnswer  share of answered calls where the first agent lets it ring out
 * @param anonymous     share of callers replaced by an anonymous caller ID
 */
public record CallMix(double abandoned, double transferred, double heldShare, double ringNoAnswer, double anonymous) {

    /** About 85% answered (15% of those with hold), 10% abandoned, 5% transferred, 5% anonymous callers. */
    public static final CallMix DEFAULT = new CallMix(0.10, 0.05, 0.15, 0.10, 0.05);

    public CallMix {
        for (double share : new double[] {abandoned, transferred, heldShare, ringNoAnswer, anonymous}) {
            if (share < 0 || share > 1 || Double.isNaN(share)) {
                throw new IllegalArgumentException("shares must be between 0 and 1");
            }
        }
        if (abandoned + transferred > 1) {
            throw new IllegalArgumentException("abandoned + transferred must not exceed 1");
        }
    }

    /**
     * Draws one call: talk 20-240 s, queue wait mostly short (exponential, mean 8 s, at most 45 s),
     * ring 2-8 s, abandon after 5-45 s, hold of 10-60 s starting 5 s or more into the talk, the
     * agent ending 60% of the talks.
     */
    CallPlan draw(Random random) {
        double r = random.nextDouble();
        CallPlan.Outcome outcome = r < abandoned ? CallPlan.Outcome.ABANDONED
                : r < abandoned + transferred ? CallPlan.Outcome.TRANSFERRED : CallPlan.Outcome.ANSWERED;
        Duration talk = seconds(random, 20, 240);
        Duration holdAfter = Duration.ZERO;
        Duration hold = Duration.ZERO;
        if (outcome != CallPlan.Outcome.ABANDONED && random.nextDouble() < heldShare) {
            holdAfter = Duration.ofSeconds(5 + random.nextLong(talk.toSeconds() / 3));
            hold = Duration.ofSeconds(Math.min(10 + random.nextLong(50), talk.toSeconds() - holdAfter.toSeconds() - 3));
        }
        Duration wait = Duration.ofSeconds((long) Math.min(45, -Math.log(1 - random.nextDouble()) * 8));
        return new CallPlan(outcome, wait, seconds(random, 5, 45), seconds(random, 2, 8), random.nextDouble() < ringNoAnswer,
                talk, holdAfter, hold, random.nextDouble() < 0.6, seconds(random, 20, 180));
    }

    private static Duration seconds(Random random, int from, int to) {
        return Duration.ofSeconds(from + random.nextInt(to - from + 1));
    }
}
