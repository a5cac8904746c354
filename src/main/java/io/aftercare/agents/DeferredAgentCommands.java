package io.aftercare.agents;

import java.util.concurrent.CompletionStage;

/**
 * Agent commands bound after construction: the agent board is built before the AMI connector it commands
 * (the connector feeds the tracker that owns the board), so the board gets this and the connector is bound
 * once it exists. Until then every command fails like {@link AgentCommands#NONE}. Thread-safe.
 */
public final class DeferredAgentCommands implements AgentCommands {
    private volatile AgentCommands target = AgentCommands.NONE;

    public void bind(AgentCommands commands) {
        this.target = commands;
    }

    @Override
    public CompletionStage<Void> add(String pbxId, String queue, String iface, String memberName, String stateInterface,
                                     boolean paused, String reason) {
        return target.add(pbxId, queue, iface, memberName, stateInterface, paused, reason);
    }

    @Override
    public CompletionStage<Void> pause(String pbxId, String queue, String iface, boolean paused, String reason) {
        return target.pause(pbxId, queue, iface, paused, reason);
    }

    @Override
    public CompletionStage<Void> remove(String pbxId, String queue, String iface) {
        return target.remove(pbxId, queue, iface);
    }
}
