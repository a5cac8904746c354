package io.aftercare.dispositions;

import io.aftercare.auth.AuthHandler;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;

/**
 * HTTP routes of dispositions, their drafts and reason codes, and the signed-in agent's calls awaiting their
 * disposition. Stateless.
 */
public final class DispositionRoutes {
    private DispositionRoutes() {}

    public static void mount(Router router, Handlers handlers, DispositionService dispositions, String defaultPbx) {
        router.post("/api/calls/:linkedId/disposition").handler(handlers.created(ctx -> {
            DispositionInput input = Handlers.body(ctx, DispositionInput.class);
            return dispositions.save(AuthHandler.principal(ctx), pbx(input.pbxId(), defaultPbx),
                    ctx.pathParam("linkedId"), input);
        }));
        router.put("/api/calls/:linkedId/draft").handler(handlers.json(ctx -> {
            DispositionInput input = Handlers.body(ctx, DispositionInput.class);
            return dispositions.saveDraft(AuthHandler.principal(ctx), pbx(input.pbxId(), defaultPbx),
                    ctx.pathParam("linkedId"), input);
        }));
        router.get("/api/calls/:linkedId/draft").handler(handlers.json(ctx -> dispositions.draft(
                AuthHandler.principal(ctx), pbx(ctx.queryParams().get("pbxId"), defaultPbx),
                ctx.pathParam("linkedId"))));
        router.get("/api/agents/me/wrapups").handler(handlers.json(ctx ->
                dispositions.pending(AuthHandler.principal(ctx))));
        router.get("/api/dispositions/reasons").handler(handlers.json(ctx -> dispositions.reasons()));
        router.post("/api/dispositions/reasons").handler(handlers.created(ctx ->
                dispositions.saveReason(Handlers.body(ctx, DispositionDao.Reason.class))));
    }

    private static String pbx(String asked, String defaultPbx) {
        return asked == null || asked.isBlank() ? defaultPbx : asked;
    }
}
