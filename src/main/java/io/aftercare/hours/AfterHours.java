package io.aftercare.hours;

import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/** A closed queue as a call meets it: what to offer and when it opens next (queue's zone). Immutable. */
public record AfterHours(String queue, AfterHoursAction action, Optional<ZonedDateTime> nextOpening) {
    public AfterHours {
        Objects.requireNonNull(queue);
        Objects.requireNonNull(action);
        Objects.requireNonNull(nextOpening);
    }

    /** The next opening as the dialplan gets it: local ISO date-time without zone, or empty. */
    public String nextOpeningText() {
        return nextOpening.map(z -> z.toLocalDateTime().toString()).orElse("");
    }
}
