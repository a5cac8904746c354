package io.aftercare.wallboard;

import io.aftercare.web.ApiException;
import io.aftercare.web.Handlers;
import io.aftercare.web.Json;
import io.aftercare.web.SseStream;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The wallboard snapshot ({@code GET /api/wallboard}), its event stream, and the pause reasons the board offers a
 * supervisor. Stateless.
 */
public final class WallboardRoutes {
    private WallboardRoutes() {}

    public static void mount(Router router, WallboardHub hub, PauseReasons pauseReasons) {
        String reasons = Json.write(pauseReasons);
        router.get("/api/wallboard/pause-reasons").handler(ctx ->
                ctx.response().putHeader("Content-Type", "application/json").end(reasons));
        router.get("/api/wallboard").handler(ctx -> {
            Optional<ZoneId> zone = zone(ctx);
            Future.fromCompletionStage(hub.snapshot(zone), ctx.vertx().getOrCreateContext()).onComplete(done -> {
                if (done.failed()) {
                    ctx.fail(done.cause());
                } else {
                    ctx.response().putHeader("Content-Type", "application/json").end(Json.write(done.result()));
                }
            });
        });
        router.get("/api/wallboard/stream").handler(ctx -> {
            Optional<ZoneId> zone = zone(ctx);
            hub.connect(zone, SseStream.open(ctx, WallboardHub.RETRY_MILLIS, WallboardHub.MAX_BUFFERED_BYTES));
        });
    }

    /** The {@code zone} parameter: an IANA zone id, or empty for each queue's own zone; 422 when unknown. */
    public static Optional<ZoneId> zone(RoutingContext ctx) {
        return Handlers.query(ctx, "zone").map(WallboardRoutes::parseZone);
    }

    public static ZoneId parseZone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw ApiException.unprocessable("zone '" + id + "' is not a known IANA time zone (e.g. Europe/Berlin)");
        }
    }
}
