package io.aftercare.followups;

import java.time.Instant;

/**
 * One follow-up as the API shows it: who to call back and why (a voicemail, with its recording, or an abandoned
 * call), from which queue and call, its age, and who claimed, called and closed it. Immutable.
 *
 * @param customerName    the identified customer's name, or null
 * @param createdAt       when the caller abandoned or left the message
 * @param ageMillis       how long the caller has been waiting for the call back (createdAt to now)
 * @param voicemailMillis the message's length (voicemails only)
 * @param recording       whether {@code GET /api/follow-ups/{id}/recording} has audio to play (voicemails)
 * @param claimedBy       the login of the agent who claimed it
 * @param callLinkedId    the click-to-call contact placed for it, the latest
 */
public record FollowUp(long id, FollowUpKind kind, String pbxId, String queue, String e164, String callerName,
                       Long customerId, String customerName, String originLinkedId, Instant createdAt, long ageMillis,
                       Long voicemailMillis, boolean recording, FollowUpState state, String claimedBy,
                       Instant claimedAt, String callLinkedId, Instant calledAt, Instant doneAt, String outcome,
                       Long callbackId) {}
