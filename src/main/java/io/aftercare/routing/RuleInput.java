package io.aftercare.routing;

/** A rule as the API accepts it for create and update; position is optional (new rules go last). Immutable. */
public record RuleInput(String name, Boolean enabled, Integer position, RuleCondition when, RuleAction then) {}
