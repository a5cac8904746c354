package io.aftercare.web;

import io.aftercare.persistence.DatabaseFault;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /health} (liveness, database write probe and PBX links) and {@code /metrics} (Prometheus). Stateless. */
public final class OpsRoutes {
    private OpsRoutes() {}

    /**
     * @param database empty while the database takes writes, else what is wrong (busy, read-only, full, down)
     * @param pbxLinks per PBX id, the AMI link state ("connected", "connecting", "not configured" ...)
     */
    public static void mount(Router router, WorkerExecutor workers, Supplier<Optional<DatabaseFault>> database,
                             Supplier<Map<String, String>> pbxLinks, PrometheusMeterRegistry registry) {
        router.get("/health").handler(ctx -> workers.executeBlocking(() -> {
            Map<String, Object> body = new LinkedHashMap<>();
            Optional<DatabaseFault> fault = database.get();
            body.put("status", fault.isEmpty() ? "UP" : "DOWN");
            body.put("database", fault.map(f -> f.kind().code()).orElse("up"));
            fault.ifPresent(f -> body.put("databaseReason", f.reason()));
            body.put("ami", pbxLinks.get());
            return body;
        }, false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            boolean up = "UP".equals(result.result().get("status"));
            ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(Json.write(result.result()));
        }));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(registry.scrape()));
    }
}
