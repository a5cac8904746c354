package io.aftercare.importer;

import io.aftercare.core.ValidationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a CSV import file: checks the header against the kind's columns, then turns each row into an
 * input with a mapping function; a row that cannot be read or mapped becomes a rejected entry naming its
 * line. Not thread-safe.
 */
final class CsvSource<T> implements EntrySource<T> {
    private final CsvParser parser;
    private final Map<String, Integer> index;
    private final Function<CsvFields, T> mapping;

    /** Reads and checks the header; a missing, broken or unknown header is an {@link ImportException}. */
    CsvSource(BufferedReader reader, char delimiter, String file, ImportKind kind, Function<CsvFields, T> mapping)
            throws IOException {
        this.parser = new CsvParser(reader, delimiter);
        this.mapping = mapping;
        CsvParser.Row header = parser.next();
        if (header == null || header.blank()) {
            throw new ImportException(file + ":1: the file is empty; expected a header row with the columns "
                    + String.join(",", kind.columns()));
        }
        if (header.broken()) {
            throw new ImportException(file + ":1: the header cannot be read: " + header.error());
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (!kind.columns().contains(name)) {
                throw new ImportException(file + ":1: unknown column '" + header.fields().get(i).replace("\uFEFF", "")
                        + "'; " + kind.code() + " files have the columns " + String.join(",", kind.columns())
                        + (header.fields().size() == 1 && name.matches(".*[,;\t|].*")
                        ? " (is the delimiter right? give it with --delimiter)" : ""));
            }
            if (columns.put(name, i) != null) {
                throw new ImportException(file + ":1: column '" + name + "' appears twice");
            }
        }
        for (String required : kind.requiredColumns()) {
            if (!columns.containsKey(required)) {
                throw new ImportException(file + ":1: the header lacks the column '" + required + "'");
            }
        }
        this.index = Map.copyOf(columns);
    }

    @Override
    public long line() {
        return parser.line();
    }

    @Override
    public Entry<T> next() throws IOException {
        CsvParser.Row row;
        do {
            row = parser.next();
        } while (row != null && row.blank());
        if (row == null) {
            return null;
        }
        if (row.broken()) {
            return Entry.rejected(row.line(), row.error());
        }
        if (row.fields().size() != index.size()) {
            return Entry.rejected(row.line(), "has " + row.fields().size() + " fields but the header has "
                    + index.size());
        }
        try {
            return Entry.of(row.line(), mapping.apply(new CsvFields(index, row.fields())));
        } catch (ValidationException e) {
            return Entry.rejected(row.line(), e.getMessage());
        }
    }

    /** The fields of one row by column name; blank values read as absent. Immutable. */
    record CsvFields(Map<String, Integer> index, List<String> values) {
        /** The value of {@code column}, or null when the column is missing or the value blank. */
        String text(String column) {
            Integer i = index.get(column);
            if (i == null) {
                return null;
            }
            String value = values.get(i);
            return value.isBlank() ? null : value;
        }

        Long whole(String column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new ValidationException(column + " must be a whole number, got '" + value + "'");
            }
        }

        Boolean flag(String column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> Boolean.TRUE;
                case "false", "no", "n", "0" -> Boolean.FALSE;
                default -> throw new ValidationException(column + " must be true or false, got '" + value + "'");
            };
        }

        /** The {@code ;}-separated items of {@code column}, stripped, empty items dropped; null when absent. */
        List<String> list(String column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            return java.util.Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }
}
