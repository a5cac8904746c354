package io.aftercare.calls;

import io.aftercare.core.Coded;

/** How a contact ended, as stored in {@code contacts.outcome}. Immutable. */
public enum Outcome implements Coded {
    /** Still in progress (only on rows written before the end). */
    OPEN("open"),
    ANSWERED("answered"),
    /** Hung up while queued after at least the queue's short-abandon threshold. */
    ABANDONED("abandoned"),
    /** Hung up while queued before the queue's short-abandon threshold: an abandon reported apart. */
    SHORT_ABANDON("short_abandon"),
    /** Left the queue unanswered (queue timeout) and ended elsewhere. */
    TIMEOUT("timeout"),
    /** Ended before reaching a queue. */
    IVR("ivr"),
    /** Ended while the AMI link was down, before it was answered: last known times kept. */
    LOST_TRACK("lost_track");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
