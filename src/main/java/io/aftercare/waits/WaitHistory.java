package io.aftercare.waits;

import java.util.Objects;

/**
 * What a queue's stored calls say about the moment a caller enters it: the answered waits of callers who entered at
 * the same hour of the same weekday ({@code slot}), at that hour on any day ({@code hour}) and at any time ({@code
 * all}) over the history window; the handle time (talk, hold and wrap-up of all agents) of calls that entered in the
 * last two clock hours ({@code recentHandling}) and over the window ({@code handling}); and how many of the
 * window's offered calls were abandoned in the queue, and how much handle times vary ({@code handlingVariation}:
 * their squared coefficient of variation over the window, 1 when unknown). Immutable.
 */
public record WaitHistory(Mean slot, Mean hour, Mean all, Mean recentHandling, Mean handling, long offered,
                          long abandoned, double handlingVariation) {
    public static final WaitHistory NONE = new WaitHistory(Mean.NONE, Mean.NONE, Mean.NONE, Mean.NONE, Mean.NONE, 0,
            0, 1);

    public WaitHistory {
        Objects.requireNonNull(slot);
        Objects.requireNonNull(hour);
        Objects.requireNonNull(all);
        Objects.requireNonNull(recentHandling);
        Objects.requireNonNull(handling);
        if (abandoned < 0 || offered < abandoned) {
            throw new IllegalArgumentException("abandoned " + abandoned + " of " + offered + " offered");
        }
        if (!(handlingVariation >= 0)) {
            throw new IllegalArgumentException("handlingVariation must be 0 or more, got " + handlingVariation);
        }
    }
}
