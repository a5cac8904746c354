package io.aftercare.wallboard;

import io.aftercare.calls.AgentState;
import java.time.Instant;
import java.util.List;

/**
 * One agent on the wallboard: live state since {@code since} (time in state = snapshot time minus since), the
 * queues logged in, today's handled calls and AHT (milliseconds, {@code ahtSeconds} in JSON; null when none), the call in hand (null when
 * none), and for a pause its limit (seconds, null otherwise) and colour ({@code pauseLevel}, ok unless paused).
 * Immutable.
 */
public record AgentRow(String pbxId, String agent, String name, AgentState state, String reason, Instant since,
                       List<String> queues, long callsToday, Long ahtMillis, AgentCall call, Long pauseLimitSeconds,
                       Level pauseLevel) {
    public AgentRow {
        queues = List.copyOf(queues);
    }

    /** The key agents are known by across snapshots. */
    public String key() {
        return pbxId + '/' + agent;
    }
}
