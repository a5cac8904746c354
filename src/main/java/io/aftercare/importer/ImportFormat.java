package io.aftercare.importer;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats an import reads, chosen by the file's extension. Immutable. */
public enum ImportFormat {
    /** RFC 4180 comma-separated values with a header row. */
    CSV,
    /** JSON lines: one JSON object per line, the same object the HTTP API accepts. */
    JSONL;

    /** The format of {@code file} from its extension (.csv, .jsonl or .ndjson), or an {@link ImportException}. */
    public static ImportFormat of(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return CSV;
        }
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return JSONL;
        }
        throw new ImportException(file + ": unknown file type; expected a .csv or .jsonl file");
    }
}
