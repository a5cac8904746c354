package io.aftercare.wallboard;

import java.time.Instant;
import java.util.List;

/**
 * The whole wallboard at {@code at}: all queues together, every queue and every agent; {@code zone} is the zone
 * chosen for "today", or null when each queue uses its own. Immutable.
 */
public record Snapshot(Instant at, String zone, Floor floor, List<QueueBoard> queues, List<AgentRow> agents) {
    public Snapshot {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
    }
}
