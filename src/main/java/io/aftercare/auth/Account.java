package io.aftercare.auth;

import java.time.Instant;

/** A person's or integration's account as stored (the password hash never leaves the auth package). Immutable. */
public record Account(long id, String username, String displayName, Role role, Long agentId, String passwordHash,
                      boolean disabled, Instant createdAt) {

    /** What the API shows of an account. */
    public AccountView view() {
        return new AccountView(id, username, displayName, role, agentId, disabled, createdAt);
    }

    /** An account without its password hash. */
    public record AccountView(long id, String username, String displayName, Role role, Long agentId, boolean disabled,
                              Instant createdAt) {}

    /** An API token as admins list it: never the token itself. */
    public record ApiToken(String id, long accountId, String username, String label, Instant createdAt,
                           Instant expiresAt, Instant revokedAt) {}
}
