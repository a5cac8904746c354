package io.aftercare.cases;

import io.aftercare.web.Handlers;
import io.aftercare.web.PageRequest;
import io.vertx.ext.web.Router;

/** HTTP routes of /api/cases. Stateless. */
public final class CaseRoutes {
    private CaseRoutes() {}

    public static void mount(Router router, Handlers handlers, CaseService cases) {
        router.post("/api/cases").handler(handlers.created(ctx -> cases.create(Handlers.body(ctx, CaseInput.class))));
        router.get("/api/cases").handler(handlers.json(ctx -> {
            var customerId = Handlers.queryLong(ctx, "customerId");
            PageRequest page = PageRequest.of(ctx, 50, 500);
            return customerId.isPresent() ? cases.ofCustomer(customerId.get(), page) : cases.open(page);
        }));
        router.get("/api/cases/:id").handler(handlers.json(ctx -> cases.get(Handlers.pathLong(ctx, "id"))));
        router.get("/api/cases/:id/history").handler(handlers.json(ctx ->
                cases.history(Handlers.pathLong(ctx, "id"))));
        router.patch("/api/cases/:id").handler(handlers.json(ctx ->
                cases.update(Handlers.pathLong(ctx, "id"), Handlers.body(ctx, CaseInput.class))));
    }
}
