package io.aftercare;

import io.aftercare.agi.FastAgiServer;
import io.aftercare.agi.ScriptRegistry;
import io.aftercare.cases.CaseRoutes;
import io.aftercare.cases.CaseService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.customers.CustomerRoutes;
import io.aftercare.customers.CustomerService;
import io.aftercare.orders.OrderRoutes;
import io.aftercare.orders.OrderService;
import io.aftercare.persistence.Database;
import io.aftercare.routing.Routing;
import io.aftercare.routing.RoutingRoutes;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.warranties.WarrantyRoutes;
import io.aftercare.warranties.WarrantyService;
import io.aftercare.web.Handlers;
import io.aftercare.web.HttpApi;
import io.aftercare.web.OpsRoutes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database, builds every feature's service and routes, and starts the
 * listeners. The only place that knows how the parts fit. Thread-safe once started.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final AftercareConfig config;
    private final Database database;
    private final Vertx vertx;
    private final WorkerExecutor dbWorkers;
    private final HttpServer http;
    private final Services services;
    private final Routing routing;
    private final FastAgiServer agi;

    /** The feature services, for the CLI commands and tests that drive them directly. */
    public record Services(PhoneNumbers phoneNumbers, CustomerService customers, OrderService orders,
                           WarrantyService warranties, CaseService cases) {
        static Services create(AftercareConfig config, Database database, Clock clock) {
            PhoneNumbers phones = new PhoneNumbers(config.phone().defaultRegion());
            var jdbi = database.jdbi();
            return new Services(phones, new CustomerService(jdbi, phones, clock), new OrderService(jdbi, clock),
                    new WarrantyService(jdbi, clock), new CaseService(jdbi, clock));
        }
    }

    private App(AftercareConfig config, Database database, Vertx vertx, WorkerExecutor dbWorkers, HttpServer http,
                Services services, Routing routing, FastAgiServer agi) {
        this.routing = routing;
        this.agi = agi;
        this.config = config;
        this.database = database;
        this.vertx = vertx;
        this.dbWorkers = dbWorkers;
        this.http = http;
        this.services = services;
    }

    /** Opens and migrates the database, then starts FastAGI and HTTP. Fails fast with a message naming what is wrong. */
    public static App start(AftercareConfig config, Clock clock) {
        Database database = Database.open(config.db());
        Routing routing = null;
        FastAgiServer agi = null;
        try {
            database.migrate();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Vertx vertx = Vertx.builder()
                    .with(new io.vertx.core.VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                    .withMetrics(new MicrometerMetricsFactory(registry))
                    .build();
            WorkerExecutor dbWorkers = vertx.createSharedWorkerExecutor("db", config.db().poolSize() + 4);
            Services services = Services.create(config, database, clock);
            routing = Routing.create(config, database.jdbi(), services.phoneNumbers(), clock);
            agi = FastAgiServer.start(config.agi(), ScriptRegistry.builder()
                    .register("route", routing.routeScript()).build());
            Routing routes = routing;
            Handlers handlers = new Handlers(dbWorkers);
            var router = HttpApi.router(vertx, config.http().maxBodyBytes(), r -> {
                OpsRoutes.mount(r, dbWorkers, database::isHealthy, () -> amiState(config), registry);
                CustomerRoutes.mount(r, handlers, services.customers());
                OrderRoutes.mount(r, handlers, services.orders());
                WarrantyRoutes.mount(r, handlers, services.warranties());
                CaseRoutes.mount(r, handlers, services.cases());
                RoutingRoutes.mount(r, handlers, routes);
            });
            HttpServer http = HttpApi.listen(vertx, router, config.http().bind(), config.http().port());
            LOG.info("aftercare listening: http://{}:{}/ (database {})", config.http().bind(), http.actualPort(),
                    database.dialect());
            return new App(config, database, vertx, dbWorkers, http, services, routing, agi);
        } catch (RuntimeException e) {
            if (agi != null) {
                agi.close();
            }
            if (routing != null) {
                routing.close();
            }
            database.close();
            throw e;
        }
    }

    private static Map<String, String> amiState(AftercareConfig config) {
        return Map.of(config.ami().pbxId(), config.ami().configured() ? "connecting" : "not configured");
    }

    public int httpPort() {
        return http.actualPort();
    }

    public int agiPort() {
        return agi.port();
    }

    public Routing routing() {
        return routing;
    }

    public Services services() {
        return services;
    }

    public Database database() {
        return database;
    }

    public AftercareConfig config() {
        return config;
    }

    @Override
    public void close() {
        agi.close();
        routing.close();
        try {
            http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.toString());
        }
        dbWorkers.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close cleanly: {}", e.toString());
        }
        database.close();
        LOG.info("aftercare stopped");
    }
}
