package io.aftercare.calls;

import java.time.Instant;
import java.util.Map;

/**
 * What supervisors see of one agent: overall state, pause reason, queues with their paused flags, the call in
 * progress. Immutable.
 */
public record AgentView(String pbxId, String agent, String name, AgentState state, String reason,
                        Map<String, Boolean> queuesPaused, String linkedId, Instant since) {
    public AgentView {
        queuesPaused = Map.copyOf(queuesPaused);
    }
}
