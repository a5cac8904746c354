package io.aftercare.search;

import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;

/** HTTP route of /api/search, the console's one search box. Stateless. */
public final class SearchRoutes {
    private SearchRoutes() {}

    public static void mount(Router router, Handlers handlers, CustomerSearch search) {
        router.get("/api/search").handler(handlers.json(ctx -> search.search(Handlers.query(ctx, "q").orElse(""),
                Handlers.limit(ctx, CustomerSearch.DEFAULT_LIMIT, CustomerSearch.MAX_LIMIT))));
    }
}
