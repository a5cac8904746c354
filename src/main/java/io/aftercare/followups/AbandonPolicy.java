package io.aftercare.followups;

import io.aftercare.core.Coded;

/**
 * What a queue makes of a caller who abandoned (hung up while queued, past the short-abandon threshold), as stored in
 * {@code queues.abandon_policy}: a follow-up task for the agents, an automatic callback, or nothing. Immutable.
 */
public enum AbandonPolicy implements Coded {
    TASK, CALLBACK, NONE
}
