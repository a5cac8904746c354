package io.aftercare.importer;

import io.aftercare.web.ApiException;
import io.aftercare.web.Json;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads JSON lines: each non-blank line is one object, mapped with the API's strict mapper into the same
 * input record the HTTP API accepts, so unknown fields and wrong types fail exactly as they do there. Not
 * thread-safe.
 */
final class JsonLinesSource<T> implements EntrySource<T> {
    private final BufferedReader reader;
    private final Class<T> type;
    private long line;

    JsonLinesSource(BufferedReader reader, Class<T> type) {
        this.reader = reader;
        this.type = type;
    }

    @Override
    public long line() {
        return line + 1;
    }

    @Override
    public Entry<T> next() throws IOException {
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            try {
                return Entry.of(line, Json.read(text, type));
            } catch (ApiException e) {
                // the object is a whole line, so "line 1" inside it adds nothing
                return Entry.rejected(line, e.getMessage().replace("at line 1, column", "at column"));
            }
        }
        return null;
    }
}
