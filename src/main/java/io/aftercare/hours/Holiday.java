package io.aftercare.hours;

import java.time.LocalDate;
import java.util.Objects;

/** A local calendar day a queue is closed all day, with a name for people. Immutable. */
public record Holiday(LocalDate date, String name) {
    public Holiday {
        Objects.requireNonNull(date, "date");
        name = name == null ? "" : name.strip();
    }
}
