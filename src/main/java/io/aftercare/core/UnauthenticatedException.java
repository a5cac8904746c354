package io.aftercare.core;

/** No valid credentials: a wrong password, or a missing, expired, revoked or forged token; HTTP 401. */
public final class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
