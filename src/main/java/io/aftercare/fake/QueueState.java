package io.aftercare.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queues and dynamic members SimulatedAmiServer keeps, shaped after app_queue's AMI output; not
 * thread-safe on its own (SimulatedAmiServer guards it with its own lock).
 */
final class QueueState {

    /** A queue as QueueParams/QueueSummary describe it. */
    static final class Queue {
        final String name;
        final String strategy;
        final Map<String, Member> members = new LinkedHashMap<>();
        /** Last {@code Queue:<name>_avail} device state announced, so only changes are emitted. */
        String availState;

        Queue(String name, String strategy) {
            this.name = name;
            this.strategy = strategy;
        }

        boolean anyAvailable() {
            return members.values().stream().anyMatch(m -> !m.paused);
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
        boolean paused;
        String pausedReason = "";
        long lastPause;
        int callsTaken;
        long lastCall;

        Member(String queue, String name, String iface, String stateInterface, int penalty, long loginTime) {
            this.queue = queue;
            this.name = name;
            this.iface = iface;
            this.stateInterface = stateInterface;
            this.penalty = penalty;
            this.loginTime = loginTime;
        }

        /** Headers shared by QueueMemberAdded/Removed/Pause, in Asterisk 22's order. */
        List<AmiHeader> eventHeaders(String event) {
            List<AmiHeader> h = new ArrayList<>();
            h.add(new AmiHeader("Event", event));
            h.add(new AmiHeader("Privilege", "agent,all"));
            h.add(new AmiHeader("Queue", queue));
            h.add(new AmiHeader("MemberName", name));
            h.add(new AmiHeader("Interface", iface));
            addCommon(h);
            h.add(new AmiHeader("Ringinuse", "1"));
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
            h.add(new AmiHeader("InCall", "0"));
            // 1 = AST_DEVICE_NOT_INUSE: the fake has no calls, so members are always idle.
            h.add(new AmiHeader("Status", "1"));
            h.add(new AmiHeader("Paused", paused ? "1" : "0"));
            h.add(new AmiHeader("PausedReason", pausedReason));
        }
    }

    private final Map<String, Queue> queues = new LinkedHashMap<>();

    void define(String name, String strategy) {
        queues.putIfAbsent(name, new Queue(name, strategy));
    }

    Optional<Queue> queue(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    List<Queue> queues() {
        return List.copyOf(queues.values());
    }

    /** Every membership of an interface, across queues, in queue order. */
    List<Member> membershipsOf(String iface) {
        List<Member> found = new ArrayList<>();
        for (Queue q : queues.values()) {
            Member m = q.members.get(iface);
            if (m != null) {
                found.add(m);
            }
        }
        return found;
    }
}
