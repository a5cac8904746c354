package io.aftercare.routing;

import java.time.Instant;

/** One routed call as stored in routing_decisions, for the screen pop and the reports. Immutable. */
public record RecordedDecision(long id, String uniqueid, String linkedid, String pbxId, String callerRaw,
                               String callerE164, String dnid, Long customerId, Long caseId, Long ruleId,
                               String ruleName, String queue, int priority, String ivrMenu, String preferredAgent,
                               boolean fallback, String reason, Instant createdAt) {}
