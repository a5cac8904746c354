package io.aftercare.auth;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Decides which HTTP requests leave an audit entry and writes it once the response is sent: every request a handler
 * described ({@link #describe}: sign-in, sign-out, accounts, tokens), every write by anyone but an agent (admins,
 * supervisors acting on agents, integration tokens), and every write to an admin-only route by a signed-in account,
 * allowed or not. Thread-safe.
 */
public final class AuditTrail {
    private static final String ACTION = "aftercare.audit.action";
    private static final String DETAIL = "aftercare.audit.detail";
    private static final String ACTOR = "aftercare.audit.actor";

    private final AuditLog log;
    private final WorkerExecutor workers;
    private final Clock clock;

    public AuditTrail(AuditLog log, WorkerExecutor workers, Clock clock) {
        this.log = log;
        this.workers = workers;
        this.clock = clock;
    }

    /** Names what a request did, so it is audited whatever its route; call from its handler. */
    public static void describe(RoutingContext ctx, String action, String detail) {
        ctx.put(ACTION, action);
        ctx.put(DETAIL, detail);
    }

    /** The account a request acted as when it had no principal yet (a successful sign-in). */
    public static void actor(RoutingContext ctx, Principal actor) {
        ctx.put(ACTOR, actor);
    }

    /** Arms the entry for this request: written after the response ends, if the request is one to audit. */
    public void watch(RoutingContext ctx, String path, boolean adminOnlyRoute) {
        ctx.addEndHandler(ended -> {
            String action = ctx.get(ACTION);
            Principal principal = ctx.get(ACTOR) != null ? ctx.get(ACTOR) : ctx.get(Principal.CONTEXT_KEY);
            boolean write = !(ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD
                    || ctx.request().method() == HttpMethod.OPTIONS);
            boolean auditedWrite = write && principal != null
                    && (adminOnlyRoute || principal.role() != Role.AGENT);
            if (action == null && !auditedWrite) {
                return;
            }
            var address = ctx.request().remoteAddress();
            AuditEntry entry = new AuditEntry(0, clock.instant(), principal == null ? null : principal.accountId(),
                    principal == null ? null : principal.username(), principal == null ? null : principal.role().code(),
                    address == null ? null : address.hostAddress(), ctx.request().method().name(), path,
                    ctx.response().getStatusCode(), action == null ? "write" : action, ctx.get(DETAIL));
            workers.executeBlocking(() -> {
                log.record(entry);
                return null;
            }, false);
        });
    }
}
