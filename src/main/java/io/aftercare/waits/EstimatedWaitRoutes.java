package io.aftercare.waits;

import io.aftercare.web.ApiException;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import java.time.Clock;

/** {@code GET /api/queues/{name}/estimated-wait}: the wait of a caller entering the queue now. Stateless. */
public final class EstimatedWaitRoutes {
    private EstimatedWaitRoutes() {}

    public static void mount(Router router, Handlers handlers, EstimatedWaits waits, Clock clock) {
        router.get("/api/queues/:name/estimated-wait").handler(handlers.json(ctx -> {
            String queue = ctx.pathParam("name");
            return waits.estimate(queue, clock.instant()).orElseThrow(() -> new ApiException(503,
                    "Service unavailable", "call tracking did not answer in time; try again"));
        }));
    }
}
