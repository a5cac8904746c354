package io.aftercare.wallboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two snapshots: the floor (null when unchanged), the queues and agents whose rows differ
 * (whole rows) and the agents gone. Immutable.
 */
public record Delta(Instant at, Floor floor, List<QueueBoard> queues, List<AgentRow> agents, List<String> removedAgents,
                    List<String> removedQueues) {
    public Delta {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
        removedAgents = List.copyOf(removedAgents);
        removedQueues = List.copyOf(removedQueues);
    }

    public boolean isEmpty() {
        return floor == null && queues.isEmpty() && agents.isEmpty() && removedAgents.isEmpty() && removedQueues.isEmpty();
    }

    /** The rows of {@code next} that differ from {@code previous}; a pure function. */
    public static Delta between(Snapshot previous, Snapshot next) {
        Map<String, QueueBoard> oldQueues = new HashMap<>();
        previous.queues().forEach(q -> oldQueues.put(q.queue(), q));
        List<QueueBoard> queues = new ArrayList<>();
        Set<String> seenQueues = new HashSet<>();
        for (QueueBoard q : next.queues()) {
            seenQueues.add(q.queue());
            if (!q.equals(oldQueues.get(q.queue()))) {
                queues.add(q);
            }
        }
        Map<String, AgentRow> oldAgents = new HashMap<>();
        previous.agents().forEach(a -> oldAgents.put(a.key(), a));
        List<AgentRow> agents = new ArrayList<>();
        Set<String> seenAgents = new HashSet<>();
        for (AgentRow a : next.agents()) {
            seenAgents.add(a.key());
            if (!a.equals(oldAgents.get(a.key()))) {
                agents.add(a);
            }
        }
        List<String> removedAgents = oldAgents.keySet().stream().filter(k -> !seenAgents.contains(k)).sorted().toList();
        List<String> removedQueues = oldQueues.keySet().stream().filter(k -> !seenQueues.contains(k)).sorted().toList();
        Floor floor = next.floor().equals(previous.floor()) ? null : next.floor();
        return new Delta(next.at(), floor, queues, agents, removedAgents, removedQueues);
    }
}
