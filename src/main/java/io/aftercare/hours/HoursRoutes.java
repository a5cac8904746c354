package io.aftercare.hours;

import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;

/** HTTP routes of /api/queues/{name}/hours: read (staff) and replace (admin) a queue's hours. Stateless. */
public final class HoursRoutes {
    private HoursRoutes() {}

    public static void mount(Router router, Handlers handlers, QueueHoursService hours) {
        router.get("/api/queues/:name/hours").handler(handlers.json(ctx -> hours.view(ctx.pathParam("name"))));
        router.put("/api/queues/:name/hours").handler(handlers.json(ctx ->
                hours.replace(ctx.pathParam("name"), Handlers.body(ctx, HoursInput.class))));
    }
}
