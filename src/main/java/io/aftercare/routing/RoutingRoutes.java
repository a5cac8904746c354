package io.aftercare.routing;

import io.aftercare.web.ApiException;
import io.aftercare.web.Handlers;
import io.aftercare.web.PageRequest;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Map;

/** HTTP routes of /api/routing: rules (list, create, update, delete, reorder), explain and decisions. Stateless. */
public final class RoutingRoutes {
    private RoutingRoutes() {}

    /** The body of PUT /api/routing/rules/order. */
    public record Order(List<Long> ids) {}

    public static void mount(Router router, Handlers handlers, Routing routing) {
        RoutingRuleService rules = routing.rules();
        router.get("/api/routing/rules").handler(handlers.json(ctx -> rules.list()));
        router.post("/api/routing/rules").handler(handlers.created(ctx ->
                rules.create(Handlers.body(ctx, RuleInput.class))));
        router.put("/api/routing/rules/order").handler(handlers.json(ctx ->
                rules.reorder(Handlers.body(ctx, Order.class).ids())));
        router.get("/api/routing/rules/:id").handler(handlers.json(ctx -> rules.get(Handlers.pathLong(ctx, "id"))));
        router.put("/api/routing/rules/:id").handler(handlers.json(ctx ->
                rules.update(Handlers.pathLong(ctx, "id"), Handlers.body(ctx, RuleInput.class))));
        router.delete("/api/routing/rules/:id").handler(handlers.json(ctx -> {
            rules.delete(Handlers.pathLong(ctx, "id"));
            return Map.of("deleted", true);
        }));
        router.get("/api/routing/explain").handler(handlers.json(ctx -> {
            String caller = Handlers.query(ctx, "caller").orElseThrow(() ->
                    ApiException.badRequest("query parameter caller is required (a number, or anonymous)"));
            String dnid = Handlers.query(ctx, "dnid").orElse("");
            String language = Handlers.query(ctx, "language").orElse("en");
            return routing.explain(caller, dnid, language);
        }));
        router.get("/api/routing/decisions").handler(handlers.json(ctx ->
                routing.service().recent(PageRequest.of(ctx, 50, 500))));
    }
}
