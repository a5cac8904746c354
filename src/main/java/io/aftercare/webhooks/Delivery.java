package io.aftercare.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One event's delivery to one subscription, with every attempt so far, as the delivery log shows it. Immutable.
 *
 * @param status pending, delivered or failed (for good: every attempt failed, {@link Backoff})
 * @param nextAttemptAt when it is tried next; null unless pending
 */
public record Delivery(long id, long subscriptionId, String eventId, String eventType, String status, int attempts,
                       Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt,
                       Instant deliveredAt, List<Attempt> attemptLog) {
    public Delivery {
        attemptLog = List.copyOf(attemptLog);
    }

    /**
     * One attempt: the HTTP status the receiver answered (null when none came) and why it failed (null when it did
     * not).
     */
    public record Attempt(int attempt, Instant startedAt, double durationSeconds, Integer statusCode, String error) {}
}
