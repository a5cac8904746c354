package io.aftercare.calls;

import java.time.Instant;
import java.util.List;

/** One call with its segments (queue wait, ring, talk, hold, after-call work) in the order they started. Immutable. */
public record CallDetails(CallSummary call, List<Segment> segments) {
    public CallDetails {
        segments = List.copyOf(segments);
    }

    /** One interval of the call; {@code endedAt} and {@code seconds} are null while it is open. */
    public record Segment(SegmentKind kind, String agent, String queue, Instant startedAt, Instant endedAt,
                          Double seconds) {
        static Segment of(SegmentRecord s) {
            return new Segment(s.kind(), s.agent().isEmpty() ? null : s.agent(), s.queue().isEmpty() ? null : s.queue(),
                    s.startedAt(), s.endedAt(), s.endedAt() == null ? null : s.duration().toMillis() / 1000.0);
        }
    }
}
