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
     * The far end hung up before answering (declined), with the channel events captured for that (DialEnd
     * NOANSWER, cause 21) but Reason 1, AST_CONTROL_HANGUP. Unconfirmed: a Local callee's Hangup(21) gave Reason 0
     * in captures/ami-originate-events-*.txt, as a call that could not be placed does; a SIP decline could not be
     * captured (no SIP stack in the bundle).
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
