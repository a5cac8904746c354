package io.aftercare.agents;

import io.aftercare.core.ForbiddenException;
import java.util.List;
import java.util.Optional;

/**
 * What a log-in to queues sends, one QueueAdd per queue: an agent may log in only to the queues assigned to them
 * (supervisors and admins may put anyone anywhere); the penalty is the assignment's, and the member name and
 * state interface, when the request leaves them out, the agent's. Pure. Stateless.
 */
final class QueueLogin {
    /** One QueueAdd. */
    record Join(String queue, int penalty, String memberName, String stateInterface) {}

    private QueueLogin() {}

    /**
     * @param anyQueue true for supervisors and admins
     * @throws ForbiddenException when an agent asks for a queue not assigned to them
     */
    static List<Join> plan(List<String> queues, Optional<AgentProfile> agent, boolean anyQueue, String name,
                           String stateInterface) {
        if (!anyQueue) {
            List<String> assigned = agent.map(a -> a.queues().stream().map(Assignment::queue).sorted().toList())
                    .orElse(List.of());
            List<String> refused = queues.stream().filter(q -> !assigned.contains(q)).toList();
            if (assigned.isEmpty()) {
                throw new ForbiddenException("no queue is assigned to you; a supervisor assigns queues"
                        + " (PUT /api/agent-profiles/{login}/queues)");
            }
            if (!refused.isEmpty()) {
                throw new ForbiddenException("you may log in only to the queues assigned to you ("
                        + String.join(", ", assigned) + "); not assigned: " + String.join(", ", refused));
            }
        }
        String memberName = present(name) ? name : agent.map(AgentProfile::name).orElse("");
        String state = present(stateInterface) ? stateInterface : agent.map(AgentProfile::stateInterface).orElse("");
        return queues.stream().map(q -> new Join(q, agent.flatMap(a -> a.assignment(q)).map(Assignment::penalty)
                .orElse(0), memberName, state)).toList();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
