package io.aftercare.warranties;

import io.aftercare.web.ApiException;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;

/** HTTP routes of /api/warranties. Stateless. */
public final class WarrantyRoutes {
    private WarrantyRoutes() {}

    public static void mount(Router router, Handlers handlers, WarrantyService warranties) {
        router.post("/api/warranties").handler(handlers.created(ctx ->
                warranties.create(Handlers.body(ctx, WarrantyInput.class))));
        router.get("/api/warranties").handler(handlers.json(ctx -> {
            var serial = Handlers.query(ctx, "serial");
            if (serial.isPresent()) {
                return warranties.bySerial(serial.get());
            }
            var customerId = Handlers.queryLong(ctx, "customerId");
            if (customerId.isPresent()) {
                return warranties.ofCustomer(customerId.get());
            }
            throw ApiException.badRequest("give serial or customerId");
        }));
    }
}
