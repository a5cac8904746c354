package io.aftercare.ivr;

import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;
import java.util.Map;

/** HTTP routes of /api/ivr/menus: list, get, create, replace and delete IVR menus (admin). Stateless. */
public final class IvrRoutes {
    private IvrRoutes() {}

    public static void mount(Router router, Handlers handlers, IvrMenuService menus) {
        router.get("/api/ivr/menus").handler(handlers.json(ctx -> menus.list()));
        router.post("/api/ivr/menus").handler(handlers.created(ctx -> menus.create(Handlers.body(ctx, IvrMenu.class))));
        router.get("/api/ivr/menus/:name").handler(handlers.json(ctx -> menus.get(ctx.pathParam("name"))));
        router.put("/api/ivr/menus/:name").handler(handlers.json(ctx ->
                menus.update(ctx.pathParam("name"), Handlers.body(ctx, IvrMenu.class))));
        router.delete("/api/ivr/menus/:name").handler(handlers.json(ctx -> {
            menus.delete(ctx.pathParam("name"));
            return Map.of("deleted", true);
        }));
    }
}
