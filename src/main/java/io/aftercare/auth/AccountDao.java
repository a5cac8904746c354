package io.aftercare.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Accounts and their tokens in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(Account.class)
public interface AccountDao {
    String COLUMNS = "a.id, a.username, a.display_name, a.role, a.agent_id, a.password_hash, a.disabled, a.created_at";

    @SqlQuery("INSERT INTO accounts (username, display_name, role, agent_id, password_hash, disabled, created_at)"
            + " VALUES (:username, :displayName, :role, :agentId, :passwordHash, :disabled, :createdAt) RETURNING id")
    long insert(@BindMethods Account account);

    @SqlQuery("SELECT " + COLUMNS + " FROM accounts a WHERE a.username = :username")
    Optional<Account> byUsername(@Bind("username") String username);

    @SqlQuery("SELECT " + COLUMNS + " FROM accounts a WHERE a.id = :id")
    Optional<Account> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM accounts a ORDER BY a.username")
    List<Account> all();

    @SqlQuery("SELECT count(*) FROM accounts")
    long count();

    @SqlUpdate("INSERT INTO auth_tokens (token_hash, account_id, kind, label, created_at, expires_at)"
            + " VALUES (:hash, :accountId, :kind, :label, :createdAt, :expiresAt)")
    void insertToken(@Bind("hash") String hash, @Bind("accountId") long accountId, @Bind("kind") String kind,
                     @Bind("label") String label, @Bind("createdAt") Instant createdAt,
                     @Bind("expiresAt") Instant expiresAt);

    @SqlQuery("SELECT " + COLUMNS + " FROM auth_tokens t JOIN accounts a ON a.id = t.account_id"
            + " WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now AND a.disabled = FALSE")
    Optional<Account> byToken(@Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE auth_tokens SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL")
    int revoke(@Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("UPDATE accounts SET display_name = :displayName, role = :role, agent_id = :agentId,"
            + " password_hash = :passwordHash, disabled = :disabled WHERE id = :id")
    int update(@BindMethods Account account);

    /** Ends every live token of an account (it was disabled, its role changed or its password reset). */
    @SqlUpdate("UPDATE auth_tokens SET revoked_at = :now WHERE account_id = :accountId AND revoked_at IS NULL")
    int revokeAll(@Bind("accountId") long accountId, @Bind("now") Instant now);

    /** API tokens (not sessions), newest first; a token's id is the first 16 hex digits of its hash. */
    @SqlQuery("SELECT substr(t.token_hash, 1, 16) AS id, t.account_id, a.username, t.label, t.created_at, t.expires_at,"
            + " t.revoked_at FROM auth_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.kind = 'api'"
            + " ORDER BY t.created_at DESC")
    @RegisterConstructorMapper(Account.ApiToken.class)
    List<Account.ApiToken> apiTokens();

    @SqlUpdate("UPDATE auth_tokens SET revoked_at = :now WHERE substr(token_hash, 1, 16) = :id AND kind = 'api'"
            + " AND revoked_at IS NULL")
    int revokeApiToken(@Bind("id") String id, @Bind("now") Instant now);

    @SqlQuery("SELECT id FROM agents WHERE login = :login")
    Optional<Long> agentIdByLogin(@Bind("login") String login);
}
