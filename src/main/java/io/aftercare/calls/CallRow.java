package io.aftercare.calls;

import io.aftercare.telephony.ContactKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored call as the call lists read it from {@code contacts}, before its times and disposition are added
 * ({@link CallSummary}). {@code agent} is the member interface of the agent who answered last, {@code agentLogin}
 * theirs when the agent is known. Immutable.
 */
public record CallRow(long id, String pbxId, String linkedId, ContactKind kind, Instant startedAt, Instant queuedAt,
                      Instant answeredAt, Instant endedAt, String queue, String agent, String agentLogin,
                      String callerNumber, String callerName, Long customerId, Long caseId, Outcome outcome) {
    public CallRow {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(linkedId);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(outcome);
    }
}
