package io.aftercare.fake;

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
}
