package io.aftercare.pbx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One inbound call to place: the hotline dialled, the caller ID Asterisk will present ({@code "Name" <number>}),
 * what the caller does (exten in {@code [caller-test]}) and channel variables. Immutable.
 */
public record Caller(String hotline, String callerId, String exten, Map<String, String> variables) {
    public Caller {
        variables = Map.copyOf(variables);
    }

    /** Dials {@code hotline} and waits (60 s at most, unless told otherwise). */
    public static Caller dialing(String hotline, String callerId) {
        return new Caller(hotline, callerId, "wait", Map.of());
    }

    /** Hangs up {@code seconds} after the dialplan answered, whatever is happening. */
    public Caller hangingUpAfter(int seconds) {
        return with("CALLER_WAIT", Integer.toString(seconds));
    }

    /** Presses {@code digits} {@code afterSeconds} after the dialplan answered, then waits as before. */
    public Caller pressing(String digits, int afterSeconds) {
        Caller timed = with("DTMF", digits).with("DTMF_DELAY", Integer.toString(afterSeconds));
        return new Caller(hotline, callerId, "dtmf", timed.variables);
    }

    /**
     * Stays silent {@code seconds} after the dialplan answered (the queue's time-out and the voicemail greeting),
     * then speaks a few seconds into whatever listens (the after-sales mailbox) and hangs up.
     */
    public Caller leavingAMessageAfter(int seconds) {
        Caller timed = with("MESSAGE_DELAY", Integer.toString(seconds));
        return new Caller(hotline, callerId, "message", timed.variables);
    }

    /** The agent who answers hangs up after {@code seconds} of talk. */
    public Caller agentTalking(int seconds) {
        return with("__AGENT_TALK", Integer.toString(seconds));
    }

    /** The agent who answers talks 1 s, holds the caller {@code seconds}, then talks as long as told. */
    public Caller agentHolding(int seconds) {
        return with("__AGENT_HOLD", Integer.toString(seconds));
    }

    /**
     * The agent who answers may transfer by DTMF, as app_queue's {@code t} option allows: {@code BRIDGE_FEATURES=t}
     * on the caller's channel that runs Queue(). The shipped dialplan gives {@code t} itself since the call controls
     * (aftercare's attended transfer needs it); a test that says so does not depend on that.
     */
    public Caller agentMayTransfer() {
        return with("BRIDGE_FEATURES", "t");
    }

    /** Agent {@code n}'s phone rings without being answered when this call reaches it. */
    public Caller unansweredBy(int n) {
        return with("__AGENT_NOANSWER", "agent" + n);
    }

    private Caller with(String name, String value) {
        Map<String, String> v = new LinkedHashMap<>(variables);
        v.put(name, value);
        return new Caller(hotline, callerId, exten, v);
    }
}
