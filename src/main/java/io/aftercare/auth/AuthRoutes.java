package io.aftercare.auth;

import io.aftercare.core.ValidationException;
import io.aftercare.web.Handlers;
import io.aftercare.web.PageRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** HTTP routes of sign-in, sign-out, accounts, API tokens and the audit trail. Stateless. */
public final class AuthRoutes {
    private AuthRoutes() {}

    /** Sign-in body. */
    public record Credentials(String username, String password) {}

    /** API token request: for which account, a label, and how many days it lives. */
    public record TokenRequest(Long accountId, String label, Integer days) {}

    public static void mount(Router router, Handlers handlers, AuthService auth, AuditLog audit) {
        router.post("/api/auth/login").handler(handlers.json(ctx -> {
            Credentials credentials = Handlers.body(ctx, Credentials.class);
            AuditTrail.describe(ctx, "sign-in", "username '" + credentials.username() + "'");
            AuthService.Session session = auth.login(credentials.username(), credentials.password(), address(ctx));
            var account = session.account();
            AuditTrail.actor(ctx, new Principal(account.id(), account.username(), account.role(), account.agentId()));
            return session;
        }));
        router.post("/api/auth/logout").handler(handlers.json(ctx -> {
            AuditTrail.describe(ctx, "sign-out", "");
            auth.logout(AuthHandler.token(ctx, false));
            return Map.of("signedOut", true);
        }));
        router.get("/api/auth/me").handler(handlers.json(AuthHandler::principal));
        router.get("/api/accounts").handler(handlers.json(ctx -> auth.accounts()));
        router.post("/api/accounts").handler(handlers.created(ctx -> {
            var created = auth.createAccount(Handlers.body(ctx, AuthService.AccountInput.class));
            AuditTrail.describe(ctx, "account-created", "account " + created.id() + " '" + created.username()
                    + "' role " + created.role().code());
            return created;
        }));
        router.patch("/api/accounts/:id").handler(handlers.json(ctx -> {
            var change = Handlers.body(ctx, AuthService.AccountChange.class);
            var changed = auth.changeAccount(Handlers.pathLong(ctx, "id"), change);
            AuditTrail.describe(ctx, "account-changed", changes(changed, change.password() != null));
            return changed.after();
        }));
        router.get("/api/tokens").handler(handlers.json(ctx -> auth.apiTokens()));
        router.post("/api/tokens").handler(handlers.created(ctx -> {
            TokenRequest request = Handlers.body(ctx, TokenRequest.class);
            if (request.accountId() == null) {
                throw new ValidationException("accountId is required");
            }
            int days = request.days() == null ? 365 : request.days();
            if (days < 1 || days > 3650) {
                throw new ValidationException("days must be between 1 and 3650");
            }
            var session = auth.apiToken(request.accountId(), request.label(), Duration.ofDays(days));
            AuditTrail.describe(ctx, "token-created", "API token for account " + request.accountId() + " '"
                    + session.account().username() + "', label '" + request.label() + "', " + days + " days");
            return session;
        }));
        router.delete("/api/tokens/:id").handler(handlers.json(ctx -> {
            String id = ctx.pathParam("id");
            AuditTrail.describe(ctx, "token-revoked", "API token " + id);
            auth.revokeApiToken(id);
            return Map.of("revoked", id);
        }));
        router.get("/api/audit").handler(handlers.json(ctx -> audit.page(PageRequest.of(ctx, 100, 1000),
                Handlers.query(ctx, "actor").orElse(null), Handlers.query(ctx, "action").orElse(null))));
    }

    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    }

    private static String changes(AuthService.ChangedAccount changed, boolean passwordSet) {
        var before = changed.before();
        var after = changed.after();
        List<String> parts = new ArrayList<>();
        if (before.role() != after.role()) {
            parts.add("role " + before.role().code() + " -> " + after.role().code());
        }
        if (before.disabled() != after.disabled()) {
            parts.add(after.disabled() ? "disabled" : "enabled");
        }
        if (!Objects.equals(before.agentId(), after.agentId())) {
            parts.add("agent " + before.agentId() + " -> " + after.agentId());
        }
        if (passwordSet) {
            parts.add("password set");
        }
        if (!before.displayName().equals(after.displayName())) {
            parts.add("display name changed");
        }
        return "account " + after.id() + " '" + after.username() + "'" + (parts.isEmpty() ? "" : ": "
                + String.join(", ", parts));
    }
}
