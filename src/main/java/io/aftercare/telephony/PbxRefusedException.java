package io.aftercare.telephony;

/**
 * The PBX answered an action with {@code Response: Error}: {@link #action} is the AMI action, {@link #pbxMessage}
 * Asterisk's own words (e.g. {@code No such channel}). Immutable.
 */
public final class PbxRefusedException extends IllegalStateException {
    private final String action;
    private final String pbxMessage;

    public PbxRefusedException(String action, String pbxMessage) {
        super(pbxMessage);
        this.action = action;
        this.pbxMessage = pbxMessage == null ? "" : pbxMessage;
    }

    public String action() {
        return action;
    }

    public String pbxMessage() {
        return pbxMessage;
    }
}
