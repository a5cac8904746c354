package io.aftercare.wallboard;

import java.util.Map;

/**
 * Agents logged in to one queue by live state; {@code paused} counts pauses other than after-call work, split by
 * reason ("" when none was given). Immutable.
 */
public record AgentCounts(int loggedIn, int ready, int ringing, int onCall, int afterCallWork, int paused,
                          Map<String, Integer> pausedByReason) {
    public AgentCounts {
        pausedByReason = Map.copyOf(pausedByReason);
    }
}
