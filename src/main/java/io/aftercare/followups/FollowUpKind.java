package io.aftercare.followups;

import io.aftercare.core.Coded;

/** Why a follow-up exists, as stored in {@code follow_ups.kind}. Immutable. */
public enum FollowUpKind implements Coded {
    /** A message left in the after-sales mailbox. */
    VOICEMAIL,
    /** A caller who hung up while queued, past the queue's short-abandon threshold. */
    ABANDONED
}
