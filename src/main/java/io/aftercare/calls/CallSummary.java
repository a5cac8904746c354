package io.aftercare.calls;

import io.aftercare.telephony.ContactKind;
import java.time.Instant;
import java.util.List;

/**
 * One call as {@code GET /api/calls} lists it: who, where, when, how it ended, its times in seconds (the sum of
 * its ended segments of each kind, null when it had none: waiting in queue, talking, on hold, after-call work), the
 * last disposition an agent saved for it and, for a survey call, the answers. {@code direction} is inbound or
 * outbound ({@code kind} says which outbound). Immutable.
 */
public record CallSummary(long id, String pbxId, String linkedId, ContactKind kind, String direction,
                          Instant startedAt, Instant answeredAt, Instant endedAt, String queue, String agent,
                          String agentLogin, String callerNumber, String callerName, Long customerId, Long caseId,
                          Outcome outcome, Double waitSeconds, Double talkSeconds, Double holdSeconds,
                          Double wrapupSeconds, Disposition disposition, Survey survey) {

    /** What the agent recorded after the call. */
    public record Disposition(String reasonCode, boolean resolved, Long caseId) {}

    /** What the customer keyed in on a survey call; null answers were skipped. */
    public record Survey(long jobId, Integer csat, Integer nps, Boolean resolved) {}

    /** The summary of a row, from the segments, dispositions and survey answers read for its page. */
    static CallSummary of(CallRow r, List<SegmentRecord> own, Disposition last, Survey survey) {
        return new CallSummary(r.id(), r.pbxId(), r.linkedId(), r.kind(), r.kind().outbound() ? "outbound" : "inbound",
                r.startedAt(), r.answeredAt(), r.endedAt(), r.queue(), r.agent(), r.agentLogin(), r.callerNumber(),
                r.callerName(), r.customerId(), r.caseId() != null ? r.caseId() : last == null ? null : last.caseId(),
                r.outcome(), seconds(own, SegmentKind.QUEUE), seconds(own, SegmentKind.TALK),
                seconds(own, SegmentKind.HOLD), seconds(own, SegmentKind.WRAPUP), last, survey);
    }

    /** Seconds (millisecond precision) of the ended segments of a kind; null when there is none. */
    static Double seconds(List<SegmentRecord> segments, SegmentKind kind) {
        List<SegmentRecord> ended = segments.stream().filter(s -> s.kind() == kind && s.endedAt() != null).toList();
        return ended.isEmpty() ? null
                : ended.stream().mapToLong(s -> s.duration().toMillis()).sum() / 1000.0;
    }
}
