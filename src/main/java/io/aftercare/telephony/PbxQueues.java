package io.aftercare.telephony;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What each PBX's app_queue has configured now (AMI QueueStatus), for checking aftercare's queues and agents
 * against it; implemented by the AMI package. Implementations are thread-safe and never block the caller.
 */
public interface PbxQueues {
    /** One app_queue queue: its name, strategy and the interfaces of its members now. Immutable. */
    record PbxQueue(String name, String strategy, Set<String> members) {
        public PbxQueue {
            members = Set.copyOf(members);
        }
    }

    /** The ids of the PBXs configured, in configuration order. */
    Set<String> pbxIds();

    /** Every queue of {@code pbxId}; fails with {@link PbxUnavailableException} while its link is not up. */
    CompletionStage<List<PbxQueue>> queues(String pbxId);

    /** No PBX configured (the command line, or a service without AMI). */
    PbxQueues NONE = new PbxQueues() {
        @Override
        public Set<String> pbxIds() {
            return Set.of();
        }

        @Override
        public CompletionStage<List<PbxQueue>> queues(String pbxId) {
            return CompletableFuture.failedFuture(new PbxUnavailableException("no PBX with id '" + pbxId + "'"));
        }
    };
}
