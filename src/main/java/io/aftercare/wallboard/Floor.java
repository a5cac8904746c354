package io.aftercare.wallboard;

/**
 * All queues together: live calls waiting and longest wait, distinct agents by state (an agent in several queues
 * counts once), today's figures over every queue's calls (in the chosen zone, else the contact center's) and the
 * rolling figures, survey answers that name no queue included. Immutable.
 */
public record Floor(int waiting, long longestWaitSeconds, AgentCounts agents, QueueToday today, Recent recent) {}
