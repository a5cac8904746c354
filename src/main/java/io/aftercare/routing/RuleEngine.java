package io.aftercare.routing;

import io.aftercare.routing.RoutingContext.OpenCase;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies ordered routing rules to a call's context, first match wins, and says why in words. A pure function:
 * no I/O, no clock (the context carries the local time). Stateless and thread-safe.
 */
public final class RuleEngine {
    /** The rule name reported when no rule matched and the call goes to the default queue. */
    public static final String NO_RULE = "none";

    private final String fallbackQueue;

    public RuleEngine(String fallbackQueue) {
        this.fallbackQueue = fallbackQueue;
    }

    public String fallbackQueue() {
        return fallbackQueue;
    }

    public Decision decide(RuleSet ruleSet, RoutingContext ctx) {
        for (RoutingRule rule : ruleSet.rules()) {
            Optional<List<String>> held = matches(rule.when(), ctx);
            if (held.isPresent()) {
                return apply(rule, ctx, held.get(), ruleSet);
            }
        }
        return new Decision(fallbackQueue, 0, Optional.empty(), Optional.empty(), 0, ctx.customerId(),
                ctx.openCases().stream().findFirst().map(OpenCase::id), ctx.language(), Optional.empty(), NO_RULE,
                false, "no rule matched " + who(ctx) + ": the default queue " + fallbackQueue);
    }

    /** The reasons each set condition held, or empty when one does not hold. */
    static Optional<List<String>> matches(RuleCondition when, RoutingContext ctx) {
        List<String> held = new ArrayList<>();
        if (when.unknownCaller() != null) {
            if (when.unknownCaller() != ctx.unknownCaller()) {
                return Optional.empty();
            }
            held.add(ctx.unknownCaller() ? "the caller is unknown" : "the caller is a known customer");
        }
        if (when.tiers() != null) {
            if (ctx.tier().isEmpty() || !when.tiers().contains(ctx.tier().get())) {
                return Optional.empty();
            }
            held.add("tier is " + ctx.tier().get().code());
        }
        if (when.openCaseType() != null) {
            Optional<OpenCase> open = ctx.openCase(when.openCaseType());
            if (open.isEmpty()) {
                return Optional.empty();
            }
            held.add("has open " + when.openCaseType().code() + " case " + open.get().id());
        }
        if (when.maxDaysSincePurchase() != null) {
            Optional<Integer> days = ctx.daysSinceLastOrder();
            if (days.isEmpty() || days.get() > when.maxDaysSincePurchase()) {
                return Optional.empty();
            }
            held.add("bought " + (ctx.lastOrderCategories().isEmpty() ? "something"
                    : String.join(", ", ctx.lastOrderCategories())) + " " + days.get() + " days ago (<= "
                    + when.maxDaysSincePurchase() + ")");
        }
        if (when.warrantyActive() != null) {
            if (when.warrantyActive() != ctx.warrantyActive()) {
                return Optional.empty();
            }
            held.add(ctx.warrantyActive() ? "has an active warranty" : "has no active warranty");
        }
        if (when.language() != null) {
            if (!when.language().equalsIgnoreCase(ctx.language())) {
                return Optional.empty();
            }
            held.add("speaks " + ctx.language());
        }
        if (when.hotline() != null) {
            if (!digits(when.hotline()).equals(digits(ctx.hotline()))) {
                return Optional.empty();
            }
            held.add("dialled hotline " + when.hotline());
        }
        if (when.from() != null && when.to() != null) {
            LocalTime now = ctx.localTime().toLocalTime();
            if (!within(now, when.from(), when.to())) {
                return Optional.empty();
            }
            held.add("local time " + now.withNano(0) + " is within " + when.from() + "-" + when.to());
        }
        return Optional.of(held);
    }

    /** from inclusive, to exclusive; a window whose end is before its start wraps midnight. */
    static boolean within(LocalTime now, LocalTime from, LocalTime to) {
        return from.isBefore(to) ? !now.isBefore(from) && now.isBefore(to) : !now.isBefore(from) || now.isBefore(to);
    }

    private Decision apply(RoutingRule rule, RoutingContext ctx, List<String> held, RuleSet ruleSet) {
        RuleAction then = rule.then();
        Optional<OpenCase> openCase = rule.when().openCaseType() != null ? ctx.openCase(rule.when().openCaseType())
                : ctx.openCases().stream().findFirst();
        StringBuilder reason = new StringBuilder("rule '").append(rule.name()).append("' matched");
        reason.append(held.isEmpty() ? " (it has no conditions)" : ": " + String.join(", ", held));
        reason.append(" -> queue ").append(then.queue());
        if (then.priorityOrZero() > 0) {
            reason.append(" priority ").append(then.priorityOrZero());
        }
        Optional<String> agent = Optional.empty();
        if (RuleAction.CASE_OWNER.equals(then.preferredAgent())) {
            agent = openCase.flatMap(OpenCase::ownerInterface);
            reason.append(agent.map(a -> ", case owner " + a + " preferred for " + then.waitSeconds() + " s")
                    .orElse(", the case has no owner to prefer"));
        } else if (then.preferredAgent() != null) {
            agent = Optional.ofNullable(ruleSet.agentInterfaces().get(then.preferredAgent()));
            reason.append(agent.map(a -> ", agent " + a + " preferred for " + then.waitSeconds() + " s")
                    .orElse(", agent " + then.preferredAgent() + " no longer exists"));
        }
        if (then.ivrMenu() != null) {
            reason.append(", IVR menu ").append(then.ivrMenu());
        }
        return new Decision(then.queue(), then.priorityOrZero(), Optional.ofNullable(then.ivrMenu()), agent,
                agent.isPresent() ? then.waitSeconds() : 0, ctx.customerId(), openCase.map(OpenCase::id),
                ctx.language(), Optional.of(rule.id()), rule.name(), false, reason.toString());
    }

    private static String who(RoutingContext ctx) {
        return ctx.customerId().map(id -> "customer " + id).orElse("the unknown caller");
    }

    private static String digits(String number) {
        return number.replaceAll("[^0-9]", "");
    }
}
