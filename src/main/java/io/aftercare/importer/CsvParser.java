package io.aftercare.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by a delimiter (a comma by default; {@link #detect} tells it from
 * the header), records ended by CRLF or LF, fields in double quotes may hold the delimiter, line breaks and
 * doubled quotes. A malformed record is returned with an error and the
 * reader resumes on the next physical line, so one bad record never hides the rest of the file. Not
 * thread-safe.
 */
final class CsvParser {
    /** Longest record accepted; a stray opening quote would otherwise swallow the whole file into memory. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    /** One record: the physical line it starts on, its fields, or why it could not be read. Immutable. */
    record Row(long line, List<String> fields, String error) {
        boolean broken() {
            return error != null;
        }

        /** A record holding one empty field: a blank line, which importers skip. */
        boolean blank() {
            return error == null && fields.size() == 1 && fields.get(0).isEmpty();
        }
    }

    /** The delimiters {@link #detect} chooses from, in the order that breaks a tie. */
    private static final char[] DETECTED = {',', ';', '\t'};
    /** How far {@link #detect} reads for the end of the header record. */
    private static final int DETECT_LIMIT = 1 << 16;

    private final Reader in;
    private final char delimiter;
    private long line = 1;
    private int pushedBack = -2;

    CsvParser(Reader in) {
        this(in, ',');
    }

    CsvParser(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /**
     * The delimiter of the file {@code in} is at the start of: whichever of comma, semicolon and tab occurs most
     * often outside quotes in the first record (the header), a comma when none does. Leaves {@code in} where it was.
     */
    static char detect(BufferedReader in) throws IOException {
        in.mark(DETECT_LIMIT);
        int[] counts = new int[DETECTED.length];
        boolean quoted = false;
        for (int i = 0; i < DETECT_LIMIT; i++) {
            int c = in.read();
            if (c == -1 || (!quoted && (c == '\n' || c == '\r'))) {
                break;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            for (int d = 0; d < DETECTED.length && !quoted; d++) {
                if (c == DETECTED[d]) {
                    counts[d]++;
                }
            }
        }
        in.reset();
        int best = 0;
        for (int d = 1; d < DETECTED.length; d++) {
            if (counts[d] > counts[best]) {
                best = d;
            }
        }
        return DETECTED[best];
    }

    /** The physical line the reader is on: where the record being read, or the next one, starts or continues. */
    long line() {
        return line;
    }

    /** The next record, or null at the end of input. */
    Row next() throws IOException {
        int c = read();
        if (c == -1) {
            return null;
        }
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int chars = 0;
        while (true) {
            if (c == '"' && field.isEmpty()) {
                long quoteLine = line;
                while (true) {
                    c = read();
                    if (c == -1) {
                        return new Row(start, List.of(), "quoted field opened on line " + quoteLine + " is never closed");
                    }
                    if (c == '"') {
                        c = read();
                        if (c != '"') {
                            break;
                        }
                    }
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                    if (++chars > MAX_RECORD_CHARS) {
                        return new Row(start, List.of(), "record is longer than " + MAX_RECORD_CHARS + " characters");
                    }
                }
                if (c != delimiter && c != '\n' && c != '\r' && c != -1) {
                    return broken(start, "unexpected character after the closing quote of field " + (fields.size() + 1));
                }
            }
            if (c == delimiter) {
                fields.add(take(field));
            } else if (c == '\n' || c == '\r' || c == -1) {
                if (c == '\r') {
                    int after = read();
                    if (after != '\n') {
                        unread(after);
                    }
                }
                if (c != -1) {
                    line++;
                }
                fields.add(take(field));
                return new Row(start, List.copyOf(fields), null);
            } else if (c == '"') {
                return broken(start, "unexpected quote inside unquoted field " + (fields.size() + 1)
                        + " (quote the whole field and double the quote)");
            } else {
                field.append((char) c);
                if (++chars > MAX_RECORD_CHARS) {
                    return broken(start, "record is longer than " + MAX_RECORD_CHARS + " characters");
                }
            }
            c = read();
        }
    }

    private static String take(StringBuilder field) {
        String value = field.toString();
        field.setLength(0);
        return value;
    }

    /** Reports a broken record and skips the rest of its physical line. */
    private Row broken(long start, String error) throws IOException {
        int c;
        do {
            c = read();
        } while (c != -1 && c != '\n' && c != '\r');
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                unread(after);
            }
        }
        if (c != -1) {
            line++;
        }
        return new Row(start, List.of(), error);
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
