package io.aftercare.routing;

import java.util.Optional;

/**
 * aftercare's live view of agents as the route and IVR scripts need it to ring a preferred agent (a case owner)
 * before the queue: whether they may be rung now, and telling call tracking that they will be. Implementations
 * never block: they run inside the route's budget. Thread-safe.
 */
public interface LiveAgents {
    /** Knows no agent, so nobody is rung first: aftercare without a PBX link cannot see who is free. */
    LiveAgents NONE = new LiveAgents() {
        @Override
        public Optional<String> busyReason(String pbxId, String iface, String queue) {
            return Optional.of("no live agent state (no PBX link)");
        }

        @Override
        public void ringsFirst(String pbxId, String linkedId, String queue, String iface) {}
    };

    /**
     * Why {@code iface} must not be rung before {@code queue} now, in words (not logged in to the queue, paused there,
     * ringing, on a call, in after-call work, phone in use), or empty when it may.
     */
    Optional<String> busyReason(String pbxId, String iface, String queue);

    /**
     * The call {@code linkedId} is about to ring {@code iface} before {@code queue}: call tracking counts that ring
     * as the queue's offer. Called before the PBX hears the answer, so before the ring's own events.
     */
    void ringsFirst(String pbxId, String linkedId, String queue, String iface);
}
