package io.aftercare.reports;

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

/**
 * {@code GET /api/reports/queues}, {@code /api/reports/agents} and {@code /api/reports/surveys}: JSON, or CSV with
 * {@code Accept: text/csv} or {@code ?format=csv}. The work runs on the db workers. Stateless.
 */
public final class ReportRoutes {
    private ReportRoutes() {}

    /** A report as JSON rows and as CSV. */
    private record Answer(Object json, String csv) {}

    public static void mount(Router router, WorkerExecutor workers, ReportService reports) {
        router.get("/api/reports/queues").handler(ctx -> respond(ctx, workers, "queue", () -> {
            List<QueueReportRow> rows = reports.queues(request(ctx, "queue"));
            return new Answer(rows, ReportCsv.queues(rows));
        }));
        router.get("/api/reports/agents").handler(ctx -> respond(ctx, workers, "agent", () -> {
            List<AgentReportRow> rows = reports.agents(request(ctx, "agent"));
            return new Answer(rows, ReportCsv.agents(rows));
        }));
        router.get("/api/reports/surveys").handler(ctx -> respond(ctx, workers, "survey", () -> {
            String group = Handlers.query(ctx, "group").orElse("queue").toLowerCase(Locale.ROOT);
            if (!List.of("queue", "agent", "question").contains(group)) {
                throw ApiException.unprocessable("group must be queue, agent or question, got '" + group + "'");
            }
            var counts = reports.surveys(request(ctx, "queue"), group.equals("question") ? null : group,
                    list(ctx, "queue"), list(ctx, "agent"));
            if (group.equals("question")) {
                List<SurveyReport.AnswerRow> rows = SurveyReport.byAnswer(counts);
                return new Answer(rows, ReportCsv.surveyAnswers(rows));
            }
            List<SurveyReport.GroupRow> rows = SurveyReport.byGroup(counts);
            return new Answer(rows, ReportCsv.surveyGroups(rows));
        }));
    }

    private static void respond(RoutingContext ctx, WorkerExecutor workers, String name,
                                java.util.concurrent.Callable<Answer> report) {
        boolean asCsv = Handlers.query(ctx, "format").map(f -> f.equalsIgnoreCase("csv")).orElse(false)
                || String.valueOf(ctx.request().getHeader("Accept")).toLowerCase(Locale.ROOT).contains("text/csv");
        workers.executeBlocking(() -> {
            Answer answer = report.call();
            return asCsv ? answer.csv() : Json.write(answer.json());
        }, false).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
            } else {
                ctx.response().putHeader("Content-Type", asCsv ? "text/csv; charset=utf-8" : "application/json");
                if (asCsv) {
                    ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + name + "-report.csv\"");
                }
                ctx.response().end(done.result());
            }
        });
    }

    static ReportRequest request(RoutingContext ctx, String filter) {
        ZoneId zone = Handlers.query(ctx, "zone").map(WallboardRoutes::parseZone).orElse(ZoneOffset.UTC);
        ReportRequest.Size size = Handlers.query(ctx, "interval").map(ReportRequest.Size::parse)
                .orElse(ReportRequest.Size.DAY);
        return new ReportRequest(DateRange.of(ctx, zone), size, zone, list(ctx, filter));
    }

    /** A comma-separated query parameter; empty when absent. */
    private static List<String> list(RoutingContext ctx, String name) {
        return Handlers.query(ctx, name).map(s -> Arrays.stream(s.split(",")).map(String::strip)
                .filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    }
}
