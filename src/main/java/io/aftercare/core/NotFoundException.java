package io.aftercare.core;

/** A named thing (customer, order, case) that does not exist; HTTP 404. Immutable. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
