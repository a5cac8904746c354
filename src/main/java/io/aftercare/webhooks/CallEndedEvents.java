package io.aftercare.webhooks;

import io.aftercare.calls.ContactRecord;
import io.aftercare.calls.Outcome;
import io.aftercare.calls.StoredContacts;
import io.aftercare.telephony.ContactKind;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Raises {@code call.ended} in the call-record writer's transaction for each stored contact that has ended, once per
 * call (a record stored again raises nothing new). Runs on the writer thread; stateless and thread-safe.
 */
public final class CallEndedEvents implements StoredContacts {
    private final Clock clock;

    public CallEndedEvents(Clock clock) {
        this.clock = clock;
    }

    /** The data of a {@code call.ended} event. */
    public record CallEnded(String pbxId, String linkedId, ContactKind kind, String callerNumber, String callerRaw,
                            String callerName, String queue, String answeredBy, Instant enteredAt, Instant queuedAt,
                            Instant answeredAt, Instant endedAt, Outcome outcome, boolean lostTrack) {
        static CallEnded of(ContactRecord c) {
            return new CallEnded(c.pbxId(), c.linkedId(), c.kind(), c.callerE164(), c.callerRaw(), c.callerName(),
                    c.queue(), c.answeredBy(), c.enteredAt(), c.queuedAt(), c.answeredAt(), c.endedAt(), c.outcome(),
                    c.lostTrack());
        }
    }

    @Override
    public void stored(Handle handle, Collection<ContactRecord> contacts) {
        List<ContactRecord> ended = contacts.stream().filter(c -> c.outcome() != Outcome.OPEN).toList();
        if (ended.isEmpty() || !WebhookOutbox.wanted(handle, EventType.CALL_ENDED)) {
            return;
        }
        Instant now = clock.instant();
        for (ContactRecord c : ended) {
            WebhookOutbox.appendOnce(handle, EventType.CALL_ENDED, c.pbxId() + '\u0000' + c.linkedId(),
                    CallEnded.of(c), now);
        }
    }
}
