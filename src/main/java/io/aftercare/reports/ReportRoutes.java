package io.aftercare.reports;

import io.aftercare.metrics.CallMetrics;
import io.aftercare.wallboard.WallboardRoutes;
import io.aftercare.web.ApiException;
import io.aftercare.web.DateRange;
import io.aftercare.web.Handlers;
import io.aftercare.web.Json;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code GET /api/reports/queues} and {@code /api/reports/agents}: JSON, or CSV with {@code Accept: text/csv} or
 * {@code ?format=csv}. The work runs on the db workers. Stateless.
 */
public final class ReportRoutes {
    private ReportRoutes() {}

    public static void mount(Router router, WorkerExecutor workers, ReportService reports) {
        router.get("/api/reports/queues").handler(ctx -> respond(ctx, workers, "queue",
                r -> reports.queues(r), rows -> ReportCsv.queues(rows)));
        router.get("/api/reports/agents").handler(ctx -> respond(ctx, workers, "agent",
                r -> reports.agents(r), rows -> ReportCsv.agents(rows)));
    }

    private static <T> void respond(RoutingContext ctx, WorkerExecutor workers, String filter,
                                    Function<ReportRequest, List<T>> report, Function<List<T>, String> csv) {
        boolean asCsv = Handlers.query(ctx, "format").map(f -> f.equalsIgnoreCase("csv")).orElse(false)
                || String.valueOf(ctx.request().getHeader("Accept")).toLowerCase(Locale.ROOT).contains("text/csv");
        workers.executeBlocking(() -> {
            List<T> rows = report.apply(request(ctx, filter));
            return asCsv ? csv.apply(rows) : Json.write(rows);
        }, false).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
            } else {
                ctx.response().putHeader("Content-Type", asCsv ? "text/csv; charset=utf-8" : "application/json");
                if (asCsv) {
                    ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + filter + "-report.csv\"");
                }
                ctx.response().end(done.result());
            }
        });
    }

    static ReportRequest request(RoutingContext ctx, String filter) {
        ZoneId zone = Handlers.query(ctx, "zone").map(WallboardRoutes::parseZone).orElse(ZoneOffset.UTC);
        CallMetrics.Interval interval = Handlers.query(ctx, "interval").map(i -> {
            try {
                return CallMetrics.Interval.valueOf(i.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.unprocessable("interval must be hour, day or week, got '" + i + "'");
            }
        }).orElse(CallMetrics.Interval.DAY);
        List<String> only = Handlers.query(ctx, filter).map(s -> Arrays.stream(s.split(",")).map(String::strip)
                .filter(x -> !x.isEmpty()).toList()).orElse(List.of());
        return new ReportRequest(DateRange.of(ctx, zone), interval, zone, only);
    }
}
