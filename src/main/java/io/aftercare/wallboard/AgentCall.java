package io.aftercare.wallboard;

/**
 * The call an agent is ringing with, on, or wrapping up: its queue (the last it was in; "" for none) and who
 * called (masked as in {@link WaitingCaller}; null until the call is stored). Immutable.
 */
public record AgentCall(String queue, String caller, String tier) {}
