package io.aftercare.calls;

import io.aftercare.telephony.ContactKind;
import java.time.Instant;

/**
 * Which stored calls ({@code contacts}) a list asks for; every part is optional (null: any). {@code from}/{@code to}
 * bound when the call started ([from, to)); {@code agent} is a member interface, matched against the agent who
 * answered; {@code outbound} true for calls aftercare placed ({@link ContactKind#outbound()}), false for inbound;
 * {@code notLinkedId} leaves one call out (the screen pop's current call). Immutable.
 */
public record CallFilter(Instant from, Instant to, String queue, String agent, Long customerId, Outcome outcome,
                         Boolean outbound, String notLinkedId) {
    public static final CallFilter ALL = new CallFilter(null, null, null, null, null, null, null, null);

    /** A customer's calls, in and out. */
    public static CallFilter ofCustomer(long customerId) {
        return ALL.withCustomer(customerId);
    }

    public CallFilter withCustomer(long id) {
        return new CallFilter(from, to, queue, agent, id, outcome, outbound, notLinkedId);
    }

    public CallFilter withAgent(String memberInterface) {
        return new CallFilter(from, to, queue, memberInterface, customerId, outcome, outbound, notLinkedId);
    }

    public CallFilter without(String linkedId) {
        return new CallFilter(from, to, queue, agent, customerId, outcome, outbound, linkedId);
    }
}
