package io.aftercare.customers;

import io.aftercare.web.Handlers;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import io.vertx.ext.web.Router;
import java.util.List;

/** HTTP routes of /api/customers. Stateless. */
public final class CustomerRoutes {
    private CustomerRoutes() {}

    public static void mount(Router router, Handlers handlers, CustomerService customers) {
        router.post("/api/customers").handler(handlers.created(ctx ->
                customers.create(Handlers.body(ctx, CustomerInput.class))));
        router.get("/api/customers").handler(handlers.json(ctx -> {
            var phone = Handlers.query(ctx, "phone");
            if (phone.isPresent()) {
                return new Page<>(customers.findByPhone(phone.get(), Handlers.query(ctx, "region").orElse(null))
                        .map(List::of).orElse(List.of()), null, null);
            }
            return customers.list(Handlers.query(ctx, "q"), PageRequest.of(ctx, 50, 500));
        }));
        router.get("/api/customers/:id").handler(handlers.json(ctx ->
                customers.get(Handlers.pathLong(ctx, "id"))));
        router.patch("/api/customers/:id").handler(handlers.json(ctx ->
                customers.update(Handlers.pathLong(ctx, "id"), Handlers.body(ctx, CustomerInput.class))));
    }
}
