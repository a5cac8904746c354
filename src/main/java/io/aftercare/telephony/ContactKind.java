package io.aftercare.telephony;

import io.aftercare.core.Coded;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a contact is: a call to the hotline, or a call aftercare placed itself, by purpose. An originated call is
 * named by its originate id ({@code survey-42-1}: kind, job, attempt), which aftercare sends as both the
 * Originate's ActionID and its ChannelId; Asterisk (since 12) makes the ChannelId the new channel's Uniqueid, so
 * it comes back as the Linkedid of every leg, in the OriginateResponse (failures included) and in the channel
 * list after a reconnect. Immutable.
 */
public enum ContactKind implements Coded {
    /** A customer called the hotline: the only kind that counts in queue figures. */
    INBOUND,
    /** A satisfaction survey aftercare's dialer placed. */
    SURVEY,
    /** A call back to a customer aftercare placed. */
    CALLBACK,
    /**
     * A call an agent placed from their console (click-to-call): aftercare rings the agent's phone, then dials the
     * customer; its originate id is {@code click_to_call-<stamp>-<agent id>}.
     */
    CLICK_TO_CALL;

    /**
     * How the ChannelId, so the Linkedid, of a call aftercare places that is no contact starts (a supervisor's
     * ChanSpy, {@code nocontact-spy-<uuid>}): call tracking ignores every event of such a call.
     */
    public static final String NO_CONTACT_PREFIX = "nocontact-";

    private static final Pattern ORIGINATE_ID = Pattern.compile(
            "(survey|callback|click_to_call)-[0-9]{1,18}-[0-9]{1,9}");

    public boolean outbound() {
        return this != INBOUND;
    }

    /**
     * The originate id of attempt {@code attempt} of job {@code job}, e.g. {@code survey-42-1}; for a click-to-call,
     * a stamp unique to the call and the agent's id.
     */
    public String originateId(long job, int attempt) {
        if (!outbound()) {
            throw new IllegalStateException("an inbound call is not originated");
        }
        return code() + "-" + job + "-" + attempt;
    }

    /** True for the Linkedid of a call aftercare placed as no contact ({@link #NO_CONTACT_PREFIX}). */
    public static boolean noContact(String linkedId) {
        return linkedId != null && linkedId.startsWith(NO_CONTACT_PREFIX);
    }

    /** The kind an {@link #originateId} names; empty for any other id, such as Asterisk's own 1795341477.10. */
    public static Optional<ContactKind> ofOriginateId(String id) {
        Matcher m = ORIGINATE_ID.matcher(id == null ? "" : id);
        return m.matches() ? Optional.of(valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT))) : Optional.empty();
    }
}
