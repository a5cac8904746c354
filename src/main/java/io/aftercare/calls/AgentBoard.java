package io.aftercare.calls;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Live state of every agent (queue member interface) per PBX: queues and pauses from queue-member events, call
 * state from the call tracker, and after-call work (until a disposition, an unpause or the queue's wrap-up
 * timeout). After-call work pauses, with reason {@value #ACW}, only the queues where the agent was ready when the
 * call ended, and ends by unpausing only those: a pause aftercare did not set for after-call work (the agent's
 * own, a supervisor's in Asterisk) is never overwritten. Not thread-safe: owned by the call-tracking thread,
 * except {@link #busyReason}, which any thread may call.
 */
public final class AgentBoard {
    /** The pause reason aftercare uses for after-call work. */
    public static final String ACW = "acw";

    private final Map<String, Agent> agents = new HashMap<>();
    /** The one part of the board other threads (the route's) may read, so they never wait for the owner. */
    private final AgentAvailability availability = new AgentAvailability();
    private final TrackingSink sink;
    private final Consumer<TrackingEvent> decisions;
    private final Clock clock;
    private final Function<String, QueueTiming> queues;

    /**
     * @param decisions receives the board's decisions as it makes them, on the owner's thread
     * @param queues a queue's time rules (after-call work timeout and its limit)
     */
    public AgentBoard(TrackingSink sink, Consumer<TrackingEvent> decisions, Clock clock,
                      Function<String, QueueTiming> queues) {
        this.sink = sink;
        this.decisions = decisions;
        this.clock = clock;
        this.queues = queues;
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
        /** When after-call work ends by itself, on aftercare's clock; {@link #wrapupSeconds} after it began. */
        Instant wrapupDeadline;
        /** How long the after-call work running now lasts: the queue's timeout plus the agent's extensions. */
        int wrapupSeconds;
        /** Queues aftercare paused for the after-call work running now: the queues the agent was ready in. */
        final Set<String> acwQueues = new TreeSet<>();
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
                if (a.wrapup != null && a.acwQueues.contains(m.queue()) && (!m.paused() || !ACW.equals(m.reason()))) {
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

    /**
     * Takes over the after-call work a previous run left open, before any event: each agent's latest goes on
     * (its timeout counted from its start, its acw pauses found in the first QueueStatus), older ones end at their
     * planned end, and those of a PBX not in {@code pbxIds} end so at once.
     */
    public void restoreWrapups(List<SegmentRecord> open, Set<String> pbxIds) {
        for (SegmentRecord w : open) {
            int seconds = queues.apply(w.queue()).wrapupSeconds();
            Instant planned = w.startedAt().plusSeconds(seconds);
            Agent a = agent(w.pbxId(), w.agent());
            if (a.wrapup != null) {
                sink.segment(a.wrapup.closedAt(a.wrapupDeadline));
            }
            if (!pbxIds.contains(w.pbxId())) {
                sink.segment(w.closedAt(planned));
                a.wrapup = null;
                continue;
            }
            a.wrapup = w;
            a.wrapupDeadline = planned;
            a.wrapupSeconds = seconds;
            a.acwQueues.clear(); // known once the PBX lists the agent's memberships
        }
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
        for (Agent a : agents.values()) { // after-call work taken over from a previous run: its pauses are these
            if (a.pbxId.equals(pbxId) && a.wrapup != null && a.acwQueues.isEmpty()) {
                a.paused.forEach((q, p) -> {
                    if (p && ACW.equals(a.reasons.get(q))) {
                        a.acwQueues.add(q);
                    }
                });
            }
        }
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

    /**
     * The call ended for this agent: after-call work starts, and the agent is paused with reason acw in the queues
     * they were ready in, and keeps the acw pauses of an after-call work a call of their own ended early (a
     * click-to-call placed while wrapping up), which this one's end now lifts.
     */
    public void completed(String pbxId, String iface, String linkedId, String queue, Instant at) {
        Agent a = agent(pbxId, iface);
        if (a.linkedId == null || !a.linkedId.equals(linkedId)) {
            return; // duplicate AgentComplete, or a call we never saw connect
        }
        a.linkedId = null;
        a.onHold = false;
        a.wrapup = new SegmentRecord(pbxId, linkedId, SegmentKind.WRAPUP, iface, queue, at, null);
        a.wrapupSeconds = queues.apply(queue).wrapupSeconds();
        a.wrapupDeadline = clock.instant().plusSeconds(a.wrapupSeconds);
        a.acwQueues.clear();
        a.paused.forEach((q, p) -> {
            if (!p || ACW.equals(a.reasons.get(q))) {
                a.acwQueues.add(q);
            }
        });
        sink.segment(a.wrapup);
        decisions.accept(new TrackingEvent.WrapupStarted(pbxId, at, iface, linkedId, queue, a.acwQueues,
                !a.acwQueues.isEmpty() && a.acwQueues.equals(a.paused.keySet())));
        publish(a, at);
    }

    /**
     * The agent's call ended unseen (closed as lost track): they are no longer on it, and get no after-call work,
     * since when it would have begun is unknown; Asterisk's pauses stay as they are.
     */
    public void released(String pbxId, String iface, String linkedId, Instant at) {
        Agent a = agent(pbxId, iface);
        if (linkedId.equals(a.linkedId)) {
            a.linkedId = null;
            a.onHold = false;
            publish(a, at);
        }
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

    /** An extension of after-call work: when it ends now, and the latest it may be extended to. */
    public record Extension(String linkedId, Instant endsAt, Instant limit) {}

    /**
     * Extends the agent's after-call work by {@code seconds}, never past its queue's {@code wrapupMaxSeconds} from
     * its start; empty when the agent is not in after-call work.
     */
    public Optional<Extension> extendWrapup(String pbxId, String iface, int seconds) {
        Agent a = agents.get(key(pbxId, iface));
        if (a == null || a.wrapup == null) {
            return Optional.empty();
        }
        int max = queues.apply(a.wrapup.queue()).wrapupMaxSeconds();
        int longer = Math.min(max, a.wrapupSeconds + Math.max(0, seconds));
        a.wrapupDeadline = a.wrapupDeadline.plusSeconds(longer - a.wrapupSeconds);
        a.wrapupSeconds = longer;
        publish(a, clock.instant()); // the deadline others read changed; the state did not
        return Optional.of(extension(a));
    }

    private Extension extension(Agent a) {
        int max = queues.apply(a.wrapup.queue()).wrapupMaxSeconds();
        return new Extension(a.wrapup.linkedId(), a.wrapupDeadline,
                a.wrapupDeadline.plusSeconds(max - a.wrapupSeconds));
    }

    /** Ends every after-call work whose queue timeout has passed; called every second by the owner. */
    public void expireWrapups() {
        Instant now = clock.instant();
        for (Agent a : agents.values()) {
            // an agent not listed by the PBX yet (after a restart) waits for it: only then are its pauses known
            if (a.wrapup != null && !now.isBefore(a.wrapupDeadline) && !a.paused.isEmpty()) {
                Instant end = a.wrapup.startedAt().plus(Duration.ofSeconds(a.wrapupSeconds));
                endWrapup(a, end, true);
                publish(a, end);
            }
        }
    }

    /** True when {@code iface} is a member of some queue of {@code pbxId} now, as the PBX last listed or told it. */
    public boolean inAnyQueue(String pbxId, String iface) {
        Agent a = agents.get(key(pbxId, iface));
        return a != null && !a.paused.isEmpty();
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
        return availability.busyReason(key(pbxId, iface), queue);
    }

    public List<AgentView> views() {
        List<AgentView> views = new ArrayList<>();
        for (Agent a : agents.values()) {
            AgentState s = a.state();
            Extension acw = a.wrapup == null ? null : extension(a);
            views.add(new AgentView(a.pbxId, a.iface, a.name, s, s == AgentState.PAUSED ? a.reason : "",
                    a.paused, a.linkedId, a.last == null ? null : a.last.at(), acw == null ? null : acw.linkedId(),
                    acw == null ? null : acw.endsAt(), acw == null ? null : acw.limit(), pendingPause(a, s)));
        }
        views.sort(java.util.Comparator.comparing(AgentView::pbxId).thenComparing(AgentView::agent));
        return views;
    }

    /**
     * The agent's own pause waiting for their call or after-call work to end: every queue paused, one of them for
     * a reason other than after-call work.
     */
    private static String pendingPause(Agent a, AgentState state) {
        boolean busy = state == AgentState.RINGING || state == AgentState.ON_CALL || state == AgentState.ON_HOLD
                || state == AgentState.AFTER_CALL_WORK;
        if (!busy || a.paused.isEmpty() || !a.paused.values().stream().allMatch(p -> p)) {
            return "";
        }
        return a.reasons.values().stream().filter(r -> !r.isEmpty() && !ACW.equals(r)).findFirst().orElse("");
    }

    /** @param unpause whether aftercare unpauses the after-call-work pauses still in place (disposition, timeout) */
    private void endWrapup(Agent a, Instant at, boolean unpause) {
        if (a.wrapup == null) {
            return;
        }
        sink.segment(a.wrapup.closedAt(at));
        String linkedId = a.wrapup.linkedId();
        a.wrapup = null;
        a.wrapupDeadline = null;
        a.wrapupSeconds = 0;
        if (!unpause) {
            a.acwQueues.clear();
        }
        // not a queue left since, nor one someone paused for another reason since: that pause stays
        a.acwQueues.removeIf(q -> !a.paused.containsKey(q) || (a.paused.get(q) && !ACW.equals(a.reasons.get(q))));
        decisions.accept(new TrackingEvent.WrapupEnded(a.pbxId, at, a.iface, linkedId, a.acwQueues,
                !a.acwQueues.isEmpty() && a.acwQueues.equals(a.paused.keySet())));
        // Shown unpaused there at once, not as "paused acw" until Asterisk confirms each queue: the agent goes from
        // after-call work straight to ready. A refused command is logged; the next member event or resync shows the
        // truth.
        for (String queue : a.acwQueues) {
            a.paused.put(queue, false);
            a.reasons.put(queue, "");
        }
        if (unpause) {
            a.reason = a.reasons.values().stream().filter(r -> !r.isEmpty()).findFirst().orElse("");
        }
        a.acwQueues.clear();
    }

    private void publish(Agent a, Instant at) {
        AgentState state = a.state();
        availability.update(key(a.pbxId, a.iface), state, a.paused, a.reasons, a.deviceStatus);
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
        decisions.accept(new TrackingEvent.AgentChanged(a.last));
    }

    private Agent agent(String pbxId, String iface) {
        return agents.computeIfAbsent(key(pbxId, iface), k -> new Agent(pbxId, iface));
    }

    private static String key(String pbxId, String iface) {
        return pbxId + '\u0000' + iface;
    }
}
