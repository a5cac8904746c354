package io.aftercare.importer;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code aftercare import} as recorded in {@code import_runs}: its kind and file name, when it started, last
 * reported and finished (null while running), its counts so far and its outcome ({@code done} or {@code failed},
 * null while running). Immutable.
 */
public record ImportRun(long id, String kind, String fileName, Instant startedAt, Instant updatedAt,
                        Instant finishedAt, long linesRead, long accepted, long rejected, String outcome) {
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public ImportRun {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(updatedAt);
    }
}
