package io.aftercare.wallboard;

import io.aftercare.metrics.AgentFigures;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Today's figures from stored records, as of {@code asOf}: per queue (each in its own or the chosen zone), over all
 * queues ({@code floor}), the rolling figures ({@code recent}) and per agent for {@code agentDay}, by PBX then member
 * interface (so a snapshot finds each of thousands of agents without building a key string). Immutable.
 */
public record Today(Instant asOf, Map<String, QueueToday> queues, QueueToday floor, Recents recent,
                    Map<String, Map<String, AgentFigures>> agentsByPbx, LocalDate agentDay) {
    public Today {
        queues = Map.copyOf(queues);
        Map<String, Map<String, AgentFigures>> copy = new HashMap<>();
        agentsByPbx.forEach((pbx, agents) -> copy.put(pbx, Map.copyOf(agents)));
        agentsByPbx = Map.copyOf(copy);
    }

    /** From the calculators' per-agent figures, whatever they are keyed by. */
    public static Today of(Instant asOf, Map<String, QueueToday> queues, QueueToday floor, Recents recent,
                           Iterable<AgentFigures> agents, LocalDate agentDay) {
        Map<String, Map<String, AgentFigures>> byPbx = new HashMap<>();
        agents.forEach(f -> byPbx.computeIfAbsent(f.pbxId(), k -> new HashMap<>()).put(f.agent(), f));
        return new Today(asOf, queues, floor, recent, byPbx, agentDay);
    }

    /** The agent's figures today, or null when the agent handled no call. */
    public AgentFigures agent(String pbxId, String agent) {
        Map<String, AgentFigures> ofPbx = agentsByPbx.get(pbxId);
        return ofPbx == null ? null : ofPbx.get(agent);
    }
}
