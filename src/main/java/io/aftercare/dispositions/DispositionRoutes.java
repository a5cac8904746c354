package io.aftercare.dispositions;

import io.aftercare.auth.AuthHandler;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;

/** HTTP routes of dispositions and their reason codes. Stateless. */
public final class DispositionRoutes {
    private DispositionRoutes() {}

    public static void mount(Router router, Handlers handlers, DispositionService dispositions, String defaultPbx) {
        router.post("/api/calls/:linkedId/disposition").handler(handlers.created(ctx -> {
            DispositionInput input = Handlers.body(ctx, DispositionInput.class);
            String pbx = input.pbxId() == null || input.pbxId().isBlank() ? defaultPbx : input.pbxId();
            return dispositions.save(AuthHandler.principal(ctx), pbx, ctx.pathParam("linkedId"), input);
        }));
        router.get("/api/dispositions/reasons").handler(handlers.json(ctx -> dispositions.reasons()));
        router.post("/api/dispositions/reasons").handler(handlers.created(ctx ->
                dispositions.saveReason(Handlers.body(ctx, DispositionDao.Reason.class))));
    }
}
