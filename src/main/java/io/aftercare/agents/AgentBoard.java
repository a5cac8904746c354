package io.aftercare.agents;

import io.aftercare.calls.SegmentKind;
import io.aftercare.calls.SegmentRecord;
import io.aftercare.calls.TrackingSink;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.telephony.events.PbxEvent.MemberAdded;
import io.aftercare.telephony.events.PbxEvent.MemberPaused;
import io.aftercare.telephony.events.PbxEvent.MemberRemoved;
import io.aftercare.telephony.events.PbxEvent.MemberStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live state of every agent (queue member interface) per PBX: queues and pauses from queue-member events, call
 * state from the call tracker, and after-call work (paused with reason {@value #ACW} until a disposition, an
 * unpause or the queue's wrap-up timeout). Not thread-safe: owned by the call-tracking thread, except {@link
 * #busyReason}, which any thread may call.
 */
public final class AgentBoard {
    /** The pause reason aftercare uses for after-call work. */
    public static final String ACW = "acw";
    private static final Logger LOG = LoggerFactory.getLogger(AgentBoard.class);

    private final Map<String, Agent> agents = new HashMap<>();
    /**
     * What {@link #busyReason} reads, written on the owner's thread after every change: the one part of the board
     * other threads (the route's) may read, so they never wait for the owner.
     */
    private final Map<String, Availability> availability = new ConcurrentHashMap<>();
    private final TrackingSink sink;
    private final AgentCommands commands;
    private final Clock clock;
    private final ToIntFunction<String> wrapupSeconds;

    /** @param wrapupSeconds the after-call-work timeout of a queue */
    public AgentBoard(TrackingSink sink, AgentCommands commands, Clock clock, ToIntFunction<String> wrapupSeconds) {
        this.sink = sink;
        this.commands = commands;
        this.clock = clock;
        this.wrapupSeconds = wrapupSeconds;
    }

    private static final class Agent {
        final String pbxId;
        final String iface;
        String name = "";
        final Map<String, Boolean> paused = new TreeMap<>();
        /** Each queue's pause reason ("" when not paused there); {@link #reason} is the latest, for display. */
        final Map<String, String> reasons = new TreeMap<>();
        String reason = "";
        boolean ringing;
        String linkedId;
        boolean onHold;
        SegmentRecord wrapup;
        Instant wrapupDeadline;
        /** Queues the agent had paused themselves in (and why) when after-call work began: kept at its end. */
        final Map<String, String> ownPauses = new TreeMap<>();
        AgentStateChange last;
        /** The phone's device state as app_queue last reported it (QueueMemberStatus), 0 (unknown) until then. */
        int deviceStatus;

        Agent(String pbxId, String iface) {
            this.pbxId = pbxId;
            this.iface = iface;
        }

        AgentState state() {
            if (paused.isEmpty()) {
                return AgentState.LOGGED_OUT;
            } else if (linkedId != null) {
                return onHold ? AgentState.ON_HOLD : AgentState.ON_CALL;
            } else if (ringing) {
                return AgentState.RINGING;
            } else if (wrapup != null) {
                return AgentState.AFTER_CALL_WORK;
            }
            return paused.values().stream().allMatch(p -> p) ? AgentState.PAUSED : AgentState.READY;
        }
    }

    /** Applies a queue-member event. */
    public void on(PbxEvent.AgentEvent event) {
        Agent a = agent(event.pbxId(), event.iface());
        switch (event) {
            case MemberAdded m -> {
                a.name = m.memberName().isEmpty() ? a.name : m.memberName();
                a.paused.put(m.queue(), m.paused());
                a.reasons.put(m.queue(), m.paused() ? m.reason() : "");
                a.reason = m.paused() ? m.reason() : a.reason;
            }
            case MemberRemoved m -> {
                a.paused.remove(m.queue());
                a.reasons.remove(m.queue());
                if (a.paused.isEmpty()) {
                    endWrapup(a, m.at(), false);
                }
            }
            case MemberPaused m -> {
                a.name = m.memberName().isEmpty() ? a.name : m.memberName();
                a.paused.put(m.queue(), m.paused());
                a.reasons.put(m.queue(), m.paused() ? m.reason() : "");
                a.reason = m.paused() ? m.reason() : "";
                if (a.wrapup != null && (!m.paused() || !ACW.equals(m.reason()))) {
                    endWrapup(a, m.at(), false); // unpaused, or paused for something else: after-call work is over
                }
            }
            case MemberStatus m -> {
                a.name = m.memberName().isEmpty() ? a.name : m.memberName();
                a.deviceStatus = m.status();
                a.paused.put(m.queue(), m.paused());
                a.reasons.put(m.queue(), m.paused() ? m.reason() : "");
                if (m.paused()) {
                    a.reason = m.reason();
                }
            }
        }
        publish(a, event.at());
    }

    /** Replaces every membership of {@code pbxId} with a QueueStatus answer after a reconnect. */
    public void resync(String pbxId, List<MemberStatus> members, Instant at) {
        var seen = new HashSet<String>();
        for (MemberStatus m : members) {
            seen.add(m.iface());
            Agent a = agent(pbxId, m.iface());
            a.paused.clear();
            a.reasons.clear();
        }
        for (Agent a : agents.values()) {
            if (a.pbxId.equals(pbxId) && !seen.contains(a.iface)) {
                a.paused.clear();
                a.reasons.clear();
                endWrapup(a, at, false);
                publish(a, at);
            }
        }
        members.forEach(this::on);
    }

    public void ringing(String pbxId, String iface, String name, boolean on, Instant at) {
        Agent a = agent(pbxId, iface);
        a.name = name.isEmpty() ? a.name : name;
        a.ringing = on;
        publish(a, at);
    }

    public void connected(String pbxId, String iface, String linkedId, Instant at) {
        Agent a = agent(pbxId, iface);
        endWrapup(a, at, false);
        a.ringing = false;
        a.linkedId = linkedId;
        a.onHold = false;
        publish(a, at);
    }

    public void hold(String pbxId, String iface, boolean on, Instant at) {
        Agent a = agent(pbxId, iface);
        a.onHold = on;
        publish(a, at);
    }

    /** The call ended for this agent: after-call work starts, and the agent is paused with reason acw. */
    public void completed(String pbxId, String iface, String linkedId, String queue, Instant at) {
        Agent a = agent(pbxId, iface);
        if (a.linkedId == null || !a.linkedId.equals(linkedId)) {
            return; // duplicate AgentComplete, or a call we never saw connect
        }
        a.linkedId = null;
        a.onHold = false;
        a.wrapup = new SegmentRecord(pbxId, linkedId, SegmentKind.WRAPUP, iface, queue, at, null);
        a.wrapupDeadline = clock.instant().plusSeconds(Math.max(0, wrapupSeconds.applyAsInt(queue)));
        a.ownPauses.clear(); // e.g. a lunch pause asked for during the call: the acw pause below overwrites it
        a.paused.forEach((q, p) -> {
            String why = a.reasons.getOrDefault(q, "");
            if (p && !ACW.equals(why)) {
                a.ownPauses.put(q, why);
            }
        });
        sink.segment(a.wrapup);
        commands.pause(pbxId, "", iface, true, ACW).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("cannot pause {} on {} for after-call work: {}", iface, pbxId, failure.getMessage());
            }
        });
        publish(a, at);
    }

    /** Ends after-call work by disposition; false when the agent was not wrapping up. */
    public boolean dispose(String pbxId, String iface, Instant at) {
        Agent a = agents.get(key(pbxId, iface));
        if (a == null || a.wrapup == null) {
            return false;
        }
        endWrapup(a, at, true);
        publish(a, at);
        return true;
    }

    /** Ends every after-call work whose queue timeout has passed; called every second by the owner. */
    public void expireWrapups() {
        Instant now = clock.instant();
        for (Agent a : agents.values()) {
            if (a.wrapup != null && !now.isBefore(a.wrapupDeadline)) {
                Duration planned = Duration.ofSeconds(wrapupSeconds.applyAsInt(a.wrapup.queue()));
                Instant end = a.wrapup.startedAt().plus(planned);
                endWrapup(a, end, true);
                publish(a, end);
            }
        }
    }

    /** True when the board has heard of {@code iface} on {@code pbxId} (a queue member now or before). */
    public boolean knows(String pbxId, String iface) {
        return agents.containsKey(key(pbxId, iface));
    }

    /**
     * Why {@code iface} must not be rung before the queue {@code queue} now, in words, or empty when it may: it is
     * logged in to the queue, not paused there, not ringing, on a call or in after-call work, and its phone is not
     * in use (app_queue's device state: what {@code ringinuse = no} checks). The only method any thread may call:
     * it never waits, and reads the board as of the last change it applied.
     */
    public Optional<String> busyReason(String pbxId, String iface, String queue) {
        Availability a = availability.get(key(pbxId, iface));
        if (a == null || !a.paused().containsKey(queue)) {
            return Optional.of("not logged in to " + queue);
        }
        if (a.paused().get(queue)) {
            String why = a.reasons().getOrDefault(queue, "");
            return Optional.of("paused in " + queue + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        return switch (a.state()) {
            case RINGING -> Optional.of("ringing");
            case ON_CALL, ON_HOLD -> Optional.of("on a call");
            case AFTER_CALL_WORK -> Optional.of("in after-call work");
            default -> switch (a.deviceStatus()) {
                case 2, 3, 6, 7, 8 -> Optional.of("phone in use"); // INUSE, BUSY, RINGING, RINGINUSE, ONHOLD
                case 4, 5 -> Optional.of("phone unavailable"); // INVALID, UNAVAILABLE
                default -> Optional.empty(); // NOT_INUSE, or UNKNOWN (no device state: app_queue rings it too)
            };
        };
    }

    /** An agent as {@link #busyReason} sees it. */
    private record Availability(AgentState state, Map<String, Boolean> paused, Map<String, String> reasons,
                                int deviceStatus) {}

    public List<AgentView> views() {
        List<AgentView> views = new ArrayList<>();
        for (Agent a : agents.values()) {
            AgentState s = a.state();
            views.add(new AgentView(a.pbxId, a.iface, a.name, s, s == AgentState.PAUSED ? a.reason : "",
                    a.paused, a.linkedId, a.last == null ? null : a.last.at()));
        }
        views.sort(java.util.Comparator.comparing(AgentView::pbxId).thenComparing(AgentView::agent));
        return views;
    }

    private void endWrapup(Agent a, Instant at, boolean unpause) {
        if (a.wrapup == null) {
            return;
        }
        sink.segment(a.wrapup.closedAt(at));
        a.wrapup = null;
        a.wrapupDeadline = null;
        if (unpause && !a.paused.isEmpty()) {
            if (a.ownPauses.isEmpty()) {
                endPause(a, "", false, "");
            } else { // back to the agent's own pauses, queue by queue; ready only where they were ready
                for (String queue : List.copyOf(a.paused.keySet())) {
                    String own = a.ownPauses.get(queue);
                    endPause(a, queue, own != null, own == null ? "" : own);
                }
            }
        }
        a.ownPauses.clear();
    }

    private void endPause(Agent a, String queue, boolean paused, String reason) {
        commands.pause(a.pbxId, queue, a.iface, paused, reason).whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warn("cannot end after-call work of {} on {}: {}", a.iface, a.pbxId, failure.getMessage());
            }
        });
    }

    private void publish(Agent a, Instant at) {
        AgentState state = a.state();
        availability.put(key(a.pbxId, a.iface), new Availability(state, Map.copyOf(a.paused), Map.copyOf(a.reasons),
                a.deviceStatus));
        String reason = state == AgentState.PAUSED ? a.reason : "";
        String queues = String.join(",", a.paused.keySet());
        AgentStateChange last = a.last;
        if (last != null && last.state() == state && last.reason().equals(reason) && last.queues().equals(queues)) {
            return;
        }
        if (last != null && at.isBefore(last.at())) {
            at = last.at(); // the PBX clock went back: keep the log in order
        }
        a.last = new AgentStateChange(a.pbxId, a.iface, a.name, state, reason, queues, at);
        sink.agentState(a.last);
    }

    private Agent agent(String pbxId, String iface) {
        return agents.computeIfAbsent(key(pbxId, iface), k -> new Agent(pbxId, iface));
    }

    private static String key(String pbxId, String iface) {
        return pbxId + '\u0000' + iface;
    }
}
