package io.aftercare.agents;

import java.util.List;

/**
 * The body of {@code POST /api/agent-profiles} (login, name and memberInterface required) and {@code PATCH
 * /api/agent-profiles/{login}} (only what is given changes; the login cannot change; {@code queues}, when given,
 * replaces the assignments). Immutable.
 */
public record AgentInput(String login, String name, String memberInterface, String stateInterface, String language,
                         List<Assignment> queues) {}
