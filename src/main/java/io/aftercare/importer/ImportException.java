package io.aftercare.importer;

/**
 * An import that cannot run or cannot go on: an unreadable file, an unknown kind or extension, a bad
 * header, a database failure that is not about one record. Lines already committed stay imported. Immutable.
 */
public final class ImportException extends RuntimeException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
