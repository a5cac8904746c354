package io.aftercare.core;

/** Signed in, but this account's role or ownership does not allow the request; HTTP 403. */
public final class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
