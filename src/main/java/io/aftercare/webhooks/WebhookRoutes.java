package io.aftercare.webhooks;

import io.aftercare.auth.AuditTrail;
import io.aftercare.web.Handlers;
import io.aftercare.web.PageRequest;
import io.vertx.ext.web.Router;
import java.util.Map;

/** HTTP routes of /api/webhooks (admin only: auth/AccessPolicy). Stateless. */
public final class WebhookRoutes {
    private WebhookRoutes() {}

    public static void mount(Router router, Handlers handlers, WebhookService webhooks) {
        router.get("/api/webhooks").handler(handlers.json(ctx -> webhooks.list()));
        router.post("/api/webhooks").handler(handlers.created(ctx -> {
            var created = webhooks.create(Handlers.body(ctx, SubscriptionInput.class));
            AuditTrail.describe(ctx, "webhook-created", "webhook " + created.id() + " to " + created.url());
            return created;
        }));
        router.post("/api/webhooks/deliveries/:id/retry").handler(handlers.json(ctx ->
                webhooks.retry(Handlers.pathLong(ctx, "id"))));
        router.get("/api/webhooks/:id").handler(handlers.json(ctx -> webhooks.get(Handlers.pathLong(ctx, "id"))));
        router.patch("/api/webhooks/:id").handler(handlers.json(ctx -> {
            var changed = webhooks.update(Handlers.pathLong(ctx, "id"), Handlers.body(ctx, SubscriptionInput.class));
            AuditTrail.describe(ctx, "webhook-changed", "webhook " + changed.id() + " to " + changed.url()
                    + (changed.active() ? "" : " (inactive)"));
            return changed;
        }));
        router.delete("/api/webhooks/:id").handler(handlers.json(ctx -> {
            long id = Handlers.pathLong(ctx, "id");
            webhooks.delete(id);
            AuditTrail.describe(ctx, "webhook-deleted", "webhook " + id);
            return Map.of("deleted", id);
        }));
        router.get("/api/webhooks/:id/deliveries").handler(handlers.json(ctx -> webhooks.deliveries(
                Handlers.pathLong(ctx, "id"), PageRequest.of(ctx, 50, 500))));
        router.post("/api/webhooks/:id/test").handler(handlers.created(ctx ->
                webhooks.test(Handlers.pathLong(ctx, "id"))));
    }
}
