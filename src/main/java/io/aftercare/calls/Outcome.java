package io.aftercare.calls;

import io.aftercare.core.Coded;

/**
 * How a contact ended, as stored in {@code contacts.outcome}: an inbound call as the queue saw it, an outbound one
 * ({@link io.aftercare.telephony.ContactKind}) as its Originate did ({@link #ofOriginateReason}). Immutable.
 */
public enum Outcome implements Coded {
    /** Still in progress (only on rows written before the end). */
    OPEN("open"),
    ANSWERED("answered"),
    /** Hung up while queued after at least the queue's short-abandon threshold. */
    ABANDONED("abandoned"),
    /** Hung up while queued before the queue's short-abandon threshold: an abandon reported apart. */
    SHORT_ABANDON("short_abandon"),
    /** Left the queue to be called back, keeping their place (virtual hold): neither answered nor abandoned. */
    CALLBACK("callback"),
    /** Left the queue unanswered (queue timeout) and ended elsewhere. */
    TIMEOUT("timeout"),
    /** Ended before reaching a queue. */
    IVR("ivr"),
    /** Ended while the AMI link was down, before it was answered: last known times kept. */
    LOST_TRACK("lost_track"),
    /** An outbound call the callee's line answered busy (OriginateResponse Reason 5). */
    BUSY("busy"),
    /** An outbound call nobody answered before the Originate timeout, or that was declined (Reason 3 or 1). */
    NO_ANSWER("no_answer"),
    /** An outbound call the PBX could not place: congestion (Reason 8), no such channel (0) or never said. */
    FAILED("failed");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    /**
     * An outbound call's outcome from its {@code OriginateResponse} Reason (ami-originate-survey.txt): 4 answered,
     * 5 busy, 3 no answer, 1 declined (no answer), 8 congestion and 0 (or anything else) failed.
     */
    public static Outcome ofOriginateReason(int reason) {
        return switch (reason) {
            case 4 -> ANSWERED;
            case 5 -> BUSY;
            case 3, 1 -> NO_ANSWER;
            default -> FAILED;
        };
    }

    /**
     * A Dial's outcome from its {@code DialEnd} {@code DialStatus}: ANSWER answered, BUSY busy, NOANSWER and CANCEL (the
     * dialling side gave up) no answer, CONGESTION, CHANUNAVAIL and anything else failed.
     */
    public static Outcome ofDialStatus(String status) {
        return switch (status) {
            case "ANSWER" -> ANSWERED;
            case "BUSY" -> BUSY;
            case "NOANSWER", "CANCEL" -> NO_ANSWER;
            default -> FAILED;
        };
    }

    /**
     * What an unanswered outbound call's Hangup cause says until its OriginateResponse does (which may come after
     * the last Hangup): 17 busy, 18, 19 or 21 no answer; null for any other (0 on the originating leg, 16 normal).
     */
    public static Outcome ofHangupCause(int cause) {
        return switch (cause) {
            case 17 -> BUSY;
            case 18, 19, 21 -> NO_ANSWER;
            default -> null;
        };
    }
}
