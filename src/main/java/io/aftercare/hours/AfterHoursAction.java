package io.aftercare.hours;

import io.aftercare.core.Coded;

/** What a caller gets when the queue is closed: leave a voicemail, or have a callback case opened. Immutable. */
public enum AfterHoursAction implements Coded {
    VOICEMAIL, CALLBACK
}
