package io.aftercare.telephony;

/** Text that is not a valid, possible phone number for the region it was read in. Immutable. */
public final class InvalidPhoneNumberException extends RuntimeException {
    public InvalidPhoneNumberException(String message) {
        super(message);
    }
}
