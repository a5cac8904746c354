package io.aftercare.calls;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.web.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Call records that wait on disk while the database refuses them and memory is full: one JSON line each (its kind,
 * then the record), appended in order and read back in order from where the last stored chunk ended. The file
 * outlives the process, so a restart stores what a previous run could not. Not thread-safe: the {@link
 * CallRecordWriter} guards it.
 */
final class RecordSpill {
    private final Path file;
    private BufferedWriter out;
    /** Bytes of the file already stored in the database. */
    private long stored;
    /** Where the chunk read last ends; becomes {@link #stored} once that chunk is in the database. */
    private long readTo;
    private long lines;

    RecordSpill(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    lines = reader.lines().filter(l -> !l.isBlank()).count();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the call records left in " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Records on disk not yet stored in the database. */
    long waiting() {
        return lines;
    }

    boolean isEmpty() {
        return lines == 0;
    }

    void append(Object record) throws IOException {
        if (out == null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        String kind = switch (record) {
            case ContactRecord c -> "contact";
            case SegmentRecord s -> "segment";
            case AgentStateChange a -> "state";
            default -> throw new IllegalArgumentException("not a call record: " + record);
        };
        out.write("{\"kind\":\"" + kind + "\",\"record\":" + Json.write(record) + "}\n");
        lines++;
    }

    /** Writes what was appended through to the file (before it is read, and at close). */
    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** The next records after the last stored chunk, at most {@code max}, in the order they came. */
    List<Object> read(int max) throws IOException {
        flush();
        List<Object> records = new ArrayList<>();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(stored);
            long position = stored;
            String line;
            while (records.size() < max && (line = raf.readLine()) != null) {
                position = raf.getFilePointer();
                if (!line.isBlank()) {
                    records.add(parse(new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
                }
            }
            readTo = position;
        }
        return records;
    }

    /** The chunk read last is in the database; once all is, the file is emptied. */
    void stored(int count) throws IOException {
        stored = readTo;
        lines = Math.max(0, lines - count);
        if (lines == 0) {
            delete();
        }
    }

    private void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
        stored = 0;
        readTo = 0;
        lines = 0;
    }

    /**
     * Rewrites the file with {@code older} first, then what it held and was not stored: at close, the records still
     * in memory came before those on disk.
     */
    void prepend(List<Object> older) throws IOException {
        List<Object> rest = lines == 0 ? List.of() : read(Integer.MAX_VALUE);
        delete();
        for (Object r : older) {
            append(r);
        }
        for (Object r : rest) {
            append(r);
        }
        flush();
    }

    void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    private static Object parse(String line) throws IOException {
        JsonNode node = Json.mapper().readTree(line);
        JsonNode record = node.get("record");
        return switch (node.path("kind").asText()) {
            case "contact" -> Json.mapper().treeToValue(record, ContactRecord.class);
            case "segment" -> Json.mapper().treeToValue(record, SegmentRecord.class);
            case "state" -> Json.mapper().treeToValue(record, AgentStateChange.class);
            default -> throw new IOException("not a call record line: " + line);
        };
    }
}
