package io.aftercare.calls;

/**
 * A queue's time rules for call tracking, from the {@code queues} table: under {@code shortAbandonSeconds} an
 * abandon is short; after-call work ends after {@code wrapupSeconds} unless the agent extends it, up to {@code
 * wrapupMaxSeconds} from its start. Immutable.
 */
public record QueueTiming(int shortAbandonSeconds, int wrapupSeconds, int wrapupMaxSeconds) {
    /** A queue the table does not list. */
    public static final QueueTiming DEFAULT = new QueueTiming(5, 60, 300);

    public QueueTiming {
        if (shortAbandonSeconds < 0 || wrapupSeconds < 0) {
            throw new IllegalArgumentException("queue times must not be negative");
        }
        wrapupMaxSeconds = Math.max(wrapupSeconds, wrapupMaxSeconds);
    }
}
