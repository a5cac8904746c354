package io.aftercare.core;

/** A change that clashes with what is stored (a phone number owned by another customer); HTTP 409. Immutable. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
