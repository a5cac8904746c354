package io.aftercare.callbacks;

import io.aftercare.core.Coded;

/** Why a queue callback exists, as stored in {@code callbacks.source}. Immutable. */
public enum CallbackSource implements Coded {
    /** The caller pressed 1 in the queue to be called back, keeping their place. */
    VIRTUAL_HOLD,
    /** An abandoned caller, called back automatically by the queue's policy. */
    ABANDONED,
    /** A voicemail left in the after-sales mailbox, called back automatically. */
    VOICEMAIL
}
