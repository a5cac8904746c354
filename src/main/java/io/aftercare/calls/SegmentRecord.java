package io.aftercare.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One interval of a contact ({@code segments}): who ({@code agent} is the member interface, empty for queue
 * wait), where, what and when; {@code endedAt} is null while open. Unique by contact, kind, agent and start, so
 * writing it again is harmless. Immutable.
 */
public record SegmentRecord(String pbxId, String linkedId, SegmentKind kind, String agent, String queue,
                            Instant startedAt, Instant endedAt) {
    public SegmentRecord {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(linkedId);
        Objects.requireNonNull(kind);
        agent = agent == null ? "" : agent;
        queue = queue == null ? "" : queue;
        Objects.requireNonNull(startedAt);
        if (endedAt != null && endedAt.isBefore(startedAt)) {
            endedAt = startedAt; // never negative, whatever the PBX clock did
        }
    }

    public SegmentRecord closedAt(Instant end) {
        return new SegmentRecord(pbxId, linkedId, kind, agent, queue, startedAt, end);
    }

    /** Zero while open. */
    public Duration duration() {
        return endedAt == null ? Duration.ZERO : Duration.between(startedAt, endedAt);
    }
}
