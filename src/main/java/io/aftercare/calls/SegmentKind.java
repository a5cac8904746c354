package io.aftercare.calls;

import io.aftercare.core.Coded;

/** The kinds of time a contact is made of. Immutable. */
public enum SegmentKind implements Coded {
    /** Waiting in a queue. */
    QUEUE,
    /** An agent's phone ringing. */
    RING,
    /** Caller and agent connected, not on hold. */
    TALK,
    /** Caller on hold by the agent. */
    HOLD,
    /** The agent's after-call work. */
    WRAPUP
}
