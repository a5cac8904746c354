package io.aftercare.followups;

import java.time.Instant;
import java.util.Objects;

/**
 * A follow-up to create: idempotent by {@code (pbxId, kind, originKey)}, the Linkedid of an abandoned call or the
 * msg_id of a voicemail. Immutable.
 *
 * @param e164             the number to call back; null only for a voicemail from a withheld or unreadable number
 * @param waitingSince     when the caller started waiting (queued), their place for an automatic callback
 * @param customerId       null: found from the contact {@code originLinkedId}, then the caller's number, if any
 * @param voicemailFile    the audio's file name in the mailbox's INBOX (voicemails only)
 */
public record NewFollowUp(FollowUpKind kind, String pbxId, String originKey, String queue, String e164,
                          String callerName, Long customerId, String originLinkedId, Instant createdAt,
                          Instant waitingSince,
                          String voicemailMsgId, String voicemailFile, Integer voicemailSeconds) {
    public NewFollowUp {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(originKey);
        Objects.requireNonNull(createdAt);
        if (e164 == null && kind == FollowUpKind.ABANDONED) {
            throw new IllegalArgumentException("an abandoned call is followed up only with a number to call");
        }
        waitingSince = waitingSince == null ? createdAt : waitingSince;
        callerName = callerName == null ? "" : callerName;
    }
}
