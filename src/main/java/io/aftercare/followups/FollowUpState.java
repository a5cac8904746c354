package io.aftercare.followups;

import io.aftercare.core.Coded;

/**
 * Where a follow-up is, as stored in {@code follow_ups.state}: open to any agent, claimed by one, done, cancelled, or
 * handed to the automatic callbacks by its queue's policy. Immutable.
 */
public enum FollowUpState implements Coded {
    OPEN, CLAIMED, DONE, CANCELLED, CALLBACK
}
