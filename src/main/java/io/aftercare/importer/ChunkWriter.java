package io.aftercare.importer;

import io.aftercare.core.ConflictException;
import io.aftercare.importer.ImportReport.Rejection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteException;

/**
 * Stores entries a chunk per transaction with a savepoint per entry, so a rejected entry is rolled back
 * alone and the rest of its chunk is kept; tallies what was read, imported and rejected. Not thread-safe;
 * one per import.
 */
final class ChunkWriter<T> {
    private static final String SAVEPOINT = "import_record";
    /** The services name an order line's problem "lines[2].quantity ..." or "lines[2]: ...". */
    private static final Pattern LINE_REF = Pattern.compile("^lines\\[(\\d+)](?:\\.|: )");
    private static final Pattern CAMEL_FIELD = Pattern.compile("\\b(externalRef|timeZone|surveyConsent|doNotCall"
            + "|orderNumber|customerRef|orderedOn|unitPrice|productName|serialNumbers|serialNumber|startsOn|endsOn)\\b");

    /** How one kind is stored, and the keys that let a duplicate point at the line that stored the original. */
    record Kind<T>(BiFunction<Handle, T, Object> create, BiFunction<T, Object, String> storedKey,
                   BiFunction<T, String, String> conflictKey) {}

    private final Jdbi jdbi;
    private final Kind<T> kind;
    private final String file;
    private final boolean csv;
    private final List<Rejection> rejected = new ArrayList<>();
    private final Map<String, Long> stored = new HashMap<>();
    private long read;
    private long imported;

    ChunkWriter(Jdbi jdbi, Kind<T> kind, String file, boolean csv) {
        this.jdbi = jdbi;
        this.kind = kind;
        this.file = file;
        this.csv = csv;
    }

    long read() {
        return read;
    }

    long imported() {
        return imported;
    }

    List<Rejection> rejected() {
        return rejected;
    }

    void write(List<Entry<T>> chunk) {
        if (chunk.stream().allMatch(e -> e.input() == null)) {
            chunk.forEach(this::tally);
            return;
        }
        long committed = imported;
        try {
            jdbi.useTransaction(handle -> chunk.forEach(entry -> store(handle, entry)));
        } catch (JdbiException e) {
            throw new ImportException(file + ":" + chunk.get(0).firstLine() + ": database error, import stopped: "
                    + e.getMessage() + " (" + committed + " records before this line were imported)", e);
        }
    }

    private void tally(Entry<T> entry) {
        read += entry.lines().size();
        reject(entry, entry.problems());
    }

    private void store(Handle handle, Entry<T> entry) {
        if (entry.input() == null) {
            tally(entry);
            return;
        }
        read += entry.lines().size();
        handle.savepoint(SAVEPOINT);
        try {
            Object result = kind.create().apply(handle, entry.input());
            handle.releaseSavepoint(SAVEPOINT);
            imported += entry.lines().size();
            String key = kind.storedKey().apply(entry.input(), result);
            if (key != null) {
                stored.putIfAbsent(key, entry.firstLine());
            }
        } catch (JdbiException e) {
            if (!isConstraintViolation(e)) {
                throw e;
            }
            handle.rollbackToSavepoint(SAVEPOINT);
            reject(entry, "the database refused it: " + rootMessage(e));
        } catch (ConflictException e) {
            handle.rollbackToSavepoint(SAVEPOINT);
            String key = kind.conflictKey().apply(entry.input(), e.getMessage());
            Long original = key == null ? null : stored.get(key);
            reject(entry, original == null ? e.getMessage() : e.getMessage() + " (imported from line " + original + ")");
        } catch (RuntimeException e) { // ValidationException and anything else the API answers with 4xx or 500
            handle.rollbackToSavepoint(SAVEPOINT);
            reject(entry, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Places the reason on the row it is about; the entry's other rows are rejected with it. */
    private void reject(Entry<T> entry, String reason) {
        long at = entry.firstLine();
        String text = reason;
        if (csv) {
            Matcher m = LINE_REF.matcher(reason);
            if (m.find() && Integer.parseInt(m.group(1)) < entry.lines().size()) {
                at = entry.lines().get(Integer.parseInt(m.group(1)));
                text = reason.substring(m.end());
            }
            text = csvNames(text);
        }
        reject(entry, List.of(new Rejection(at, text)));
    }

    private void reject(Entry<T> entry, List<Rejection> problems) {
        rejected.addAll(problems);
        long first = problems.get(0).line();
        for (long line : entry.lines()) {
            if (problems.stream().noneMatch(p -> p.line() == line)) {
                rejected.add(new Rejection(line, entry.label() + " not imported: see line " + first));
            }
        }
    }

    /** The services speak the API's camelCase field names; a CSV user knows the snake_case columns. */
    private static String csvNames(String text) {
        String plain = text.replace("customerId or customerRef is required", "customer_ref is required");
        return CAMEL_FIELD.matcher(plain).replaceAll(m -> m.group(1).replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && s.getResultCode().name().startsWith("SQLITE_CONSTRAINT")) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
