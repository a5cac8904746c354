package io.aftercare.wallboard;

import io.aftercare.calls.AgentState;
import java.time.Instant;
import java.util.List;

/**
 * One agent on the wallboard: live state since {@code since} (time in state = snapshot time minus since), the
 * queues logged in, and today's handled calls and AHT (milliseconds, in JSON {@code ahtSeconds}; null when none).
 * Immutable.
 */
public record AgentRow(String pbxId, String agent, String name, AgentState state, String reason, Instant since,
                       List<String> queues, long callsToday, Long ahtMillis) {
    public AgentRow {
        queues = List.copyOf(queues);
    }

    /** The key agents are known by across snapshots. */
    public String key() {
        return pbxId + '/' + agent;
    }
}
