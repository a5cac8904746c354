package io.aftercare.importer;

import io.aftercare.importer.ImportReport.Rejection;
import java.util.List;

/**
 * One unit the importer stores or rejects as a whole: an input built from one or more rows of the file
 * (an order spans its line rows), or the problems that stop it. Immutable.
 *
 * @param lines    the physical line of each row, in file order; an order's line i came from lines.get(i)
 * @param input    what to store, or null when {@code problems} is not empty
 * @param label    names the unit in messages about its other rows, e.g. "order A-17"
 * @param problems why rows of this unit cannot be read; empty when {@code input} is set
 */
record Entry<T>(List<Long> lines, T input, String label, List<Rejection> problems) {
    Entry {
        lines = List.copyOf(lines);
        problems = List.copyOf(problems);
        if (lines.isEmpty() || (input == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("an entry has rows and either an input or problems");
        }
    }

    static <T> Entry<T> of(long line, T input) {
        return new Entry<>(List.of(line), input, "line " + line, List.of());
    }

    static <T> Entry<T> rejected(long line, String reason) {
        return new Entry<>(List.of(line), null, "line " + line, List.of(new Rejection(line, reason)));
    }

    long firstLine() {
        return lines.get(0);
    }
}
