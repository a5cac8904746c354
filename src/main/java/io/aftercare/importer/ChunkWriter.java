package io.aftercare.importer;

import io.aftercare.core.ConflictException;
import io.aftercare.importer.ImportReport.Rejection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteException;

/**
 * Stores entries a chunk per transaction with a savepoint per entry, so a rejected entry is rolled back
 * alone and the rest of its chunk is kept, or a whole chunk at once for a kind with a {@link Bulk} store;
 * tallies what was read, imported, updated and rejected, and hands each rejection to the listener as it comes.
 * Not thread-safe; one per import.
 */
final class ChunkWriter<T> {
    private static final String SAVEPOINT = "import_record";
    private static final String CHUNK_SAVEPOINT = "import_chunk";
    /** The services name an order line's problem "lines[2].quantity ..." or "lines[2]: ...". */
    private static final Pattern LINE_REF = Pattern.compile("^lines\\[(\\d+)](?:\\.|: )");
    private static final Pattern CAMEL_FIELD = Pattern.compile("\\b(externalRef|timeZone|surveyConsent|doNotCall"
            + "|orderNumber|customerRef|orderedOn|unitPrice|productName|serialNumbers|serialNumber|startsOn|endsOn|warrantyMonths)\\b");

    /**
     * How one kind is stored, and the keys that let a duplicate point at the line that stored the original.
     *
     * @param updated tells from what {@code create} returned whether it replaced an existing record (an upsert)
     * @param bulk    stores a whole chunk at once, or null: each record in its own savepoint through {@code create}
     */
    record Kind<T>(BiFunction<Handle, T, Object> create, BiFunction<T, Object, String> storedKey,
                   BiFunction<T, String, String> conflictKey, Predicate<Object> updated, Bulk<T> bulk) {
        Kind(BiFunction<Handle, T, Object> create, BiFunction<T, Object, String> storedKey,
             BiFunction<T, String, String> conflictKey) {
            this(create, storedKey, conflictKey, result -> false, null);
        }
    }

    /**
     * Stores a chunk's inputs in the caller's transaction, checking and refusing each as {@code create} would; a
     * constraint violation (a concurrent writer) makes the writer roll the chunk back and store it record by record.
     */
    interface Bulk<T> {
        /** For each input in order, what {@code create} would have returned, or the exception refusing it. */
        List<Object> store(Handle handle, List<T> inputs) throws SQLException;
    }

    private final Consumer<Consumer<Handle>> transaction;
    private final boolean sharedTransaction;
    private final Kind<T> kind;
    private final String file;
    private final boolean csv;
    private final ImportListener listener;
    private final List<Rejection> rejected = new ArrayList<>();
    private final Map<String, Long> stored = new HashMap<>();
    private long read;
    private long imported;
    private long updated;

    /**
     * @param transaction       runs its argument in a transaction: its own per chunk, or a dry run's single one
     * @param sharedTransaction true when {@code transaction} runs every chunk in the same (a dry run's) transaction
     */
    ChunkWriter(Consumer<Consumer<Handle>> transaction, boolean sharedTransaction, Kind<T> kind, String file,
                boolean csv, ImportListener listener) {
        this.transaction = transaction;
        this.sharedTransaction = sharedTransaction;
        this.kind = kind;
        this.file = file;
        this.csv = csv;
        this.listener = listener;
    }

    long read() {
        return read;
    }

    long imported() {
        return imported;
    }

    long updated() {
        return updated;
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
            try {
                transaction.accept(handle -> {
                    if (kind.bulk() == null || !storeInBulk(handle, chunk)) {
                        chunk.forEach(entry -> store(handle, entry));
                    }
                });
            } catch (Retry retry) { // rolled back: a record the checks let through met a constraint
                transaction.accept(handle -> chunk.forEach(entry -> store(handle, entry)));
            }
        } catch (JdbiException | BulkFailure e) {
            Throwable cause = e instanceof BulkFailure ? e.getCause() : e;
            throw new ImportException(file + ":" + chunk.get(0).firstLine() + ": database error, import stopped: "
                    + cause.getMessage() + " (" + committed + " records before this line were imported)", cause);
        }
    }

    /**
     * Stores the chunk with the kind's bulk store. On a constraint violation (a concurrent writer), in a
     * transaction of its own: throws {@link Retry} to have it rolled back and stored again record by record; in a
     * dry run's shared transaction: rolls back to a savepoint and returns false. A savepoint around every chunk
     * would cost SQLite a statement journal of every page the chunk touches.
     */
    private boolean storeInBulk(Handle handle, List<Entry<T>> chunk) {
        List<T> inputs = chunk.stream().map(Entry::input).filter(Objects::nonNull).toList();
        List<Object> outcomes;
        if (sharedTransaction) {
            handle.savepoint(CHUNK_SAVEPOINT);
        }
        try {
            outcomes = kind.bulk().store(handle, inputs);
            if (sharedTransaction) {
                handle.releaseSavepoint(CHUNK_SAVEPOINT);
            }
        } catch (SQLException e) {
            if (!isConstraintViolation(e)) {
                throw new BulkFailure(e);
            }
            if (!sharedTransaction) {
                throw new Retry();
            }
            handle.rollbackToSavepoint(CHUNK_SAVEPOINT);
            return false;
        }
        int next = 0;
        for (Entry<T> entry : chunk) {
            if (entry.input() == null) {
                tally(entry);
                continue;
            }
            read += entry.lines().size();
            Object outcome = outcomes.get(next++);
            if (outcome instanceof RuntimeException refusal) {
                refused(entry, refusal);
            } else {
                stored(entry, outcome);
            }
        }
        return true;
    }

    /** Rolls a chunk's transaction back to store it again record by record. */
    private static final class Retry extends RuntimeException {
        Retry() {
            super(null, null, false, false);
        }
    }

    /** Carries a bulk store's SQLException out of the transaction, which rolls back on the way. */
    private static final class BulkFailure extends RuntimeException {
        BulkFailure(SQLException cause) {
            super(cause);
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
            stored(entry, result);
        } catch (JdbiException e) {
            if (!isConstraintViolation(e)) {
                throw e;
            }
            handle.rollbackToSavepoint(SAVEPOINT);
            reject(entry, "the database refused it: " + rootMessage(e));
        } catch (RuntimeException e) { // ValidationException, ConflictException and anything the API answers with 4xx or 500
            handle.rollbackToSavepoint(SAVEPOINT);
            refused(entry, e);
        }
    }

    private void stored(Entry<T> entry, Object result) {
        imported += entry.lines().size();
        if (kind.updated().test(result)) {
            updated += entry.lines().size();
        }
        String key = kind.storedKey().apply(entry.input(), result);
        if (key != null) {
            stored.putIfAbsent(key, entry.firstLine());
        }
    }

    private void refused(Entry<T> entry, RuntimeException e) {
        if (e instanceof ConflictException) {
            String key = kind.conflictKey().apply(entry.input(), e.getMessage());
            Long original = key == null ? null : stored.get(key);
            reject(entry, original == null ? e.getMessage() : e.getMessage() + " (imported from line " + original + ")");
        } else {
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
        problems.forEach(this::rejected);
        long first = problems.get(0).line();
        for (long line : entry.lines()) {
            if (problems.stream().noneMatch(p -> p.line() == line)) {
                rejected(new Rejection(line, entry.label() + " not imported: see line " + first));
            }
        }
    }

    private void rejected(Rejection rejection) {
        rejected.add(rejection);
        listener.rejected(rejection);
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
