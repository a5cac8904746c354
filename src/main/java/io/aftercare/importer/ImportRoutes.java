package io.aftercare.importer;

import io.aftercare.web.Handlers;
import io.vertx.ext.web.Router;

/** {@code GET /api/imports}: the imports the CLI recorded in the last 24 hours, newest first (admin). Stateless. */
public final class ImportRoutes {
    private ImportRoutes() {}

    /** Reads the runs on the handlers' workers (and refreshes the poller's snapshot with them). */
    public static void mount(Router router, Handlers handlers, ImportRunPoller runs) {
        router.get("/api/imports").handler(handlers.json(ctx -> runs.poll().runs()));
    }
}
