package io.aftercare.agents;

import io.vertx.core.WorkerExecutor;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The agents table as {@link AgentRoutes} asks it, each question on the db workers. Thread-safe. */
public final class ProfileDirectory implements AgentRoutes.Directory {
    private final AgentProfileService agents;
    private final WorkerExecutor workers;

    public ProfileDirectory(AgentProfileService agents, WorkerExecutor workers) {
        this.agents = agents;
        this.workers = workers;
    }

    @Override
    public CompletionStage<Optional<String>> interfaceOf(long agentId) {
        return workers.executeBlocking(() -> agents.byId(agentId).map(AgentProfile::memberInterface), false)
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Optional<AgentProfile>> profileOf(String iface) {
        return workers.executeBlocking(() -> agents.byInterface(iface), false).toCompletionStage();
    }
}
