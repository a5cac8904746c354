package io.aftercare.persistence;

/** The database cannot be opened, migrated or reached; the message says why. Immutable. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
