package io.aftercare.fake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The simulator's side of app_queue: the callers waiting in each queue, in order, and the agents' phones (ringing or
 * on a call). Who is a member of which queue, and paused or not, is the PBX's {@link AppQueue}, which AMI actions
 * change too: so a member aftercare paused, or never added, is never rung. Not thread-safe: the {@link PbxSimulator}
 * lock guards it.
 */
final class SimQueues {
    private final AppQueue app;
    private final List<SimAgent> roster;
    /** Every agent met so far by interface: the roster, then members added over AMI. */
    private final Map<String, SimAgent> agents = new LinkedHashMap<>();
    /** Each known phone's device (the member's state interface), for the device states it reports. */
    private final Map<String, String> phones = new HashMap<>();
    /** Phones ringing or on a call: never rung again meanwhile (one line per phone). */
    private final Set<String> busy = new HashSet<>();
    private final Map<String, List<SimulatedCall>> waiting = new LinkedHashMap<>();

    SimQueues(List<SimAgent> roster, AppQueue app) {
        this.app = app;
        if (roster.isEmpty()) {
            throw new IllegalArgumentException("the simulator needs at least one agent");
        }
        for (SimAgent a : roster) {
            if (agents.putIfAbsent(a.iface(), a) != null) {
                throw new IllegalArgumentException("agent listed twice: " + a.iface());
            }
            phones.put(a.iface(), a.stateInterface());
        }
        this.roster = List.copyOf(roster);
    }

    /** The agents the simulator logs in at start. */
    List<SimAgent> roster() {
        return roster;
    }

    /** The roster's agent with this interface; throws when there is none. */
    SimAgent agent(String iface) {
        SimAgent a = agents.get(iface);
        if (a == null) {
            throw new IllegalArgumentException("no such simulated agent: " + iface);
        }
        return a;
    }

    /** Joins the caller at the end of the queue and returns the queue's new count (its position). */
    int join(String queue, SimulatedCall call) {
        return join(queue, call, 0);
    }

    /**
     * Joins the caller at {@code position} (from 1), as Queue()'s position argument does, or at the end when it is 0
     * or beyond the end; returns the position taken.
     */
    int join(String queue, SimulatedCall call, int position) {
        List<SimulatedCall> q = waiting.computeIfAbsent(queue, k -> new ArrayList<>());
        if (position <= 0 || position > q.size()) {
            q.add(call);
            return q.size();
        }
        q.add(position - 1, call);
        return position;
    }

    /** The caller waiting in {@code queue} on the channel named {@code channel}, if any. */
    Optional<SimulatedCall> waitingOn(String queue, String channel) {
        return waiting.getOrDefault(queue, List.of()).stream().filter(c -> c.queuedOn(channel)).findFirst();
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

    /** Callers waiting now in the queues {@code iface} is a member of. */
    int waitingFor(String iface) {
        return app.membershipsOf(iface, "").stream().mapToInt(m -> count(m.queue)).sum();
    }

    /**
     * app_queue's is_our_turn with autofill: the caller may ring a member only when fewer callers ahead of it, not
     * ringing one already, than members free to take a call are waiting, so the queue is served first come first.
     */
    boolean ourTurn(String queue, SimulatedCall call) {
        long free;
        synchronized (app.lock()) {
            free = app.queue(queue).map(q -> q.members.values().stream().filter(m -> m.available()
                    && SimAgent.isPhone(m.iface) && !busy.contains(m.iface)).count()).orElse(0L);
        }
        int ahead = 0;
        for (SimulatedCall c : waiting.getOrDefault(queue, List.of())) {
            if (c == call) {
                return ahead < free;
            }
            if (!c.ringing()) {
                ahead++;
            }
        }
        return false;
    }

    /**
     * Takes the member of {@code queue} app_queue would ring now, or null: available in the PBX (in the queue, not
     * paused, its phone free where ringinuse is no), a phone the simulator can ring that is neither ringing nor on a
     * call, not in {@code excluded}; the one idle longest.
     */
    SimAgent seizeFreeAgent(String queue, Set<String> excluded) {
        Optional<AppQueue.Member> found = app.longestIdle(queue, m -> SimAgent.isPhone(m.iface)
                && !busy.contains(m.iface) && !excluded.contains(m.iface));
        if (found.isEmpty()) {
            return null;
        }
        AppQueue.Member m = found.get();
        busy.add(m.iface);
        phones.putIfAbsent(m.iface, m.stateInterface);
        return agents.computeIfAbsent(m.iface, iface -> new SimAgent(iface, m.name, List.of(queue)));
    }

    /** The device a phone reports its state on: its member's state interface. */
    String phone(SimAgent agent) {
        return phones.getOrDefault(agent.iface(), agent.iface());
    }

    /** The phone stopped ringing or hung up: it may be rung again. */
    void release(SimAgent agent) {
        busy.remove(agent.iface());
    }

    /** Whether the agent's phone is ringing or on a call. */
    boolean busy(String iface) {
        return busy.contains(iface);
    }

    /** Another queue with a member other than the transferer, else the same queue (another agent will take it). */
    String transferTarget(String from, SimAgent transferer, Random random) {
        List<String> others = new ArrayList<>();
        synchronized (app.lock()) {
            for (AppQueue.Queue q : app.queues()) {
                if (!q.name.equals(from) && q.members.keySet().stream().anyMatch(i -> !i.equals(transferer.iface()))) {
                    others.add(q.name);
                }
            }
        }
        return others.isEmpty() ? from : others.get(random.nextInt(others.size()));
    }
}
