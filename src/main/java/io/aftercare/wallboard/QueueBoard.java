package io.aftercare.wallboard;

import java.time.Instant;

/**
 * One queue on the wallboard: live calls waiting (longest wait in seconds, and since when, null when none), live
 * agent counts, today's figures and the alert levels. Immutable.
 */
public record QueueBoard(String queue, int waiting, long longestWaitSeconds, Instant oldestQueuedAt,
                         AgentCounts agents, QueueToday today, Thresholds thresholds, Alerts alerts) {}
