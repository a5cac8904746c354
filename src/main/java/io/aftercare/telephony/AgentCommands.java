package io.aftercare.telephony;

import java.util.concurrent.CompletionStage;

/**
 * Queue membership commands sent to a PBX (AMI QueueAdd, QueuePause, QueueRemove); implemented by the AMI
 * package. Implementations are thread-safe and never block the caller.
 */
public interface AgentCommands {
    /** Adds {@code iface} to {@code queue} with {@code penalty} (0 or more); {@code stateInterface} may be empty. */
    CompletionStage<Void> add(String pbxId, String queue, String iface, String memberName, String stateInterface,
                              int penalty, boolean paused, String reason);

    /** Pauses or unpauses in {@code queue}, or in every queue when {@code queue} is empty. */
    CompletionStage<Void> pause(String pbxId, String queue, String iface, boolean paused, String reason);

    CompletionStage<Void> remove(String pbxId, String queue, String iface);

    /** Commands that do nothing, for when no PBX is attached. */
    AgentCommands NONE = new AgentCommands() {
        @Override
        public CompletionStage<Void> add(String pbxId, String queue, String iface, String memberName,
                                         String stateInterface, int penalty, boolean paused, String reason) {
            return unavailable();
        }

        @Override
        public CompletionStage<Void> pause(String pbxId, String queue, String iface, boolean paused, String reason) {
            return unavailable();
        }

        @Override
        public CompletionStage<Void> remove(String pbxId, String queue, String iface) {
            return unavailable();
        }

        private CompletionStage<Void> unavailable() {
            return java.util.concurrent.CompletableFuture.failedFuture(
                    new IllegalStateException("no PBX attached"));
        }
    };
}
