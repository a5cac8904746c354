package io.aftercare.auth;

import io.aftercare.core.ForbiddenException;
import io.aftercare.core.UnauthenticatedException;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Guards every request with the {@link AccessPolicy}: public routes pass, others need a live bearer token
 * (Authorization header, or access_token query parameter for WebSocket and EventSource clients) whose
 * role the rule allows. Thread-safe.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private final AccessPolicy policy;
    private final AuthService auth;
    private final WorkerExecutor workers;

    public AuthHandler(AccessPolicy policy, AuthService auth, WorkerExecutor workers) {
        this.policy = policy;
        this.auth = auth;
        this.workers = workers;
    }

    @Override
    public void handle(RoutingContext ctx) {
        AccessPolicy.Rule rule = policy.ruleFor(ctx.request().method(), ctx.request().path());
        if (rule.isPublic()) {
            ctx.next();
            return;
        }
        String token = token(ctx);
        if (token == null) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ctx.fail(new UnauthenticatedException("sign in first: send Authorization: Bearer TOKEN"));
            return;
        }
        workers.executeBlocking(() -> auth.authenticate(token), false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            Optional<Principal> principal = result.result();
            if (principal.isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ctx.fail(new UnauthenticatedException("the token is unknown, expired or revoked"));
            } else if (!rule.allows(principal.get().role())) {
                ctx.fail(new ForbiddenException("role " + principal.get().role().code() + " may not "
                        + ctx.request().method() + " " + ctx.request().path()));
            } else {
                ctx.put(Principal.CONTEXT_KEY, principal.get());
                ctx.next();
            }
        });
    }

    /** The signed-in principal of a request that passed this handler. */
    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(Principal.CONTEXT_KEY);
        if (principal == null) {
            throw new UnauthenticatedException("sign in first");
        }
        return principal;
    }

    static String token(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return ctx.request().getParam("access_token");
    }
}
