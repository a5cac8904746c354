package io.aftercare.auth;

import io.aftercare.core.Coded;

/** What a signed-in account may do; supervisors see all agents' calls, admins also manage configuration. */
public enum Role implements Coded {
    AGENT, SUPERVISOR, ADMIN
}
