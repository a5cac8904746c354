package io.aftercare.core;

/** Sign-in refused because of recent failures; HTTP 429. */
public final class TooManyAttemptsException extends RuntimeException {
    public TooManyAttemptsException(String message) {
        super(message);
    }
}
