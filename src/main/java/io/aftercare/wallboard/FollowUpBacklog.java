package io.aftercare.wallboard;

import java.time.Instant;

/**
 * A queue's follow-up backlog (io.aftercare.followups): voicemails and abandoned callers still to call back (open or
 * claimed), and since when the oldest has waited (null when none). Immutable.
 */
public record FollowUpBacklog(int open, Instant oldestAt, long oldestAgeSeconds) {
    public static final FollowUpBacklog NONE = new FollowUpBacklog(0, null, 0);

    /** The backlog as of {@code now}. */
    FollowUpBacklog at(Instant now) {
        return oldestAt == null ? this
                : new FollowUpBacklog(open, oldestAt, Math.max(0, now.getEpochSecond() - oldestAt.getEpochSecond()));
    }
}
