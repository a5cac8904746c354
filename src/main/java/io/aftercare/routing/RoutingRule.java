package io.aftercare.routing;

import java.util.Objects;

/** One stored routing rule: its place in the order (first match wins), a name, its conditions and action. Immutable. */
public record RoutingRule(long id, int position, String name, boolean enabled, RuleCondition when, RuleAction then) {
    public RoutingRule {
        Objects.requireNonNull(name);
        when = when == null ? RuleCondition.ALWAYS : when;
        Objects.requireNonNull(then);
    }
}
