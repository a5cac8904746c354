package io.aftercare.calls;

import io.aftercare.telephony.ContactKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One call as stored in {@code contacts}, keyed by PBX id and Linkedid; written again (upserted) as the call
 * progresses. {@code callerE164} is null when the caller ID is not a valid number. Immutable.
 *
 * @param dequeuedAt when it left the queue: answered, abandoned or timed out
 * @param pbxWaitSeconds Asterisk's own queue wait (HoldTime of AgentConnect or QueueCallerAbandon)
 * @param pbxTalkSeconds Asterisk's own TalkTime of the last AgentComplete
 * @param kind inbound, or the kind of call aftercare originated (which queue figures leave out)
 */
public record ContactRecord(String pbxId, String linkedId, String callerRaw, String callerE164, String callerName,
                            String queue, String answeredBy, Instant enteredAt, Instant queuedAt, Instant answeredAt,
                            Instant dequeuedAt, Instant endedAt, Outcome outcome, boolean lostTrack,
                            Integer pbxWaitSeconds, Integer pbxTalkSeconds, ContactKind kind) {
    public ContactRecord {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(linkedId);
        Objects.requireNonNull(enteredAt);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(kind);
    }
}
