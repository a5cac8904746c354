package io.aftercare.auth;

import io.aftercare.core.Coded;

/**
 * What a signed-in account may do: agents their own calls, supervisors all agents' calls, admins also the
 * configuration. {@code INTEGRATION} is the shop's or ERP's feed: API tokens only (it cannot sign in with a
 * password), writing customers, orders, warranties, cases, products and after-sales events, and nothing else.
 */
public enum Role implements Coded {
    AGENT, SUPERVISOR, ADMIN, INTEGRATION
}
