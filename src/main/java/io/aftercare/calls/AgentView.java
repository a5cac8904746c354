package io.aftercare.calls;

import java.time.Instant;
import java.util.Map;

/**
 * What supervisors see of one agent: overall state, pause reason, queues with their paused flags, the call in
 * progress; in after-call work, the call it is for ({@code wrapupLinkedId}), when it ends unless extended ({@code
 * wrapupEndsAt}) and the latest it may be extended to ({@code wrapupLimit}); null otherwise. {@code pendingPause}
 * is the reason of a pause asked while ringing, talking or wrapping up that takes effect after ("" when none).
 * Immutable.
 */
public record AgentView(String pbxId, String agent, String name, AgentState state, String reason,
                        Map<String, Boolean> queuesPaused, String linkedId, Instant since, String wrapupLinkedId,
                        Instant wrapupEndsAt, Instant wrapupLimit, String pendingPause) {
    public AgentView {
        queuesPaused = Map.copyOf(queuesPaused);
    }
}
