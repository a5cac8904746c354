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
 * QueueAdd, QueueRemove, QueuePause, QueueStatus, QueueSummary and QueueWithdrawCaller with app_queue's texts (as in
 * ami-inbound-queue.txt and pbx-captures/virtual-hold.txt), answered before the change's events, as Asterisk does; the
 * changes and their events are {@link AppQueue}'s, a withdrawn caller's the {@link PbxSimulator}'s. Thread-safe (each action checks, answers and changes under the app_queue's lock, so member
 * events go out in the order the state changed).
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
        AppQueue app = server.appQueue();
        synchronized (app.lock()) {
            Optional<AppQueue.Queue> found = app.queue(queueName);
            if (found.isEmpty()) {
                c.send(error(a, "Unable to add interface to queue: No such queue"));
                return;
            }
            if (found.get().members.containsKey(iface)) {
                c.send(error(a, "Unable to add interface: Already there"));
                return;
            }
            c.send(response(a, "Success", "Added interface to queue"));
            app.add(found.get(), iface, a.get("MemberName").filter(s -> !s.isEmpty()).orElse(iface),
                    a.get("StateInterface").filter(s -> !s.isEmpty()).orElse(iface), parseInt(a.getOrEmpty("Penalty")),
                    isTrue(a.getOrEmpty("Paused")), a.getOrEmpty("Reason"));
        }
    }

    void remove(AmiConnection c, AmiPacket a) throws IOException {
        String queueName = a.getOrEmpty("Queue");
        String iface = a.getOrEmpty("Interface");
        if (queueName.isEmpty() || iface.isEmpty()) {
            c.send(error(a, "Need 'Queue' and 'Interface' parameters."));
            return;
        }
        AppQueue app = server.appQueue();
        synchronized (app.lock()) {
            Optional<AppQueue.Queue> found = app.queue(queueName);
            if (found.isEmpty()) {
                c.send(error(a, "Unable to remove interface from queue: No such queue"));
                return;
            }
            if (!found.get().members.containsKey(iface)) {
                c.send(error(a, "Unable to remove interface: Not there"));
                return;
            }
            c.send(response(a, "Success", "Removed interface from queue"));
            app.remove(found.get(), iface);
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
        AppQueue app = server.appQueue();
        synchronized (app.lock()) {
            List<AppQueue.Member> members = app.membershipsOf(iface, a.getOrEmpty("Queue"));
            if (members.isEmpty()) {
                c.send(error(a, "Interface not found"));
                return;
            }
            c.send(response(a, "Success", paused ? "Interface paused successfully" : "Interface unpaused successfully"));
            app.setPaused(members, paused, a.getOrEmpty("Reason"));
        }
    }

    /**
     * QueueWithdrawCaller: the caller on channel {@code Caller}, waiting in {@code Queue}, leaves it for the dialplan
     * with {@code WithdrawInfo} in QUEUE_WITHDRAW_INFO; a caller is only waiting while a simulator plays them.
     */
    void withdraw(AmiConnection c, AmiPacket a) throws IOException {
        String queueName = a.getOrEmpty("Queue");
        String caller = a.getOrEmpty("Caller");
        if (queueName.isEmpty()) {
            c.send(error(a, "'Queue' not specified."));
            return;
        }
        if (caller.isEmpty()) {
            c.send(error(a, "'Caller' not specified."));
            return;
        }
        if (server.appQueue().queue(queueName).isEmpty()) {
            c.send(error(a, "Unable to request withdraw from queue: No such queue"));
            return;
        }
        PbxSimulator sim = server.simulator();
        PbxSimulator.Withdrawal result = sim == null ? PbxSimulator.Withdrawal.NOT_CALLER
                : sim.withdraw(queueName, caller, a.getOrEmpty("WithdrawInfo"), () -> {
                    try {
                        c.send(response(a, "Success", "Withdraw requested successfully"));
                    } catch (IOException e) {
                        // the client went away: the caller is withdrawn all the same
                    }
                });
        switch (result) {
            case OK -> { } // answered before the caller's events
            case NOT_CALLER -> c.send(error(a, "Unable to request withdraw from queue: No such caller"));
            case EXISTS -> c.send(error(a, "Unable to request withdraw from queue: Already requested"));
        }
    }

    void status(AmiConnection c, AmiPacket a) throws IOException {
        String queueFilter = a.getOrEmpty("Queue");
        String memberFilter = a.getOrEmpty("Member");
        List<AmiPacket> items = new ArrayList<>();
        AppQueue app = server.appQueue();
        synchronized (app.lock()) {
            for (AppQueue.Queue q : app.queues()) {
                if (!queueFilter.isEmpty() && !q.name.equals(queueFilter)) {
                    continue;
                }
                items.add(withActionId(AmiPacket.of("Event", "QueueParams", "Queue", q.name, "Max", "0",
                        "Strategy", q.strategy, "Calls", "0", "Holdtime", "0", "TalkTime", "0", "Completed", "0",
                        "Abandoned", "0", "ServiceLevel", "0", "ServicelevelPerf", "0.0", "ServicelevelPerf2", "0.0",
                        "Weight", "0"), a));
                for (AppQueue.Member m : q.members.values()) {
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
        AppQueue app = server.appQueue();
        synchronized (app.lock()) {
            for (AppQueue.Queue q : app.queues()) {
                if (!queueFilter.isEmpty() && !q.name.equals(queueFilter)) {
                    continue;
                }
                long available = q.members.values().stream().filter(AppQueue.Member::available).count();
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

    private static int parseInt(String s) {
        try {
            return s.isBlank() ? 0 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
