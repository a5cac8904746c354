package io.aftercare.ami;

import io.aftercare.telephony.ContactKind;
import java.util.Map;
import java.util.Objects;

/**
 * An asynchronous Originate into a dialplan context, as the survey dialer asks for it; every value is cleaned by
 * {@link AmiValues#clean} when the action is built. Immutable.
 *
 * @param actionId an originate id ({@link ContactKind#originateId}), sent as the ActionID, echoed in the
 *                 {@code OriginateResponse} event, and as the ChannelId, which Asterisk makes the call's Linkedid
 * @param timeoutMs how long the callee rings (Originate {@code Timeout})
 * @param variables channel variables set on the new channel ({@code Variable: NAME=value})
 */
public record OriginateRequest(String actionId, String channel, String context, String exten, int priority,
                               String callerId, long timeoutMs, Map<String, String> variables) {
    public OriginateRequest {
        Objects.requireNonNull(actionId);
        Objects.requireNonNull(channel);
        Objects.requireNonNull(context);
        Objects.requireNonNull(exten);
        if (ContactKind.ofOriginateId(actionId).isEmpty()) {
            throw new IllegalArgumentException("not an originate id: " + actionId);
        }
        variables = Map.copyOf(variables);
    }

    /** The kind of call this places, as its id says. */
    public ContactKind kind() {
        return ContactKind.ofOriginateId(actionId).orElseThrow();
    }
}
