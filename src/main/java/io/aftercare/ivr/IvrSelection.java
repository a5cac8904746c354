package io.aftercare.ivr;

import java.time.Instant;

/**
 * What one caller did in an IVR: the menu entered, the digits pressed in order, how it ended (option, case,
 * timeout, invalid, fallback) and the queue it chose. Immutable.
 */
public record IvrSelection(String uniqueid, String linkedid, String pbxId, String menu, String digits,
                           String outcome, String queue, Long caseId, Instant createdAt) {}
