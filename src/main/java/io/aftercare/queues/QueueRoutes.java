package io.aftercare.queues;

import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import java.util.Map;

/**
 * HTTP routes of {@code /api/queues}: list and read (staff), create, change and delete (admin). Opening hours are
 * {@code /api/queues/{name}/hours} (hours package). Stateless.
 */
public final class QueueRoutes {
    private QueueRoutes() {}

    public static void mount(Router router, Handlers handlers, QueueService queues) {
        router.get("/api/queues").handler(handlers.json(ctx -> queues.list()));
        router.post("/api/queues").handler(handlers.created(ctx ->
                queues.create(Handlers.body(ctx, QueueInput.class))));
        router.get("/api/queues/:name").handler(handlers.json(ctx -> queues.get(ctx.pathParam("name"))));
        router.patch("/api/queues/:name").handler(handlers.json(ctx ->
                queues.update(ctx.pathParam("name"), Handlers.body(ctx, QueueInput.class))));
        router.delete("/api/queues/:name").handler(handlers.json(ctx -> {
            queues.delete(ctx.pathParam("name"));
            return Map.of("deleted", true);
        }));
    }
}
