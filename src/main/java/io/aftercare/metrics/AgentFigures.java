package io.aftercare.metrics;

/**
 * One agent's handling figures: calls whose handling the agent completed and their mean talk, hold and wrap-up
 * (milliseconds, written as {@code ...Seconds} by the API; null when none). Immutable.
 */
public record AgentFigures(String pbxId, String agent, long handled, Long ahtMillis, Long talkMillis,
                           Long holdMillis, Long wrapupMillis) {}
