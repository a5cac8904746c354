package io.aftercare.wallboard;

import io.aftercare.metrics.AgentFigures;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * Today's figures from stored records, as of {@code asOf}: per queue (each in its own or the chosen zone) and per
 * agent (keyed {@code pbxId/interface}, for {@code agentDay}). Immutable.
 */
public record Today(Instant asOf, Map<String, QueueToday> queues, Map<String, AgentFigures> agents,
                    LocalDate agentDay) {
    public Today {
        queues = Map.copyOf(queues);
        agents = Map.copyOf(agents);
    }

    public static Today empty(Instant at, LocalDate day) {
        return new Today(at, Map.of(), Map.of(), day);
    }
}
