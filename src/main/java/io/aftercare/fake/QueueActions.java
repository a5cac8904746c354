package io.aftercare.fake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.aftercare.fake.AmiActions.error;
import static io.aftercare.fake.AmiActions.isTrue;
import static io.aftercare.fake.AmiActions.listAck;
import static io.aftercare.fake.AmiActions.listComplete;
import static io.aftercare.fake.AmiActions.response;
import static io.aftercare.fake.AmiActions.withActionId;

/**
 * QueueAdd, QueueRemove, QueuePause, QueueStatus and QueueSummary with app_queue's texts and event
 * shapes (as in ami-inbound-queue.txt); thread-safe (state changes happen under the server's
 * queue lock, so member events go out in the order the state changed).
 */
final class QueueActions {

    private final SimulatedAmiServer server;

    QueueActions(SimulatedAmiServer server) {
        this.server = server;
    }

    void add(AmiConnection c, AmiPacket a) throws IOException {
        String queueName = a.getOrEmpty("Queue");
        String iface = a.getOrEmpty("Interface");
        if (queueName.isEmpty()) {
            c.send(error(a, "'Queue' not specified."));
            return;
        }
        if (iface.isEmpty()) {
            c.send(error(a, "'Interface' not specified."));
            return;
        }
        synchronized (server.queueLock()) {
            Optional<QueueState.Queue> found = server.queues().queue(queueName);
            if (found.isEmpty()) {
                c.send(error(a, "Unable to add interface to queue: No such queue"));
                return;
            }
            QueueState.Queue q = found.get();
            if (q.members.containsKey(iface)) {
                c.send(error(a, "Unable to add interface: Already there"));
                return;
            }
            long now = server.clock().seconds();
            QueueState.Member m = new QueueState.Member(queueName, a.get("MemberName").filter(s -> !s.isEmpty()).orElse(iface),
                    iface, a.get("StateInterface").filter(s -> !s.isEmpty()).orElse(iface), parseInt(a.getOrEmpty("Penalty")), now);
            if (isTrue(a.getOrEmpty("Paused"))) {
                m.paused = true;
                m.pausedReason = a.getOrEmpty("Reason");
                m.lastPause = now;
            }
            q.members.put(iface, m);
            c.send(response(a, "Success", "Added interface to queue"));
            emitPauseDevice(m);
            server.emit(new AmiPacket(m.eventHeaders("QueueMemberAdded")));
            emitAvailIfChanged(q);
        }
    }

    void remove(AmiConnection c, AmiPacket a) throws IOException {
        String queueName = a.getOrEmpty("Queue");
        String iface = a.getOrEmpty("Interface");
        if (queueName.isEmpty() || iface.isEmpty()) {
            c.send(error(a, "Need 'Queue' and 'Interface' parameters."));
            return;
        }
        synchronized (server.queueLock()) {
            Optional<QueueState.Queue> found = server.queues().queue(queueName);
            if (found.isEmpty()) {
                c.send(error(a, "Unable to remove interface from queue: No such queue"));
                return;
            }
            QueueState.Member m = found.get().members.remove(iface);
            if (m == null) {
                c.send(error(a, "Unable to remove interface: Not there"));
                return;
            }
            c.send(response(a, "Success", "Removed interface from queue"));
            server.emit(new AmiPacket(m.eventHeaders("QueueMemberRemoved")));
            emitAvailIfChanged(found.get());
        }
    }

    void pause(AmiConnection c, AmiPacket a) throws IOException {
        String iface = a.getOrEmpty("Interface");
        String pausedValue = a.getOrEmpty("Paused");
        if (iface.isEmpty() || pausedValue.isEmpty()) {
            c.send(error(a, "Need 'Interface' and 'Paused' parameters."));
            return;
        }
        boolean paused = isTrue(pausedValue);
        String queueName = a.getOrEmpty("Queue");
        synchronized (server.queueLock()) {
            List<QueueState.Member> members = new ArrayList<>(server.queues().membershipsOf(iface));
            if (!queueName.isEmpty()) {
                members.removeIf(m -> !m.queue.equals(queueName));
            }
            if (members.isEmpty()) {
                c.send(error(a, "Interface not found"));
                return;
            }
            c.send(response(a, "Success", paused ? "Interface paused successfully" : "Interface unpaused successfully"));
            for (QueueState.Member m : members) {
                m.paused = paused;
                m.pausedReason = paused ? a.getOrEmpty("Reason") : "";
                if (paused) {
                    m.lastPause = server.clock().seconds();
                }
                emitPauseDevice(m);
                emitAvailIfChanged(server.queues().queue(m.queue).orElseThrow());
                server.emit(new AmiPacket(m.eventHeaders("QueueMemberPause")));
            }
        }
    }

    void status(AmiConnection c, AmiPacket a) throws IOException {
        String queueFilter = a.getOrEmpty("Queue");
        String memberFilter = a.getOrEmpty("Member");
        List<AmiPacket> items = new ArrayList<>();
        synchronized (server.queueLock()) {
            for (QueueState.Queue q : server.queues().queues()) {
                if (!queueFilter.isEmpty() && !q.name.equals(queueFilter)) {
                    continue;
                }
                items.add(withActionId(AmiPacket.of("Event", "QueueParams", "Queue", q.name, "Max", "0",
                        "Strategy", q.strategy, "Calls", "0", "Holdtime", "0", "TalkTime", "0", "Completed", "0",
                        "Abandoned", "0", "ServiceLevel", "0", "ServicelevelPerf", "0.0", "ServicelevelPerf2", "0.0",
                        "Weight", "0"), a));
                for (QueueState.Member m : q.members.values()) {
                    if (memberFilter.isEmpty() || memberFilter.equals(m.iface) || memberFilter.equals(m.name)) {
                        items.add(withActionId(new AmiPacket(m.statusHeaders()), a));
                    }
                }
            }
        }
        sendList(c, a, "Queue status will follow", items, "QueueStatusComplete");
    }

    void summary(AmiConnection c, AmiPacket a) throws IOException {
        String queueFilter = a.getOrEmpty("Queue");
        List<AmiPacket> items = new ArrayList<>();
        synchronized (server.queueLock()) {
            for (QueueState.Queue q : server.queues().queues()) {
                if (!queueFilter.isEmpty() && !q.name.equals(queueFilter)) {
                    continue;
                }
                long available = q.members.values().stream().filter(m -> !m.paused).count();
                items.add(withActionId(AmiPacket.of("Event", "QueueSummary", "Queue", q.name,
                        "LoggedIn", Integer.toString(q.members.size()), "Available", Long.toString(available),
                        "Callers", "0", "HoldTime", "0", "TalkTime", "0", "LongestHoldTime", "0"), a));
            }
        }
        sendList(c, a, "Queue summary will follow", items, "QueueSummaryComplete");
    }

    private void sendList(AmiConnection c, AmiPacket a, String message, List<AmiPacket> items, String completeEvent)
            throws IOException {
        c.send(listAck(a, message));
        for (AmiPacket item : items) {
            c.send(item);
        }
        c.send(listComplete(a, completeEvent, items.size()));
    }

    /** app_queue publishes {@code Queue:<queue>_pause_<interface>}: INUSE while paused. */
    private void emitPauseDevice(QueueState.Member m) {
        server.emit("DeviceStateChange", "Privilege", "call,all", "Device", "Queue:" + m.queue + "_pause_" + m.iface,
                "State", m.paused ? "INUSE" : "NOT_INUSE");
    }

    /** {@code Queue:<queue>_avail} is published only when it changes, as in the transcript. */
    private void emitAvailIfChanged(QueueState.Queue q) {
        String state = q.anyAvailable() ? "NOT_INUSE" : "INUSE";
        if (!state.equals(q.availState)) {
            q.availState = state;
            server.emit("DeviceStateChange", "Privilege", "call,all", "Device", "Queue:" + q.name + "_avail", "State", state);
        }
    }

    private static int parseInt(String s) {
        try {
            return s.isBlank() ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
