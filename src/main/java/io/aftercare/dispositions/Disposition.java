package io.aftercare.dispositions;

import java.time.Instant;

/** What the agent recorded about a call they handled. Immutable. */
public record Disposition(long id, String pbxId, String linkedId, String agent, long accountId, Long customerId,
                          Long caseId, String reasonCode, boolean resolved, String notes, Instant createdAt) {}
