package io.aftercare.telephony.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A voicemail box changed: AMI {@code MessageWaiting}, which Asterisk sends when a message is left in it (on the
 * channel that left it, with that caller's ID), read or deleted. Not a {@link PbxEvent}: no call or agent tracker
 * needs it, and those switch over that family exhaustively; it goes to the mailbox listeners alone. Immutable.
 *
 * @param mailbox      the box as Asterisk names it, {@code box@context} (e.g. {@code aftercare@default})
 * @param newMessages  the INBOX count after the change
 * @param oldMessages  the Old folder's count
 * @param callerNumber the caller ID number of the channel that left a message; empty when the change had none
 */
public record MailboxChanged(String pbxId, Instant at, String mailbox, int newMessages, int oldMessages,
                             String callerNumber) {
    public MailboxChanged {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(at);
        Objects.requireNonNull(mailbox);
        callerNumber = callerNumber == null ? "" : callerNumber;
    }
}
