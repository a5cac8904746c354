package io.aftercare.auth;

import io.aftercare.core.Coded;

/**
 * What a signed-in account may do: agents their own calls, supervisors all agents' calls, admins also the
 * configuration. Two roles sign in with API tokens only (never a password): {@code INTEGRATION}, the shop's or
 * ERP's feed, writing customers, orders, warranties, cases, products and after-sales events; {@code DISPLAY}, a
 * wallboard screen, reading the wallboard. Neither may do anything else.
 */
public enum Role implements Coded {
    AGENT, SUPERVISOR, ADMIN, INTEGRATION, DISPLAY;

    /** True for the roles that sign in with API tokens only. */
    public boolean tokenOnly() {
        return this == INTEGRATION || this == DISPLAY;
    }
}
