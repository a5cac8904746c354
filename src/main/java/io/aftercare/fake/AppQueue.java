package io.aftercare.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The fake PBX's app_queue: its queues and dynamic members (paused with a reason, device state, calls taken), changed
 * by the AMI queue actions and by the simulator's calls, each change with the events Asterisk 22 emits for it, in its
 * order (ami-inbound-queue.txt, pbx-captures/): QueueMemberAdded, QueueMemberRemoved, QueueMemberPause, and
 * QueueMemberStatus when a member's device state changes, with the {@code Queue:<name>_pause_<interface>} and {@code
 * Queue:<name>_avail} device states. Thread-safe: every method runs under {@link #lock()}, which a caller may hold to
 * check, answer and change in one step.
 */
final class AppQueue {

    /** A queue as QueueParams/QueueSummary describe it. */
    static final class Queue {
        final String name;
        final String strategy;
        /** queues.conf ringinuse: whether a member whose phone is in use may be rung (Asterisk's default: yes). */
        final boolean ringInUse;
        final Map<String, Member> members = new LinkedHashMap<>();
        /** Last {@code Queue:<name>_avail} device state announced, so only changes are emitted. */
        String availState;

        Queue(String name, String strategy, boolean ringInUse) {
            this.name = name;
            this.strategy = strategy;
            this.ringInUse = ringInUse;
        }

        boolean anyAvailable() {
            return members.values().stream().anyMatch(Member::available);
        }
    }

    /** A dynamic queue member as QueueMemberAdded and friends describe it. */
    static final class Member {
        final String queue;
        final String name;
        final String iface;
        final String stateInterface;
        final int penalty;
        final long loginTime;
        final boolean ringInUse;
        boolean paused;
        String pausedReason = "";
        long lastPause;
        int callsTaken;
        long lastCall;
        boolean inCall;
        /** The state interface's device state as app_queue numbers it (AST_DEVICE_*): 1 not in use. */
        int status = NOT_INUSE;

        Member(String queue, String name, String iface, String stateInterface, int penalty, long loginTime,
               boolean ringInUse) {
            this.queue = queue;
            this.name = name;
            this.iface = iface;
            this.stateInterface = stateInterface;
            this.penalty = penalty;
            this.loginTime = loginTime;
            this.ringInUse = ringInUse;
        }

        /** app_queue's is_member_available (wrapuptime is 0): not paused, and its phone free unless ringinuse. */
        boolean available() {
            return !paused && (status == UNKNOWN || status == NOT_INUSE
                    || ringInUse && status != INVALID && status != UNAVAILABLE);
        }

        /** Headers shared by QueueMemberAdded/Removed/Pause/Status after Timestamp, in Asterisk 22's order. */
        List<AmiHeader> eventBody() {
            List<AmiHeader> h = new ArrayList<>();
            h.add(new AmiHeader("Queue", queue));
            h.add(new AmiHeader("MemberName", name));
            h.add(new AmiHeader("Interface", iface));
            addCommon(h);
            h.add(new AmiHeader("Ringinuse", ringInUse ? "1" : "0"));
            h.add(new AmiHeader("Wrapuptime", "0"));
            return h;
        }

        /** The QueueMember list event of a QueueStatus answer (Name/Location, no Ringinuse). */
        List<AmiHeader> statusHeaders() {
            List<AmiHeader> h = new ArrayList<>();
            h.add(new AmiHeader("Event", "QueueMember"));
            h.add(new AmiHeader("Queue", queue));
            h.add(new AmiHeader("Name", name));
            h.add(new AmiHeader("Location", iface));
            addCommon(h);
            h.add(new AmiHeader("Wrapuptime", "0"));
            return h;
        }

        private void addCommon(List<AmiHeader> h) {
            h.add(new AmiHeader("StateInterface", stateInterface));
            h.add(new AmiHeader("Membership", "dynamic"));
            h.add(new AmiHeader("Penalty", Integer.toString(penalty)));
            h.add(new AmiHeader("CallsTaken", Integer.toString(callsTaken)));
            h.add(new AmiHeader("LastCall", Long.toString(lastCall)));
            h.add(new AmiHeader("LastPause", Long.toString(lastPause)));
            h.add(new AmiHeader("LoginTime", Long.toString(loginTime)));
            h.add(new AmiHeader("InCall", inCall ? "1" : "0"));
            h.add(new AmiHeader("Status", Integer.toString(status)));
            h.add(new AmiHeader("Paused", paused ? "1" : "0"));
            h.add(new AmiHeader("PausedReason", pausedReason));
        }
    }

    static final int UNKNOWN = 0;
    static final int NOT_INUSE = 1;
    static final int INVALID = 4;
    static final int UNAVAILABLE = 5;
    private static final List<String> DEVICE_STATES = List.of("UNKNOWN", "NOT_INUSE", "INUSE", "BUSY", "INVALID",
            "UNAVAILABLE", "RINGING", "RINGINUSE", "ONHOLD");
    private static final String AGENT = "agent,all";

    private final Object lock = new Object();
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final SimEvents events;
    private final AmiClock clock;

    AppQueue(SimEvents events, AmiClock clock) {
        this.events = events;
        this.clock = clock;
    }

    Object lock() {
        return lock;
    }

    void define(String name, String strategy, boolean ringInUse) {
        synchronized (lock) {
            queues.putIfAbsent(name, new Queue(name, strategy, ringInUse));
        }
    }

    Optional<Queue> queue(String name) {
        synchronized (lock) {
            return Optional.ofNullable(queues.get(name));
        }
    }

    List<Queue> queues() {
        synchronized (lock) {
            return List.copyOf(queues.values());
        }
    }

    /** Every membership of an interface, across queues, in queue order; only those of {@code queue} unless empty. */
    List<Member> membershipsOf(String iface, String queue) {
        synchronized (lock) {
            List<Member> found = new ArrayList<>();
            for (Queue q : queues.values()) {
                Member m = q.members.get(iface);
                if (m != null && (queue.isEmpty() || q.name.equals(queue))) {
                    found.add(m);
                }
            }
            return found;
        }
    }

    /** QueueAdd's change: the pause device state, QueueMemberAdded, then the queue's availability if it changed. */
    Member add(Queue q, String iface, String name, String stateInterface, int penalty, boolean paused, String reason) {
        synchronized (lock) {
            long now = clock.seconds();
            Member m = new Member(q.name, name, iface, stateInterface, penalty, now, q.ringInUse);
            m.status = currentStatus(stateInterface);
            if (paused) {
                m.paused = true;
                m.pausedReason = reason;
                m.lastPause = now;
            }
            q.members.put(iface, m);
            pauseDevice(m);
            events.emit("QueueMemberAdded", AGENT, m.eventBody());
            availIfChanged(q);
            return m;
        }
    }

    /** QueueRemove's change: QueueMemberRemoved, then the queue's availability; null when not a member. */
    Member remove(Queue q, String iface) {
        synchronized (lock) {
            Member m = q.members.remove(iface);
            if (m != null) {
                events.emit("QueueMemberRemoved", AGENT, m.eventBody());
                availIfChanged(q);
            }
            return m;
        }
    }

    /** QueuePause's change, member by member: the pause device state, availability, QueueMemberPause. */
    void setPaused(List<Member> members, boolean paused, String reason) {
        synchronized (lock) {
            for (Member m : members) {
                m.paused = paused;
                m.pausedReason = paused ? reason : "";
                if (paused) {
                    m.lastPause = clock.seconds();
                }
                pauseDevice(m);
                availIfChanged(queues.get(m.queue));
                events.emit("QueueMemberPause", AGENT, m.eventBody());
            }
        }
    }

    /**
     * A device changed state (a phone rings, is in use, is free): DeviceStateChange, then for each member whose state
     * interface it is, QueueMemberStatus when its status changed and the queue's availability.
     */
    void deviceState(String device, String state) {
        int status = DEVICE_STATES.indexOf(state.toUpperCase(Locale.ROOT));
        if (status < 0) {
            throw new IllegalArgumentException("not a device state: " + state);
        }
        synchronized (lock) {
            events.device(device, state);
            for (Queue q : queues.values()) {
                for (Member m : q.members.values()) {
                    if (m.stateInterface.equals(device) && m.status != status) {
                        m.status = status;
                        events.emit("QueueMemberStatus", AGENT, m.eventBody());
                        availIfChanged(q);
                    }
                }
            }
        }
    }

    /** The member's call was answered ({@code true}) or is over: app_queue's in_call, no event of its own. */
    void inCall(String iface, boolean inCall) {
        synchronized (lock) {
            membershipsOf(iface, "").forEach(m -> m.inCall = inCall);
        }
    }

    /** The member talked to a caller of {@code queue}: CallsTaken there, LastCall in every queue (shared_lastcall). */
    void callTaken(String queue, String iface) {
        synchronized (lock) {
            long now = clock.seconds();
            for (Member m : membershipsOf(iface, "")) {
                m.lastCall = now;
                if (m.queue.equals(queue)) {
                    m.callsTaken++;
                }
            }
        }
    }

    /**
     * The available member of {@code queue} that {@code eligible} accepts and that has been idle longest (its last
     * call oldest, then the first added), as leastrecent picks, and rrmemory once every member has had a call.
     */
    Optional<Member> longestIdle(String queue, Predicate<Member> eligible) {
        synchronized (lock) {
            Queue q = queues.get(queue);
            if (q == null) {
                return Optional.empty();
            }
            Member best = null;
            for (Member m : q.members.values()) {
                if (m.available() && eligible.test(m) && (best == null || m.lastCall < best.lastCall)) {
                    best = m;
                }
            }
            return Optional.ofNullable(best);
        }
    }

    /** A new member's status: what another membership with the same state interface already knows, else not in use. */
    private int currentStatus(String stateInterface) {
        for (Queue q : queues.values()) {
            for (Member m : q.members.values()) {
                if (m.stateInterface.equals(stateInterface)) {
                    return m.status;
                }
            }
        }
        return NOT_INUSE;
    }

    /** app_queue publishes {@code Queue:<queue>_pause_<interface>}: INUSE while paused. */
    private void pauseDevice(Member m) {
        events.device("Queue:" + m.queue + "_pause_" + m.iface, m.paused ? "INUSE" : "NOT_INUSE");
    }

    /** {@code Queue:<queue>_avail} is published only when it changes, as in the transcript. */
    private void availIfChanged(Queue q) {
        String state = q.anyAvailable() ? "NOT_INUSE" : "INUSE";
        if (!state.equals(q.availState)) {
            q.availState = state;
            events.device("Queue:" + q.name + "_avail", state);
        }
    }
}
