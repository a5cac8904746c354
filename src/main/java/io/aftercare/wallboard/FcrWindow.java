package io.aftercare.wallboard;

import io.aftercare.metrics.FirstContactResolution;
import java.time.Instant;

/**
 * FCR of the answered calls first offered in [{@code from}, {@code to}), judged at the snapshot's recent figures'
 * time: with {@code to} a window before that, every call is judged for good (none pending). Immutable.
 */
public record FcrWindow(Instant from, Instant to, long resolved, long repeated, long pending, long unidentified,
                        Double rate) {
    public static FcrWindow of(Instant from, Instant to, FirstContactResolution.Figures f) {
        return new FcrWindow(from, to, f.resolved(), f.repeated(), f.pending(), f.unidentified(), f.rate());
    }
}
