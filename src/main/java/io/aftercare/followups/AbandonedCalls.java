package io.aftercare.followups;

import io.aftercare.calls.ContactRecord;
import io.aftercare.calls.Outcome;
import io.aftercare.calls.StoredContacts;
import io.aftercare.core.Coded;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.PhoneNumber;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns abandoned calls into work, in the call-record writer's transaction: each inbound contact stored with outcome
 * {@code abandoned} (short abandons are another outcome) becomes a follow-up task, or a follow-up handed to the
 * automatic callbacks, or nothing, as its queue's {@link AbandonPolicy} says; once per call (stored again, it
 * creates nothing new). Skipped: a caller without a number to call back (withheld or not a valid number), one
 * whose later call was answered already, and one who left a voicemail on that call (app_queue reports a queue
 * time-out as an abandon too, QueueCallerAbandon: the voicemail is the work). An answered inbound call in turn cancels the open abandoned follow-ups of
 * its caller's number from before it. Runs on the writer thread; stateless and thread-safe.
 */
public final class AbandonedCalls implements StoredContacts {
    private static final Logger LOG = LoggerFactory.getLogger(AbandonedCalls.class);

    /** What an abandoned call becomes. */
    enum Decision { TASK, CALLBACK, SKIP }

    private final Clock clock;
    private final BooleanSupplier callbacksAvailable;
    private final Runnable callbacksWanted;

    /**
     * @param callbacksAvailable false while no automatic callbacks exist: policy {@code callback} makes a task then
     * @param callbacksWanted    told (on the writer thread; must not block) when follow-ups were handed to callbacks
     */
    public AbandonedCalls(Clock clock, BooleanSupplier callbacksAvailable, Runnable callbacksWanted) {
        this.clock = clock;
        this.callbacksAvailable = callbacksAvailable;
        this.callbacksWanted = callbacksWanted;
    }

    /** What {@code c} becomes under {@code policy}; pure. */
    static Decision decide(ContactRecord c, AbandonPolicy policy, boolean callbacksAvailable) {
        if (c.kind() != ContactKind.INBOUND || c.outcome() != Outcome.ABANDONED || c.queue() == null
                || c.callerE164() == null || !PhoneNumber.isE164(c.callerE164()) || policy == AbandonPolicy.NONE) {
            return Decision.SKIP;
        }
        return policy == AbandonPolicy.CALLBACK && callbacksAvailable ? Decision.CALLBACK : Decision.TASK;
    }

    /** When the caller gave up: left the queue, else hung up, else called. */
    static Instant abandonedAt(ContactRecord c) {
        return c.dequeuedAt() != null ? c.dequeuedAt() : c.endedAt() != null ? c.endedAt() : c.enteredAt();
    }

    /** Behind its own savepoint: a failure here leaves the other hooks' writes (webhook events) in. */
    @Override
    public void stored(Handle handle, Collection<ContactRecord> contacts) {
        handle.savepoint("follow_ups");
        try {
            follow(handle, contacts);
            handle.releaseSavepoint("follow_ups");
        } catch (RuntimeException e) {
            handle.rollbackToSavepoint("follow_ups");
            LOG.error("follow-ups of {} stored call records not created", contacts.size(), e);
        }
    }

    private void follow(Handle handle, Collection<ContactRecord> contacts) {
        Instant now = clock.instant();
        boolean handed = false;
        for (ContactRecord c : contacts) {
            if (c.kind() == ContactKind.INBOUND && c.outcome() == Outcome.ANSWERED && c.callerE164() != null
                    && c.answeredAt() != null) {
                FollowUpDao.cancelAnswered(handle, c.callerE164(), c.answeredAt(), c.linkedId(), now);
                continue;
            }
            if (c.outcome() != Outcome.ABANDONED || c.queue() == null) {
                continue;
            }
            Decision decision = decide(c, policyOf(handle, c.queue()), callbacksAvailable.getAsBoolean());
            Instant at = abandonedAt(c);
            if (decision == Decision.SKIP || FollowUpDao.answeredSince(handle, c.callerE164(), at)
                    || FollowUpDao.leftVoicemail(handle, c.pbxId(), c.linkedId())) {
                continue;
            }
            NewFollowUp f = new NewFollowUp(FollowUpKind.ABANDONED, c.pbxId(), c.linkedId(), c.queue(),
                    c.callerE164(), c.callerName(), null, c.linkedId(), at,
                    c.queuedAt() != null ? c.queuedAt() : c.enteredAt(), null, null, null);
            boolean created = FollowUpDao.insert(handle, f, decision == Decision.CALLBACK ? FollowUpState.CALLBACK
                    : FollowUpState.OPEN, now).isPresent();
            handed |= created && decision == Decision.CALLBACK;
            if (created) {
                LOG.debug("abandoned call {} in {}: follow-up ({})", c.linkedId(), c.queue(), decision);
            }
        }
        if (handed) {
            callbacksWanted.run();
        }
    }

    /** The queue's policy; a queue aftercare does not know gets the default, a task. */
    private static AbandonPolicy policyOf(Handle h, String queue) {
        return h.createQuery("SELECT abandon_policy FROM queues WHERE name = :q").bind("q", queue)
                .mapTo(String.class).findOne().map(code -> Coded.parse(AbandonPolicy.class, code, "abandon_policy"))
                .orElse(AbandonPolicy.TASK);
    }
}
