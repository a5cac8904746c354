package io.aftercare.auth;

import java.util.Optional;

/** The account behind a request, as the access checks see it. Immutable. */
public record Principal(long accountId, String username, Role role, Long agentId) {
    public static final String CONTEXT_KEY = "aftercare.principal";

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }

    /** True for supervisors and admins, who may look at any agent's calls. */
    public boolean seesAllAgents() {
        return role == Role.SUPERVISOR || role == Role.ADMIN;
    }

    public Optional<Long> agent() {
        return Optional.ofNullable(agentId);
    }
}
