package io.aftercare.fake;

/**
 * The outcome SimulatedAmiServer reports in an {@code OriginateResponse} event, with the {@code Reason}
 * code Asterisk 22 uses (as captured in ami-originate-survey.txt); immutable and thread-safe.
 */
public enum OriginateOutcome {
    /** Reason 4: the callee answered; Response Success with the created channel and Uniqueid. */
    ANSWERED(4),
    /** Reason 5: busy. */
    BUSY(5),
    /** Reason 3: no answer before the Originate timeout. */
    NO_ANSWER(3),
    /**
     * Reason 1: the far end hung up before answering (declined; not in the transcripts: the Reason is the control
     * frame that ended the dial, and Asterisk's AST_CONTROL_HANGUP is 1, as BUSY is 5 and CONGESTION 8).
     */
    REJECTED(1),
    /** Reason 8: congestion. */
    CONGESTION(8),
    /** Reason 0: the channel could not be created at all (e.g. no such context). */
    FAILURE(0);

    private final int reason;

    OriginateOutcome(int reason) {
        this.reason = reason;
    }

    /** The numeric {@code Reason} header value. */
    public int reason() {
        return reason;
    }

    public boolean answered() {
        return this == ANSWERED;
    }
}
