package io.aftercare.dispositions;

/**
 * A disposition as the agent's form sends it: a reason code, resolved or not, either an existing case to link
 * or a new case to open, and notes. Immutable.
 */
public record DispositionInput(String pbxId, String reasonCode, Boolean resolved, Long caseId, NewCase newCase,
                               String notes) {

    /** A case opened from the disposition: repair (with serial), return/RMA, technical or complaint. */
    public record NewCase(String type, String subject, String sku, String serialNumber) {}
}
