package io.aftercare.auth;

import io.aftercare.core.ForbiddenException;
import io.aftercare.core.UnauthenticatedException;
import io.aftercare.web.RequestPaths;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Guards every request with the {@link AccessPolicy}, decided on the request's canonical path (the one the router
 * matches; {@link RequestPaths} has refused every other form): public routes pass, others need a live bearer token
 * in the Authorization header whose role the rule allows. Only event-stream routes also take the token as an
 * {@code access_token} query parameter (browsers' EventSource cannot send headers). Arms the {@link AuditTrail}
 * for every request. Thread-safe.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private final AccessPolicy policy;
    private final AuthService auth;
    private final WorkerExecutor workers;
    private final AuditTrail audit;

    public AuthHandler(AccessPolicy policy, AuthService auth, WorkerExecutor workers, AuditTrail audit) {
        this.policy = policy;
        this.auth = auth;
        this.workers = workers;
        this.audit = audit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = RequestPaths.canonical(ctx);
        AccessPolicy.Rule rule = policy.ruleFor(ctx.request().method(), path);
        audit.watch(ctx, path, rule.adminOnly());
        if (rule.isPublic()) {
            ctx.next();
            return;
        }
        String token = token(ctx, rule.queryToken());
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
                return;
            }
            ctx.put(Principal.CONTEXT_KEY, principal.get());
            if (!rule.allows(principal.get().role())) {
                ctx.fail(new ForbiddenException("role " + principal.get().role().code() + " may not "
                        + ctx.request().method() + " " + path));
            } else {
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

    /** The bearer token of the Authorization header (or, where {@code inQuery}, the access_token parameter). */
    static String token(RoutingContext ctx, boolean inQuery) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return inQuery ? ctx.request().getParam("access_token") : null;
    }
}
