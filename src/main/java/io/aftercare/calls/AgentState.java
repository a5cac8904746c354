package io.aftercare.calls;

import io.aftercare.core.Coded;

/** An agent's state as supervisors see it, highest priority first in {@link AgentBoard}. Immutable. */
public enum AgentState implements Coded {
    LOGGED_OUT, READY, RINGING, ON_CALL, ON_HOLD, AFTER_CALL_WORK, PAUSED
}
