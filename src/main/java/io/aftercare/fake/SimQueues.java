package io.aftercare.fake;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The simulator's app_queue: the agents (members) with their state and the callers waiting in each queue, in
 * order. Not thread-safe: the {@link PbxSimulator} lock guards it.
 */
final class SimQueues {
    private final Clock clock;
    private final Duration wrapUp;
    private final Map<SimAgent, SimEvents.AgentState> agents = new LinkedHashMap<>();
    private final Map<String, List<SimulatedCall>> waiting = new LinkedHashMap<>();

    /** {@code wrapUp}: queues.conf wrapuptime, already scaled to the simulator's speed. */
    SimQueues(List<SimAgent> members, Clock clock, Duration wrapUp) {
        this.clock = clock;
        this.wrapUp = wrapUp;
        if (members.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one agent");
        }
        long now = clock.instant().getEpochSecond();
        for (SimAgent a : members) {
            if (agents.putIfAbsent(a, new SimEvents.AgentState(a, now)) != null) {
                throw new IllegalArgumentException("agent listed twice: " + a.iface());
            }
        }
    }

    Collection<SimEvents.AgentState> agents() {
        return agents.values();
    }

    /** The agent with this interface; throws when there is none. */
    SimEvents.AgentState agent(String iface) {
        for (SimEvents.AgentState s : agents.values()) {
            if (s.agent.iface().equals(iface)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no such simulated agent: " + iface);
    }

    /** Joins the caller at the end of the queue and returns the queue's new count (its position). */
    int join(String queue, SimulatedCall call) {
        List<SimulatedCall> q = waiting.computeIfAbsent(queue, k -> new ArrayList<>());
        q.add(call);
        return q.size();
    }

    int position(String queue, SimulatedCall call) {
        return waiting.getOrDefault(queue, List.of()).indexOf(call) + 1;
    }

    void leave(String queue, SimulatedCall call) {
        waiting.getOrDefault(queue, new ArrayList<>()).remove(call);
    }

    int count(String queue) {
        return waiting.getOrDefault(queue, List.of()).size();
    }

    /**
     * Takes a free agent of the queue (not paused, not on a call, not in wrap-up, not in
     * {@code excluded}), picking the one idle longest as leastrecent/rrmemory would; null if none.
     */
    SimAgent seizeFreeAgent(String queue, Set<SimAgent> excluded) {
        long nowMillis = clock.millis();
        SimEvents.AgentState best = null;
        for (SimEvents.AgentState s : agents.values()) {
            if (s.agent.queues().contains(queue) && !s.busy && !s.paused && s.wrapUpUntil <= nowMillis
                    && !excluded.contains(s.agent) && (best == null || s.lastCall < best.lastCall)) {
                best = s;
            }
        }
        if (best == null) {
            return null;
        }
        best.busy = true;
        return best.agent;
    }

    void release(SimAgent agent, boolean talked) {
        SimEvents.AgentState s = agents.get(agent);
        s.busy = false;
        if (talked) {
            s.callsTaken++;
            s.lastCall = clock.instant().getEpochSecond();
            s.wrapUpUntil = clock.millis() + wrapUp.toMillis();
        }
    }

    /** Another queue served by some other agent, else the same queue (another agent will take it). */
    String transferTarget(String from, SimAgent transferer, Random random) {
        List<String> others = new ArrayList<>();
        for (SimAgent a : agents.keySet()) {
            if (!a.equals(transferer)) {
                for (String q : a.queues()) {
                    if (!q.equals(from) && !others.contains(q)) {
                        others.add(q);
                    }
                }
            }
        }
        return others.isEmpty() ? from : others.get(random.nextInt(others.size()));
    }
}
