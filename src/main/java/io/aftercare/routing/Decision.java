package io.aftercare.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a call goes and why: queue, priority, IVR menu, preferred agent interface and wait, the customer and case
 * it concerns, the rule that matched (empty for the fallback) and the reason in words. Immutable.
 */
public record Decision(String queue, int priority, Optional<String> ivrMenu, Optional<String> preferredAgent,
                       int preferredWaitSeconds, Optional<Long> customerId, Optional<Long> caseId, String language,
                       Optional<Long> ruleId, String ruleName, boolean fallback, String reason) {
    public Decision {
        Objects.requireNonNull(queue);
        Objects.requireNonNull(ivrMenu);
        Objects.requireNonNull(preferredAgent);
        Objects.requireNonNull(customerId);
        Objects.requireNonNull(caseId);
        language = language == null ? "" : language;
        Objects.requireNonNull(ruleId);
        Objects.requireNonNull(ruleName);
        Objects.requireNonNull(reason);
    }

    /** This decision ringing nobody first, saying why the preferred agent is not rung (paused, busy...). */
    public Decision withoutPreferredAgent(String why) {
        return preferredAgent.isEmpty() ? this : new Decision(queue, priority, ivrMenu, Optional.empty(), 0, customerId,
                caseId, language, ruleId, ruleName, fallback, reason + "; " + preferredAgent.get() + " not rung first: "
                + why);
    }

    /** The answer when no rule could be applied (no rule matched, the lookup failed or ran out of time). */
    public static Decision fallback(String queue, String language, String reason) {
        return new Decision(queue, 0, Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(),
                language, Optional.empty(), "fallback", true, reason);
    }
}
