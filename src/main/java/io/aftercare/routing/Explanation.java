package io.aftercare.routing;

/** What the explain endpoint returns: the caller as read, the context the rules saw, and the decision. Immutable. */
public record Explanation(String caller, String callerE164, String dnid, RoutingContext context, Decision decision) {}
