package io.aftercare.calls;

import io.aftercare.auth.AuthHandler;
import io.aftercare.core.ForbiddenException;
import io.aftercare.customers.CustomerService;
import io.aftercare.web.ApiException;
import io.aftercare.web.Handlers;
import io.aftercare.web.PageRequest;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GET /api/calls} (a keyset page of stored calls, or every match as CSV with {@code ?format=csv} or
 * {@code Accept: text/csv}), {@code GET /api/calls/{id}} (one call with its segments) and
 * {@code GET /api/customers/{id}/contacts} (a customer's calls in and out, as the screen pop lists them; every
 * role that may read the customer may read these). {@code count=true} adds the total. Stateless.
 */
public final class CallLogRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private CallLogRoutes() {}

    public static void mount(Router router, Handlers handlers, WorkerExecutor workers, CallLog log,
                             CustomerService customers) {
        router.get("/api/calls").handler(ctx -> {
            if (wantsCsv(ctx)) {
                CallExport.stream(ctx, workers, log);
            } else {
                ctx.next();
            }
        }).handler(handlers.json(ctx -> log.page(CallFilters.of(ctx, log, AuthHandler.principal(ctx)),
                PageRequest.of(ctx, DEFAULT_LIMIT, MAX_LIMIT), count(ctx))));
        router.get("/api/calls/:id").handler(handlers.json(ctx -> {
            CallDetails call = log.get(Handlers.pathLong(ctx, "id")).orElseThrow(() ->
                    ApiException.notFound("no call with id " + ctx.pathParam("id")));
            if (!CallFilters.maySee(call, log, AuthHandler.principal(ctx))) {
                throw new ForbiddenException("an agent sees only the calls that reached them");
            }
            return call;
        }));
        router.get("/api/customers/:id/contacts").handler(handlers.json(ctx -> {
            long customer = customers.get(Handlers.pathLong(ctx, "id")).id(); // 404 for an unknown customer
            return log.page(CallFilter.ofCustomer(customer), PageRequest.of(ctx, DEFAULT_LIMIT, MAX_LIMIT),
                    count(ctx));
        }));
    }

    static boolean wantsCsv(RoutingContext ctx) {
        return Handlers.query(ctx, "format").map(f -> f.equalsIgnoreCase("csv")).orElse(false)
                || String.valueOf(ctx.request().getHeader("Accept")).toLowerCase(Locale.ROOT).contains("text/csv");
    }

    private static boolean count(RoutingContext ctx) {
        return Handlers.query(ctx, "count").map(c -> {
            if (!Set.of("true", "false").contains(c)) {
                throw ApiException.badRequest("count must be true or false, got '" + c + "'");
            }
            return c.equals("true");
        }).orElse(false);
    }
}
