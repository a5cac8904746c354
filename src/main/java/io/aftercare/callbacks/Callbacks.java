package io.aftercare.callbacks;

import io.aftercare.telephony.InvalidPhoneNumberException;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers queue callbacks ({@link CallbackRequests}): checks the number, refuses a second pending callback for
 * it, and applies the do-not-call list to the callbacks aftercare decides on its own (abandons, voicemails); a
 * caller who pressed 1 just now asked for theirs. Blocking JDBC: call on a worker or an AGI thread. Thread-safe.
 */
public final class Callbacks implements CallbackRequests {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private final CallbackDao dao;
    private final PhoneNumbers phones;
    private final Duration validity;
    private final Clock clock;

    /** @param validity how long a callback may wait for its turn and its attempts before it expires */
    public Callbacks(CallbackDao dao, PhoneNumbers phones, Duration validity, Clock clock) {
        this.dao = dao;
        this.phones = phones;
        this.validity = validity;
        this.clock = clock;
    }

    @Override
    public Optional<Long> request(CallbackRequest r) {
        String e164;
        try {
            e164 = phones.parse(r.e164()).e164();
        } catch (InvalidPhoneNumberException e) {
            LOG.debug("callback refused for an invalid number: {}", e.getMessage());
            return Optional.empty();
        }
        Long customer = r.customerId() != null ? r.customerId() : dao.customerOf(e164).orElse(null);
        if (r.source() != CallbackSource.VIRTUAL_HOLD && dao.doNotCall(e164, customer)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        CallbackRequest checked = new CallbackRequest(r.source(), r.pbxId(), r.queue(), e164, customer,
                r.originLinkedId(), r.waitingSince().isAfter(now) ? now : r.waitingSince(), r.language());
        Optional<Long> id = dao.insertUnlessPending(checked, customer, now, now.plus(validity), now);
        id.ifPresent(i -> LOG.info("callback {} ({}) for queue {} registered", i, r.source().code(), r.queue()));
        return id;
    }

    /**
     * Cancels a callback waiting for its turn; false when it is unknown, done, or already holding its place in the
     * queue (its placeholder rings an agent, who then calls the customer: the agent ends it there).
     */
    public boolean cancel(long id, String who) {
        return dao.finish(id, "scheduled", "cancelled", null, "cancelled by " + who, clock.instant());
    }

    public CallbackDao dao() {
        return dao;
    }
}
