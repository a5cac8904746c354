package io.aftercare.routing;

import java.util.List;

/**
 * What the explain endpoint returns: the caller as read, the context the rules saw, the decision and, when the
 * decided queue is closed now, the after-hours branch, flattened to JSON-friendly values (null where the call has
 * none). Immutable.
 */
public record Explanation(String caller, String callerE164, String dnid, ContextView context, DecisionView decision,
                          AfterHoursView afterHours) {

    static Explanation of(String caller, String dnid, RoutingContext ctx, Decision d) {
        return new Explanation(caller, ctx.caller().map(Object::toString).orElse(null), dnid,
                new ContextView(ctx.customerId().orElse(null), ctx.tier().map(t -> t.code()).orElse(null),
                        ctx.openCases().stream().map(c -> new CaseView(c.id(), c.type().code(),
                                c.ownerInterface().orElse(null))).toList(),
                        ctx.daysSinceLastOrder().orElse(null), ctx.lastOrderCategories(), ctx.warrantyActive(),
                        ctx.language(), ctx.hotline(), ctx.localTime().toString()),
                new DecisionView(d.queue(), d.priority(), d.ivrMenu().orElse(null), d.preferredAgent().orElse(null),
                        d.preferredWaitSeconds(), d.customerId().orElse(null), d.caseId().orElse(null), d.language(),
                        d.ruleId().orElse(null), d.ruleName(), d.fallback(), d.reason()), null);
    }

    /** The same explanation with the after-hours branch the live route would give now. */
    Explanation withAfterHours(AfterHoursView branch) {
        return new Explanation(caller, callerE164, dnid, context, decision, branch);
    }

    /**
     * The queue is closed: {@code action} is what the caller would get (callback for a known customer whose case
     * could be written, else voicemail), {@code nextOpening} local to the queue, empty when none is known.
     */
    public record AfterHoursView(String action, String nextOpening) {}

    /** The routing context as JSON. */
    public record ContextView(Long customerId, String tier, List<CaseView> openCases, Integer daysSinceLastOrder,
                              List<String> lastOrderCategories, boolean warrantyActive, String language,
                              String hotline, String localTime) {}

    /** An open case as JSON. */
    public record CaseView(long id, String type, String ownerInterface) {}

    /** The decision as JSON. */
    public record DecisionView(String queue, int priority, String ivrMenu, String preferredAgent,
                               int preferredWaitSeconds, Long customerId, Long caseId, String language, Long ruleId,
                               String ruleName, boolean fallback, String reason) {}
}
