package io.aftercare.agents;

import java.util.List;

/**
 * An agent as configured: login, display name, the member interface QueueAdd adds (e.g. {@code PJSIP/1001}, or
 * {@code Local/1001@from-queue/n} on FreePBX), the state interface app_queue watches (empty: the member
 * interface), language, and the queues they may log in to with their penalties. Immutable.
 */
public record AgentProfile(long id, String login, String name, String memberInterface, String stateInterface,
                           String language, List<Assignment> queues) {
    public AgentProfile {
        queues = List.copyOf(queues);
    }

    /** The assignment for {@code queue}, if the agent has one. */
    public java.util.Optional<Assignment> assignment(String queue) {
        return queues.stream().filter(a -> a.queue().equals(queue)).findFirst();
    }
}
