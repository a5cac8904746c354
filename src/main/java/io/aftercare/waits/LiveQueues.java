package io.aftercare.waits;

import java.util.concurrent.CompletableFuture;

/**
 * Where the live floor of a queue comes from: in the application, call tracking's state read on its own thread
 * (the wallboard's way, {@code CallTrackingService.ask}); in tests, a fixed floor. Implementations are thread-safe.
 */
@FunctionalInterface
public interface LiveQueues {
    CompletableFuture<QueueFloor> floor(String queue);
}
