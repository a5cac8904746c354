package io.aftercare.calls;

/** Where a contact is in its life; {@link #ENDED} and {@link #ABANDONED} are final. Immutable. */
public enum ContactState {
    IVR, QUEUED, RINGING, TALKING, ON_HOLD, ENDED, ABANDONED;

    public boolean isFinal() {
        return this == ENDED || this == ABANDONED;
    }
}
