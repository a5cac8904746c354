package io.aftercare.callbacks;

import java.time.Instant;

/**
 * One queue callback as stored ({@code callbacks}, sql/V30): what to call, where its place in line comes from, and
 * how far it got. {@code actionId} is the latest attempt's originate id, also its contact's Linkedid. Immutable.
 */
public record Callback(long id, CallbackSource source, String pbxId, String queue, String e164, Long customerId,
                       String originLinkedId, String language, Instant waitingSince, String state, Instant dueAt,
                       Instant expiresAt, int attempts, String actionId, String lastOutcome, String detail,
                       String agent, Instant answeredAt, Instant finishedAt, Instant createdAt) {}
