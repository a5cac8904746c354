package io.aftercare.telephony;

/**
 * No PBX could be asked: none is attached, its AMI link is down, or it did not answer in time. Unlike a {@link
 * PbxRefusedException}, trying again later may succeed. Immutable.
 */
public final class PbxUnavailableException extends IllegalStateException {
    public PbxUnavailableException(String message) {
        super(message);
    }
}
