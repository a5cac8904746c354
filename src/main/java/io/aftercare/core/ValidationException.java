package io.aftercare.core;

/** Input that is well-formed but not acceptable (a bad phone number, an unknown code); HTTP 422. Immutable. */
public final class ValidationException extends RuntimeException {
    public ValidationException(String message) {
        super(message);
    }
}
