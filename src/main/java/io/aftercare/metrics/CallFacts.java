package io.aftercare.metrics;

import io.aftercare.calls.Outcome;
import io.aftercare.calls.SegmentKind;
import io.aftercare.calls.SegmentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stored call as the metric calculators see it: where and when it was first offered, when it was answered,
 * left the queue and ended, how it ended, who it belongs to (customer, case, reason) and each agent's handling
 * time. Built from persisted rows by {@link #of}; immutable.
 *
 * @param queue the queue the call was first offered to (its first queue segment); a transfer is not a new offer
 * @param offeredAt when it first joined a queue; null when it never reached one (not offered)
 * @param leftQueueAt when it left the queue (answered, abandoned or timed out); null while waiting
 */
public record CallFacts(String pbxId, String linkedId, String queue, Instant offeredAt, Instant answeredAt,
                        Instant leftQueueAt, Instant endedAt, Outcome outcome, Long customerId, Long caseId,
                        String reasonCode, List<Handling> handling) {
    public CallFacts {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(linkedId);
        Objects.requireNonNull(outcome);
        queue = queue == null ? "" : queue;
        handling = List.copyOf(handling);
    }

    /**
     * One agent's share of a call.
     *
     * @param complete false while any of the agent's segments of this call is still open
     */
    public record Handling(String agent, Duration talk, Duration hold, Duration wrapup, boolean complete) {
        public Handling {
            Objects.requireNonNull(agent);
            Objects.requireNonNull(talk);
            Objects.requireNonNull(hold);
            Objects.requireNonNull(wrapup);
        }

        public Duration total() {
            return talk.plus(hold).plus(wrapup);
        }
    }

    /**
     * The contact row's facts plus the handling its segments add up to (talk, hold and wrap-up per agent). A call
     * whose end was not seen (lost track) has no complete handling: its segments were cut at its last known time.
     */
    public static CallFacts of(StoredContact c, List<SegmentRecord> segments) {
        Instant offered = c.queuedAt();
        String queue = c.queue();
        Map<String, Handling> byAgent = new LinkedHashMap<>();
        for (SegmentRecord s : segments) {
            if (s.kind() == SegmentKind.QUEUE) {
                if (offered == null || s.startedAt().isBefore(offered)
                        || (s.startedAt().equals(offered) && !s.queue().isEmpty())) {
                    offered = s.startedAt();
                    queue = s.queue().isEmpty() ? queue : s.queue();
                }
                continue;
            }
            if (s.kind() == SegmentKind.RING) {
                continue;
            }
            Handling h = byAgent.getOrDefault(s.agent(),
                    new Handling(s.agent(), Duration.ZERO, Duration.ZERO, Duration.ZERO, true));
            Duration d = s.duration();
            boolean complete = h.complete() && s.endedAt() != null && !c.lostTrack();
            byAgent.put(s.agent(), switch (s.kind()) {
                case TALK -> new Handling(h.agent(), h.talk().plus(d), h.hold(), h.wrapup(), complete);
                case HOLD -> new Handling(h.agent(), h.talk(), h.hold().plus(d), h.wrapup(), complete);
                default -> new Handling(h.agent(), h.talk(), h.hold(), h.wrapup().plus(d), complete);
            });
        }
        return new CallFacts(c.pbxId(), c.linkedId(), queue, offered, c.answeredAt(), c.dequeuedAt(), c.endedAt(),
                c.outcome(), c.customerId(), c.caseId(), c.reasonCode(), new ArrayList<>(byAgent.values()));
    }

    /** Time in queue until answered or abandoned; null while waiting or when never offered. */
    public Duration queueWait() {
        Instant until = answeredAt != null ? answeredAt : leftQueueAt;
        if (offeredAt == null || until == null) {
            return null;
        }
        return until.isBefore(offeredAt) ? Duration.ZERO : Duration.between(offeredAt, until);
    }

    public boolean offered() {
        return offeredAt != null;
    }

    public boolean answered() {
        return answeredAt != null;
    }

    /** Hung up while queued (short or not): Asterisk's QueueCallerAbandon. */
    public boolean abandonedInQueue() {
        return answeredAt == null && (outcome == Outcome.ABANDONED || outcome == Outcome.SHORT_ABANDON);
    }

    /** True once the call ended and every agent's talk, hold and wrap-up is closed. */
    public boolean handlingComplete() {
        return endedAt != null && handling.stream().allMatch(Handling::complete);
    }
}
