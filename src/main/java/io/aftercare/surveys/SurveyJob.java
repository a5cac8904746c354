package io.aftercare.surveys;

import java.time.Instant;

/**
 * One survey to place, as stored in {@code survey_jobs}; {@code state} is one of the V8 states (scheduled,
 * dialing, answered, completed, busy, no_answer, failed, opted_out, expired). Immutable.
 *
 * @param answeredAttempt the attempt whose answered call took the job for its survey; null until one did
 */
public record SurveyJob(long id, long customerId, String e164, String source, Long caseId, Long dispositionId,
                        String pbxId, String linkedId, String agent, String queue, String language, String state,
                        Instant dueAt, Instant expiresAt, int attempts, String actionId, String lastOutcome,
                        String detail, Integer answeredAttempt) {

    /** A new job before it is stored. */
    public static SurveyJob scheduled(long customerId, String e164, String source, Long caseId, Long dispositionId,
                                      String pbxId, String linkedId, String agent, String queue, String language,
                                      Instant dueAt, Instant expiresAt) {
        return new SurveyJob(0, customerId, e164, source, caseId, dispositionId, pbxId, linkedId, agent, queue,
                language, "scheduled", dueAt, expiresAt, 0, null, null, "", null);
    }
}
