package io.aftercare.orders;

import io.aftercare.web.ApiException;
import io.aftercare.web.Handlers;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import io.vertx.ext.web.Router;

/** HTTP routes of /api/orders, /api/products and /api/customers/{id}/orders. Stateless. */
public final class OrderRoutes {
    private OrderRoutes() {}

    public static void mount(Router router, Handlers handlers, OrderService orders) {
        router.post("/api/orders").handler(handlers.created(ctx -> orders.create(Handlers.body(ctx, OrderInput.class))));
        router.get("/api/orders").handler(handlers.json(ctx -> {
            var number = Handlers.query(ctx, "number");
            if (number.isPresent()) {
                return new Page<>(orders.byNumber(number.get()), null, null); // one page: a number is unique
            }
            var serial = Handlers.query(ctx, "serial");
            if (serial.isPresent()) {
                return new Page<>(orders.bySerial(serial.get()), null, null); // the few orders of one serial
            }
            var customerId = Handlers.queryLong(ctx, "customerId");
            if (customerId.isPresent()) {
                return orders.ofCustomer(customerId.get(), PageRequest.of(ctx, 50, 500));
            }
            throw ApiException.badRequest("give one of number, serial or customerId");
        }));
        router.get("/api/orders/:id").handler(handlers.json(ctx -> orders.get(Handlers.pathLong(ctx, "id"))));
        router.get("/api/customers/:id/orders").handler(handlers.json(ctx -> orders.ofCustomer(
                Handlers.pathLong(ctx, "id"), PageRequest.of(ctx, 50, 500))));
        router.get("/api/products").handler(handlers.json(ctx ->
                orders.products(Handlers.limit(ctx, 100, 1000), Handlers.offset(ctx))));
        router.post("/api/products").handler(handlers.created(ctx -> orders.saveProduct(Handlers.body(ctx, Product.class))));
    }
}
