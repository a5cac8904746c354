package io.aftercare.callbacks;

import io.aftercare.auth.Principal;
import io.aftercare.web.ApiException;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/callbacks} (the backlog and recent ones, newest first, by state) and
 * {@code POST /api/callbacks/{id}/cancel} (one still waiting for its turn). Stateless.
 */
public final class CallbackRoutes {
    private static final Set<String> STATES = Set.of("scheduled", "queued", "completed", "failed", "expired",
            "cancelled");

    private CallbackRoutes() {}

    public static void mount(Router router, Handlers handlers, Callbacks callbacks) {
        router.get("/api/callbacks").handler(handlers.json(ctx -> {
            List<String> states = Handlers.query(ctx, "state").map(s -> Arrays.stream(s.split(","))
                    .map(String::strip).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
            for (String s : states) {
                if (!STATES.contains(s)) {
                    throw ApiException.unprocessable("state must be one of " + STATES + ", got '" + s + "'");
                }
            }
            int limit = Handlers.query(ctx, "limit").map(CallbackRoutes::limit).orElse(100);
            return callbacks.dao().list(states, limit);
        }));
        router.post("/api/callbacks/:id/cancel").handler(handlers.json(ctx -> {
            long id = Handlers.pathLong(ctx, "id");
            Principal who = ctx.get(Principal.CONTEXT_KEY);
            if (!callbacks.cancel(id, who == null ? "api" : who.username())) {
                throw ApiException.conflict("callback " + id + " is not waiting for its turn (unknown, done, or its"
                        + " placeholder is in the queue already)");
            }
            return Map.of("id", id, "state", "cancelled");
        }));
    }

    private static int limit(String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.unprocessable("limit must be 1 to 1000, got '" + raw + "'");
    }
}
