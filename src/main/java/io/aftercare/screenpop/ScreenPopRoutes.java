package io.aftercare.screenpop;

import io.aftercare.auth.AuthHandler;
import io.aftercare.auth.Principal;
import io.aftercare.core.ForbiddenException;
import io.aftercare.web.Handlers;
import io.aftercare.web.SseStream;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;

/** The agent's push channel (SSE) and the screen pop by call id. Stateless. */
public final class ScreenPopRoutes {
    private ScreenPopRoutes() {}

    public static void mount(Router router, Handlers handlers, WorkerExecutor workers, ScreenPopService pops,
                             AgentPushHub hub, CallerLinks links, String defaultPbx) {
        router.get("/api/calls/:linkedId/screenpop").handler(handlers.json(ctx -> pops.popFor(
                AuthHandler.principal(ctx), Handlers.query(ctx, "pbxId").orElse(defaultPbx), ctx.pathParam("linkedId"))));
        router.post("/api/calls/:linkedId/caller").handler(handlers.json(ctx -> {
            CallerLinks.LinkRequest request = Handlers.body(ctx, CallerLinks.LinkRequest.class);
            return links.link(AuthHandler.principal(ctx), request.pbxId() == null || request.pbxId().isBlank()
                    ? defaultPbx : request.pbxId(), ctx.pathParam("linkedId"), request);
        }));
        router.get("/api/push").handler(ctx -> {
            Principal principal = AuthHandler.principal(ctx);
            workers.executeBlocking(() -> pops.interfaceOf(principal), false).onComplete(found -> {
                if (found.failed()) {
                    ctx.fail(found.cause());
                } else if (found.result().isEmpty()) {
                    ctx.fail(new ForbiddenException("only agent accounts have a push channel"));
                } else {
                    hub.connect(found.result().get(), SseStream.open(ctx, 2_000, AgentPushHub.maxBufferedBytes()));
                }
            });
        });
    }
}
