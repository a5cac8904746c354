package io.aftercare.auth;

import io.aftercare.core.Coded;
import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.TooManyAttemptsException;
import io.aftercare.core.UnauthenticatedException;
import io.aftercare.core.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Accounts, bcrypt passwords, and bearer tokens: sessions that expire and long-lived API tokens for
 * integrations. Only token hashes are stored. Thread-safe.
 */
public final class AuthService {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PASSWORD_BYTES = 72; // bcrypt reads no further

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration sessionTtl;
    private final int bcryptCost;
    private final LoginThrottle throttle;
    private final String dummyHash;

    public AuthService(Jdbi jdbi, Clock clock, Duration sessionTtl, int bcryptCost, LoginThrottle throttle) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.sessionTtl = sessionTtl;
        this.bcryptCost = bcryptCost;
        this.throttle = throttle;
        this.dummyHash = BCrypt.hashpw("no such account", BCrypt.gensalt(bcryptCost));
    }

    /** A signed-in session: the bearer token is shown once, here. */
    public record Session(String token, Instant expiresAt, Account.AccountView account) {}

    /** An account as an admin creates it. */
    public record AccountInput(String username, String displayName, String role, String agentLogin, String password) {}

    /** Signs in; wrong credentials and throttled attempts say nothing about which part was wrong. */
    public Session login(String username, String password, String address) {
        String user = username == null ? "" : username.strip();
        if (!throttle.allowed(user, address)) {
            throw new TooManyAttemptsException("too many failed sign-ins; wait a few minutes");
        }
        Optional<Account> account = jdbi.withHandle(h -> h.attach(AccountDao.class).byUsername(user));
        boolean ok = password != null && password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
                && BCrypt.checkpw(password, account.map(Account::passwordHash).orElse(dummyHash))
                && account.isPresent() && !account.get().disabled() && !account.get().role().tokenOnly();
        if (!ok) {
            throttle.failed(user, address);
            throw new UnauthenticatedException("wrong username or password");
        }
        throttle.succeeded(user);
        return issue(account.get(), "session", "sign-in", sessionTtl);
    }

    public Session apiToken(long accountId, String label, Duration validity) {
        Account account = jdbi.withHandle(h -> h.attach(AccountDao.class).find(accountId))
                .orElseThrow(() -> new ValidationException("account " + accountId + " does not exist"));
        return issue(account, "api", label == null ? "" : label, validity);
    }

    /** The principal behind a bearer token, if the token is live. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.attach(AccountDao.class).byToken(hash(token), clock.instant()))
                .map(a -> new Principal(a.id(), a.username(), a.role(), a.agentId()));
    }

    public void logout(String token) {
        jdbi.useHandle(h -> h.attach(AccountDao.class).revoke(hash(token), clock.instant()));
    }

    public Account.AccountView createAccount(AccountInput in) {
        String username = in.username() == null ? "" : in.username().strip();
        if (!username.matches("[A-Za-z0-9._-]{2,64}")) {
            throw new ValidationException("username must be 2-64 letters, digits, '.', '_' or '-'");
        }
        Role role = Coded.parse(Role.class, in.role() == null ? "" : in.role(), "role");
        if (role.tokenOnly() && in.password() != null) {
            throw new ValidationException("an " + role.code() + " account signs in with API tokens, not a password");
        }
        if (!role.tokenOnly() && (in.password() == null || in.password().length() < 8
                || in.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES)) {
            throw new ValidationException("password must be 8 to 72 bytes long");
        }
        String displayName = in.displayName() == null || in.displayName().isBlank() ? username : in.displayName().strip();
        String hash = BCrypt.hashpw(role.tokenOnly() ? unusablePassword() : in.password(),
                BCrypt.gensalt(bcryptCost));
        return jdbi.inTransaction(h -> {
            AccountDao dao = h.attach(AccountDao.class);
            if (dao.byUsername(username).isPresent()) {
                throw new ConflictException("username " + username + " is taken");
            }
            Long agentId = null;
            if (in.agentLogin() != null && !in.agentLogin().isBlank()) {
                agentId = dao.agentIdByLogin(in.agentLogin().strip()).orElseThrow(() ->
                        new ValidationException("no agent with login " + in.agentLogin()));
            }
            requireAgentFits(role, agentId);
            long id = dao.insert(new Account(0, username, displayName, role, agentId, hash, false, clock.instant()));
            return dao.find(id).orElseThrow().view();
        });
    }

    /** What an admin changes of an account; null fields stay as they are. */
    public record AccountChange(String displayName, String role, String agentLogin, String password, Boolean disabled) {}

    /** An account before and after a change. */
    public record ChangedAccount(Account.AccountView before, Account.AccountView after) {}

    /**
     * Changes an account. A new role, a new password or disabling it ends every token the account holds, so the
     * change takes effect at once rather than when its sessions expire.
     */
    public ChangedAccount changeAccount(long id, AccountChange change) {
        if (change.password() != null && (change.password().length() < 8
                || change.password().getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES)) {
            throw new ValidationException("password must be 8 to 72 bytes long");
        }
        Role newRole = change.role() == null ? null : Coded.parse(Role.class, change.role(), "role");
        String hash = change.password() == null ? null : BCrypt.hashpw(change.password(), BCrypt.gensalt(bcryptCost));
        return jdbi.inTransaction(h -> {
            AccountDao dao = h.attach(AccountDao.class);
            Account before = dao.find(id).orElseThrow(() -> new NotFoundException("account " + id + " does not exist"));
            Role role = newRole == null ? before.role() : newRole;
            Long agentId = before.agentId();
            if (change.agentLogin() != null) {
                agentId = change.agentLogin().isBlank() ? null : dao.agentIdByLogin(change.agentLogin().strip())
                        .orElseThrow(() -> new ValidationException("no agent with login " + change.agentLogin()));
            }
            requireAgentFits(role, agentId);
            if (role.tokenOnly() && hash != null) {
                throw new ValidationException("an " + role.code() + " account signs in with API tokens, not a password");
            }
            String displayName = change.displayName() == null || change.displayName().isBlank()
                    ? before.displayName() : change.displayName().strip();
            boolean disabled = change.disabled() == null ? before.disabled() : change.disabled();
            Account after = new Account(id, before.username(), displayName, role, agentId,
                    hash == null ? before.passwordHash() : hash, disabled, before.createdAt());
            dao.update(after);
            if (role != before.role() || hash != null || (disabled && !before.disabled())
                    || !java.util.Objects.equals(agentId, before.agentId())) {
                dao.revokeAll(id, clock.instant());
            }
            return new ChangedAccount(before.view(), after.view());
        });
    }

    public List<Account.ApiToken> apiTokens() {
        return jdbi.withHandle(h -> h.attach(AccountDao.class).apiTokens());
    }

    public void revokeApiToken(String id) {
        if (jdbi.withHandle(h -> h.attach(AccountDao.class).revokeApiToken(id, clock.instant())) == 0) {
            throw new NotFoundException("no live API token " + id);
        }
    }

    public List<Account.AccountView> accounts() {
        return jdbi.withHandle(h -> h.attach(AccountDao.class).all()).stream().map(Account::view).toList();
    }

    /** Creates the first admin when there is no account at all; returns false when accounts exist. */
    public boolean bootstrapAdmin(String password) {
        if (jdbi.withHandle(h -> h.attach(AccountDao.class).count()) > 0) {
            return false;
        }
        createAccount(new AccountInput("admin", "Administrator", "admin", null, password));
        return true;
    }

    private static void requireAgentFits(Role role, Long agentId) {
        if (role == Role.AGENT && agentId == null) {
            throw new ValidationException("an agent account needs agentLogin");
        }
        if (role.tokenOnly() && agentId != null) {
            throw new ValidationException("an " + role.code() + " account is not an agent: leave agentLogin out");
        }
    }

    /** A password nobody knows, for accounts that sign in with API tokens only. */
    private static String unusablePassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, 64);
    }

    private Session issue(Account account, String kind, String label, Duration validity) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        jdbi.useHandle(h -> h.attach(AccountDao.class).insertToken(hash(token), account.id(), kind, label, now, expires));
        return new Session(token, expires, account.view());
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
