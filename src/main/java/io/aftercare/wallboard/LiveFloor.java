package io.aftercare.wallboard;

import io.aftercare.calls.AgentView;
import io.aftercare.calls.CallTracker;
import io.aftercare.calls.WaitingCall;
import java.time.Instant;
import java.util.List;

/** What the tracker knows right now: calls waiting in queues and every agent's live state. Immutable. */
public record LiveFloor(Instant at, List<WaitingCall> waiting, List<AgentView> agents) {
    public LiveFloor {
        waiting = List.copyOf(waiting);
        agents = List.copyOf(agents);
    }

    /** Reads the tracker; call it on the tracking thread (through {@code CallTrackingService.ask}). */
    public static LiveFloor of(CallTracker tracker, Instant at) {
        return new LiveFloor(at, tracker.waiting(), tracker.agents().views());
    }
}
