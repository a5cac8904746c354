package io.aftercare.followups;

import io.aftercare.auth.AuditTrail;
import io.aftercare.auth.AuthHandler;
import io.aftercare.web.Handlers;
import io.aftercare.web.PageRequest;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HTTP routes of /api/follow-ups: the list, claim, call back, done, a supervisor's release, and a voicemail's audio.
 * Who may call what: auth/AccessPolicy (agents, supervisors and admins; release for supervisors and admins).
 * Stateless.
 */
public final class FollowUpRoutes {
    private FollowUpRoutes() {}

    public static void mount(Router router, Handlers handlers, WorkerExecutor workers, FollowUpService followUps) {
        router.get("/api/follow-ups").handler(handlers.json(ctx -> followUps.list(
                Handlers.query(ctx, "state").map(s -> Arrays.stream(s.split(",")).map(String::strip)
                        .filter(v -> !v.isEmpty()).toList()).orElse(List.of()),
                Handlers.query(ctx, "queue").orElse(null), Handlers.query(ctx, "kind").orElse(null),
                PageRequest.of(ctx, 50, 500))));
        router.get("/api/follow-ups/:id").handler(handlers.json(ctx -> followUps.get(Handlers.pathLong(ctx, "id"))));
        router.post("/api/follow-ups/:id/claim").handler(handlers.json(ctx ->
                followUps.claim(AuthHandler.principal(ctx), Handlers.pathLong(ctx, "id"))));
        router.post("/api/follow-ups/:id/release").handler(handlers.json(ctx -> {
            FollowUp released = followUps.release(Handlers.pathLong(ctx, "id"));
            AuditTrail.describe(ctx, "follow-up-released", "follow-up " + released.id());
            return released;
        }));
        router.post("/api/follow-ups/:id/call").handler(handlers.json(ctx ->
                followUps.call(AuthHandler.principal(ctx), Handlers.pathLong(ctx, "id"), null)));
        router.post("/api/follow-ups/:id/done").handler(handlers.json(ctx -> followUps.done(
                AuthHandler.principal(ctx), Handlers.pathLong(ctx, "id"),
                Handlers.body(ctx, FollowUpService.Done.class))));
        router.get("/api/follow-ups/:id/recording").handler(ctx -> workers.executeBlocking(() ->
                followUps.recording(Handlers.pathLong(ctx, "id")), false).onComplete(result -> {
                    if (result.failed()) {
                        ctx.fail(result.cause());
                        return;
                    }
                    Path audio = result.result();
                    ctx.response().putHeader("Content-Type", contentType(audio))
                            .putHeader("Cache-Control", "private, max-age=300")
                            .sendFile(audio.toString()).onFailure(ctx::fail);
                }));
    }

    /** Asterisk's audio formats by file extension; wav49 ({@code .WAV}) is GSM in a WAV container. */
    static String contentType(Path audio) {
        String name = audio.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext.equals("WAV") ? "wav49" : ext.toLowerCase(Locale.ROOT)) {
            case "wav", "wav16", "wav49" -> "audio/wav";
            case "mp3" -> "audio/mpeg";
            case "ogg" -> "audio/ogg";
            case "gsm" -> "audio/gsm";
            default -> "application/octet-stream";
        };
    }
}
