package io.aftercare.calls;

import java.time.Instant;
import java.util.Objects;

/**
 * A call waiting in a queue right now, as the tracker knows it; {@code queuedAt} is its latest join (a return from
 * the callback offer keeps the first). {@code uniqueId} and {@code channel} name the caller's channel in the queue,
 * {@code callerNum} their caller ID; each may be null when not seen. Immutable.
 */
public record WaitingCall(String pbxId, String linkedId, String queue, Instant queuedAt, String uniqueId,
                          String channel, String callerNum) {
    public WaitingCall {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(linkedId);
        Objects.requireNonNull(queue);
        Objects.requireNonNull(queuedAt);
    }

    public WaitingCall(String pbxId, String linkedId, String queue, Instant queuedAt) {
        this(pbxId, linkedId, queue, queuedAt, null, null, null);
    }
}
