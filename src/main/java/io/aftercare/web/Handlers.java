package io.aftercare.web;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs request handlers that touch the database on the named "db" worker pool (never on an event loop) and
 * writes their results as JSON. Thread-safe.
 */
public final class Handlers {
    private final WorkerExecutor workers;

    public Handlers(WorkerExecutor workers) {
        this.workers = workers;
    }

    /** 200 with the handler's result as JSON. */
    public Handler<RoutingContext> json(Function<RoutingContext, Object> handler) {
        return respond(200, handler);
    }

    /** 201 with the handler's result as JSON. */
    public Handler<RoutingContext> created(Function<RoutingContext, Object> handler) {
        return respond(201, handler);
    }

    private Handler<RoutingContext> respond(int status, Function<RoutingContext, Object> handler) {
        return ctx -> workers.executeBlocking(() -> handler.apply(ctx), false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
            } else if (!ctx.response().ended()) {
                String json;
                try {
                    json = Json.write(result.result());
                } catch (RuntimeException e) {
                    ctx.fail(e); // a result that cannot be written is a 500, never a request left hanging
                    return;
                }
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
            }
        });
    }

    public static long pathLong(RoutingContext ctx, String name) {
        String raw = ctx.pathParam(name);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.notFound(name + " '" + raw + "' is not a known id");
        }
    }

    public static Optional<String> query(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public static Optional<Long> queryLong(RoutingContext ctx, String name) {
        return query(ctx, name).map(raw -> {
            try {
                return Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("query parameter " + name + " must be a whole number, got '" + raw + "'");
            }
        });
    }

    public static int limit(RoutingContext ctx, int defaultLimit, int max) {
        long limit = queryLong(ctx, "limit").orElse((long) defaultLimit);
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("limit must be between 1 and " + max);
        }
        return (int) limit;
    }

    public static int offset(RoutingContext ctx) {
        long offset = queryLong(ctx, "offset").orElse(0L);
        if (offset < 0 || offset > 10_000_000) {
            throw ApiException.badRequest("offset must be between 0 and 10000000");
        }
        return (int) offset;
    }

    public static String body(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")
                && !type.toLowerCase(Locale.ROOT).startsWith("application/merge-patch+json")) {
            throw new ApiException(415, "Unsupported media type", "send the body as application/json");
        }
        return ctx.body().asString();
    }

    public static <T> T body(RoutingContext ctx, Class<T> type) {
        return Json.read(body(ctx), type);
    }
}
