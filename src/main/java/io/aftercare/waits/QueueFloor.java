package io.aftercare.waits;

import io.aftercare.calls.AgentView;
import io.aftercare.calls.WaitingCall;
import java.util.Collection;

/**
 * One queue's live floor as a caller entering it now finds it: callers already waiting ({@code ahead}), agents
 * staffed (logged in to it, not paused there and not about to pause: ready, ringing, talking, holding or wrapping
 * up) and of those the ones free now (ready). Immutable.
 */
public record QueueFloor(String queue, int ahead, int staffed, int free) {
    public QueueFloor {
        if (ahead < 0 || staffed < 0 || free < 0 || free > staffed) {
            throw new IllegalArgumentException("not a floor: ahead " + ahead + ", staffed " + staffed + ", free "
                    + free);
        }
    }

    /**
     * Counts {@code queue}'s callers and agents the way the wallboard does (wallboard/SnapshotBuilder). An agent in
     * after-call work is staffed (the handle time the estimate uses includes wrap-up); one with a pause pending after
     * the call is not, as it will not take the next caller.
     */
    public static QueueFloor of(String queue, Collection<WaitingCall> waiting, Collection<AgentView> agents) {
        int ahead = 0;
        for (WaitingCall w : waiting) {
            if (w.queue().equals(queue)) {
                ahead++;
            }
        }
        int staffed = 0;
        int free = 0;
        for (AgentView a : agents) {
            Boolean paused = a.queuesPaused().get(queue);
            if (paused == null) {
                continue; // not logged in to this queue
            }
            boolean pausing = a.pendingPause() != null && !a.pendingPause().isEmpty();
            switch (a.state()) {
                case READY -> {
                    if (!paused) {
                        staffed++;
                        free++;
                    }
                }
                case RINGING, ON_CALL, ON_HOLD, AFTER_CALL_WORK -> staffed += pausing ? 0 : 1;
                case PAUSED, LOGGED_OUT -> { }
            }
        }
        return new QueueFloor(queue, ahead, staffed, free);
    }
}
