package io.aftercare.metrics;

import io.aftercare.calls.Outcome;
import java.time.Instant;

/**
 * A {@code contacts} row with the columns metrics need, including the customer, case and reason that FCR
 * groups by (null when unknown). Immutable.
 */
public record StoredContact(String pbxId, String linkedId, String queue, Instant enteredAt, Instant queuedAt,
                            Instant answeredAt, Instant dequeuedAt, Instant endedAt, Outcome outcome,
                            boolean lostTrack, Long customerId, Long caseId, String reasonCode) {}
