package io.aftercare.auth;

import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Map;

/** HTTP routes of sign-in, sign-out, accounts and API tokens. Stateless. */
public final class AuthRoutes {
    private AuthRoutes() {}

    /** Sign-in body. */
    public record Credentials(String username, String password) {}

    /** API token request: for which account, a label, and how many days it lives. */
    public record TokenRequest(Long accountId, String label, Integer days) {}

    public static void mount(Router router, Handlers handlers, AuthService auth) {
        router.post("/api/auth/login").handler(handlers.json(ctx -> {
            Credentials credentials = Handlers.body(ctx, Credentials.class);
            return auth.login(credentials.username(), credentials.password(),
                    ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress());
        }));
        router.post("/api/auth/logout").handler(handlers.json(ctx -> {
            auth.logout(AuthHandler.token(ctx));
            return Map.of("signedOut", true);
        }));
        router.get("/api/auth/me").handler(handlers.json(AuthHandler::principal));
        router.get("/api/accounts").handler(handlers.json(ctx -> auth.accounts()));
        router.post("/api/accounts").handler(handlers.created(ctx ->
                auth.createAccount(Handlers.body(ctx, AuthService.AccountInput.class))));
        router.post("/api/tokens").handler(handlers.created(ctx -> {
            TokenRequest request = Handlers.body(ctx, TokenRequest.class);
            if (request.accountId() == null) {
                throw new io.aftercare.core.ValidationException("accountId is required");
            }
            int days = request.days() == null ? 365 : request.days();
            if (days < 1 || days > 3650) {
                throw new io.aftercare.core.ValidationException("days must be between 1 and 3650");
            }
            return auth.apiToken(request.accountId(), request.label(), Duration.ofDays(days));
        }));
    }
}
