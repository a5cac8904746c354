package io.aftercare.ami;

import io.aftercare.telephony.PbxQueues.PbxQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;

/**
 * Reads app_queue's answer to a QueueStatus (QueueParams for each queue, QueueMember for each member) as the
 * queues the PBX has. An answer that is not a list is an error, never "no queues". Stateless.
 */
final class QueueInventory {
    private QueueInventory() {}

    static List<PbxQueue> read(ResponseEvents answer) {
        if (answer == null || answer.getResponse() == null) {
            throw new IllegalStateException("QueueStatus was not answered");
        }
        if (answer.getResponse() instanceof ManagerError error) {
            throw new IllegalStateException("QueueStatus refused: " + error.getMessage());
        }
        Map<String, String> strategies = new LinkedHashMap<>();
        Map<String, Set<String>> members = new LinkedHashMap<>();
        for (ResponseEvent e : answer.getEvents()) {
            if (e instanceof QueueParamsEvent q && q.getQueue() != null) {
                strategies.put(q.getQueue(), q.getStrategy() == null ? "" : q.getStrategy());
                members.computeIfAbsent(q.getQueue(), k -> new LinkedHashSet<>());
            } else if (e instanceof QueueMemberEvent m && m.getQueue() != null) {
                String iface = m.getInterface();
                if (iface != null) {
                    members.computeIfAbsent(m.getQueue(), k -> new LinkedHashSet<>()).add(iface);
                }
            }
        }
        List<PbxQueue> queues = new ArrayList<>();
        members.forEach((name, ifaces) -> queues.add(new PbxQueue(name, strategies.getOrDefault(name, ""), ifaces)));
        return List.copyOf(queues);
    }
}
