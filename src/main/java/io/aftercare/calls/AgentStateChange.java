package io.aftercare.calls;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code agent_state_log}: the agent (member interface) entered {@code state} at {@code at};
 * {@code reason} is the pause reason or empty; {@code queues} the comma-separated queues logged in. Immutable.
 */
public record AgentStateChange(String pbxId, String agent, String name, AgentState state, String reason,
                               String queues, Instant at) {
    public AgentStateChange {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(agent);
        Objects.requireNonNull(state);
        Objects.requireNonNull(at);
        name = name == null ? "" : name;
        reason = reason == null ? "" : reason;
        queues = queues == null ? "" : queues;
    }
}
