package io.aftercare.wallboard;

import java.time.Instant;
import java.util.List;

/**
 * One queue on the wallboard: live calls waiting (longest wait in seconds, and since when, null when none) and the
 * longest-waiting of them ({@code callers}, at most {@link SnapshotBuilder#MAX_CALLERS}), live agent counts,
 * today's figures, the rolling figures, the alert levels and the follow-up backlog (voicemails and abandoned callers
 * to call back). Immutable.
 */
public record QueueBoard(String queue, int waiting, long longestWaitSeconds, Instant oldestQueuedAt,
                         List<WaitingCaller> callers, AgentCounts agents, QueueToday today, Recent recent,
                         Thresholds thresholds, Alerts alerts, FollowUpBacklog followUps) {
    public QueueBoard {
        callers = List.copyOf(callers);
        followUps = followUps == null ? FollowUpBacklog.NONE : followUps;
    }
}
