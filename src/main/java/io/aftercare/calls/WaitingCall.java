package io.aftercare.calls;

import java.time.Instant;
import java.util.Objects;

/** A call waiting in a queue right now, as the tracker knows it; {@code queuedAt} is its latest join. Immutable. */
public record WaitingCall(String pbxId, String linkedId, String queue, Instant queuedAt) {
    public WaitingCall {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(linkedId);
        Objects.requireNonNull(queue);
        Objects.requireNonNull(queuedAt);
    }
}
