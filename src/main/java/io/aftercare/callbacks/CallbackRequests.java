package io.aftercare.callbacks;

import java.util.Optional;

/**
 * Where callbacks are asked for: the virtual-hold offer, and the follow-up policies for abandoned callers and
 * voicemails. Implementations are thread-safe and block on the database: call on a worker.
 */
@FunctionalInterface
public interface CallbackRequests {
    /**
     * Registers a callback. Empty when refused: the number is not callable, or the customer or number is on the
     * do-not-call list, or a callback of the same number is already pending (no caller is called back twice).
     */
    Optional<Long> request(CallbackRequest request);
}
