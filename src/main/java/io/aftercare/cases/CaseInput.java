package io.aftercare.cases;

/** A case as a client sends it; on PATCH absent fields keep their value. Immutable. */
public record CaseInput(Long customerId, String customerRef, String type, String status, String subject, String sku,
                        String serialNumber, Long ownerAgentId) {}
