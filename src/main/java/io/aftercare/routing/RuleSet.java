package io.aftercare.routing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The enabled rules in their order plus the agent logins they may name, as loaded together. Immutable. */
public record RuleSet(List<RoutingRule> rules, Map<String, String> agentInterfaces) {
    public static final RuleSet EMPTY = new RuleSet(List.of(), Map.of());

    public RuleSet {
        rules = rules.stream().filter(RoutingRule::enabled)
                .sorted(Comparator.comparingInt(RoutingRule::position).thenComparingLong(RoutingRule::id)).toList();
        agentInterfaces = Map.copyOf(agentInterfaces);
    }
}
