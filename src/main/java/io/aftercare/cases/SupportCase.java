package io.aftercare.cases;

import java.time.Instant;

/** An after-sales case (repair, return/RMA, technical, complaint, callback) of one customer. Immutable. */
public record SupportCase(long id, long customerId, CaseType type, CaseStatus status, String subject, String sku,
                          String serialNumber, Long ownerAgentId, Instant openedAt, Instant updatedAt,
                          Instant closedAt) {}
