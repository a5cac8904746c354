package io.aftercare.agents;

import io.aftercare.auth.AuditTrail;
import io.aftercare.auth.AuthHandler;
import io.aftercare.auth.Principal;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.telephony.AgentCommands;
import io.aftercare.core.ForbiddenException;
import io.aftercare.web.ApiException;
import io.aftercare.web.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code /api/agents}: live agent states for supervisors, and log in, pause with reason, unpause, log out, each
 * sent to the PBX as AMI QueueAdd, QueuePause or QueueRemove; end or extend after-call work (up to the queue's
 * {@code wrapup_max_seconds}). An agent logs in only to the queues assigned to them ({@link QueueLogin}). Handlers never block
 * the event loop: they answer when the PBX or the tracking thread does. An agent may act only on their own
 * interface ({@code agents.interface} of their account's agent); supervisors and admins on anyone's (else 403).
 * Thread-safe.
 */
public final class AgentRoutes {
    private AgentRoutes() {}

    /** {@code interface} is the member interface such as {@code Local/agent1@agents}. */
    public record LoginRequest(String pbxId, String iface, String name, String stateInterface, List<String> queues,
                               Boolean paused, String reason) {}

    public record PauseRequest(String pbxId, String iface, String queue, String reason) {}

    public record MemberRequest(String pbxId, String iface, List<String> queues) {}

    /** More after-call work: {@code seconds} (1 to 600) on top of what is left. */
    public record ExtendRequest(String pbxId, String iface, Integer seconds) {}

    /** The agents table; blocking work runs off the event loop. */
    public interface Directory {
        /** The member interface of an agent (agents table id). */
        CompletionStage<Optional<String>> interfaceOf(long agentId);

        /** The agent whose member interface this is, with the queues assigned to them. */
        CompletionStage<Optional<AgentProfile>> profileOf(String iface);
    }

    public static void mount(Router router, AgentCommands commands, CallTrackingService tracking, String defaultPbx,
                             Directory directory) {
        router.get("/api/agents").handler(ctx -> answer(ctx, tracking.agents()));
        router.post("/api/agents/login").handler(ctx -> {
            LoginRequest r = Json.read(ctx.body().asString(), LoginRequest.class);
            List<String> queues = require(r.queues(), "queues");
            String iface = require(r.iface(), "iface");
            boolean paused = r.paused() != null && r.paused();
            audit(ctx, "agent-login", iface + " to " + queues + (paused ? ", paused " + r.reason() : ""));
            boolean anyQueue = AuthHandler.principal(ctx).seesAllAgents();
            answer(ctx, self(ctx, directory, iface).thenCompose(ok -> directory.profileOf(iface)).thenCompose(agent ->
                    all(QueueLogin.plan(queues, agent, anyQueue, r.name(), r.stateInterface()).stream()
                            .map(j -> commands.add(pbx(r.pbxId(), defaultPbx), j.queue(), iface, j.memberName(),
                                    j.stateInterface(), j.penalty(), paused, r.reason())).toList())));
        });
        router.post("/api/agents/pause").handler(ctx -> {
            PauseRequest r = Json.read(ctx.body().asString(), PauseRequest.class);
            String iface = require(r.iface(), "iface");
            String reason = require(r.reason(), "reason");
            audit(ctx, "agent-pause", iface + ", reason " + reason
                    + (r.queue() == null ? "" : ", queue " + r.queue()));
            answer(ctx, self(ctx, directory, iface).thenCompose(ok -> commands.pause(pbx(r.pbxId(), defaultPbx),
                    r.queue(), iface, true, reason)).thenApply(v -> Map.of("paused", true)));
        });
        router.post("/api/agents/unpause").handler(ctx -> {
            PauseRequest r = Json.read(ctx.body().asString(), PauseRequest.class);
            String iface = require(r.iface(), "iface");
            audit(ctx, "agent-unpause", iface + (r.queue() == null ? "" : ", queue " + r.queue()));
            answer(ctx, self(ctx, directory, iface).thenCompose(ok -> commands.pause(pbx(r.pbxId(), defaultPbx),
                    r.queue(), iface, false, "")).thenApply(v -> Map.of("paused", false)));
        });
        router.post("/api/agents/logout").handler(ctx -> {
            MemberRequest r = Json.read(ctx.body().asString(), MemberRequest.class);
            String iface = require(r.iface(), "iface");
            List<String> queues = require(r.queues(), "queues");
            audit(ctx, "agent-logout", iface + " from " + queues);
            answer(ctx, self(ctx, directory, iface).thenCompose(ok -> all(queues.stream().map(q -> commands.remove(
                    pbx(r.pbxId(), defaultPbx), q, iface)).toList())));
        });
        router.post("/api/agents/wrapup-done").handler(ctx -> {
            MemberRequest r = Json.read(ctx.body().asString(), MemberRequest.class);
            String iface = require(r.iface(), "iface");
            answer(ctx, self(ctx, directory, iface).thenCompose(ok -> tracking.dispose(pbx(r.pbxId(), defaultPbx),
                    iface)).thenApply(ended -> Map.of("wrapupEnded", ended)));
        });
        router.post("/api/agents/wrapup-extend").handler(ctx -> {
            ExtendRequest r = Json.read(ctx.body().asString(), ExtendRequest.class);
            String iface = require(r.iface(), "iface");
            int seconds = require(r.seconds(), "seconds");
            if (seconds < 1 || seconds > 600) {
                throw ApiException.unprocessable("seconds must be between 1 and 600");
            }
            answer(ctx, self(ctx, directory, iface).thenCompose(ok -> tracking.extendWrapup(
                    pbx(r.pbxId(), defaultPbx), iface, seconds)).thenApply(extended -> extended.orElseThrow(
                            () -> ApiException.conflict("not in after-call work: nothing to extend"))));
        });
    }

    /**
     * Names a supervisor's or admin's action on an agent in the audit trail, refused or not (their writes are audited
     * anyway; this says what and on whom). An agent's own actions are not audited.
     */
    private static void audit(RoutingContext ctx, String action, String detail) {
        if (AuthHandler.principal(ctx).seesAllAgents()) {
            AuditTrail.describe(ctx, action, detail.replaceAll("\\p{Cntrl}", " "));
        }
    }

    /** Completes when the signed-in account may act on {@code iface}; fails with 403 when an agent is not it. */
    static CompletionStage<Void> self(RoutingContext ctx, Directory directory, String iface) {
        Principal principal = AuthHandler.principal(ctx);
        if (principal.seesAllAgents()) {
            return CompletableFuture.completedFuture(null);
        }
        if (principal.agentId() == null) {
            return CompletableFuture.failedFuture(new ForbiddenException("this account is not linked to an agent"));
        }
        return directory.interfaceOf(principal.agentId()).thenCompose(own -> own.filter(iface::equals).isPresent()
                ? CompletableFuture.<Void>completedFuture(null)
                : CompletableFuture.<Void>failedFuture(new ForbiddenException("an agent may act only on their own "
                        + "interface")));
    }

    private static CompletionStage<Object> all(List<CompletionStage<Void>> stages) {
        return CompletableFuture.allOf(stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).thenApply(v -> Map.of("ok", true));
    }

    private static void answer(RoutingContext ctx, CompletionStage<?> result) {
        result.whenComplete((value, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure;
                ctx.fail(cause instanceof ApiException || cause instanceof ForbiddenException ? cause
                        : ApiException.conflict("PBX refused: " + cause.getMessage()));
            } else {
                ctx.response().putHeader("Content-Type", "application/json").end(Json.write(value));
            }
        });
    }

    private static String pbx(String requested, String defaultPbx) {
        return requested == null || requested.isBlank() ? defaultPbx : requested;
    }

    private static <T> T require(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank()) || (value instanceof List<?> l && l.isEmpty())) {
            throw ApiException.badRequest("'" + field + "' is required");
        }
        return value;
    }
}
