package io.aftercare;

import io.aftercare.auth.AccessPolicy;
import io.aftercare.auth.AuthHandler;
import io.aftercare.auth.AuthRoutes;
import io.aftercare.auth.AuthService;
import io.aftercare.auth.LoginThrottle;
import io.aftercare.cases.CaseRoutes;
import io.aftercare.cases.CaseService;
import io.aftercare.calls.CallTrackingModule;
import io.aftercare.config.AftercareConfig;
import io.aftercare.customers.CustomerRoutes;
import io.aftercare.customers.CustomerService;
import io.aftercare.orders.OrderRoutes;
import io.aftercare.orders.OrderService;
import io.aftercare.persistence.Database;
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
    private final io.vertx.ext.web.Router router;
    private final Services services;
    private final CallTrackingModule calls;

    /** The feature services, for the CLI commands and tests that drive them directly. */
    public record Services(PhoneNumbers phoneNumbers, AuthService auth, CustomerService customers,
                           OrderService orders, WarrantyService warranties, CaseService cases) {
        static Services create(AftercareConfig config, Database database, Clock clock) {
            PhoneNumbers phones = new PhoneNumbers(config.phone().defaultRegion());
            var jdbi = database.jdbi();
            var authConfig = config.auth();
            var auth = new AuthService(jdbi, clock, authConfig.sessionTtl(), authConfig.bcryptCost(),
                    new LoginThrottle(clock, authConfig.loginWindow(), authConfig.maxFailuresPerUser(),
                            authConfig.maxFailuresPerAddress()));
            return new Services(phones, auth, new CustomerService(jdbi, phones, clock), new OrderService(jdbi, clock),
                    new WarrantyService(jdbi, clock), new CaseService(jdbi, clock));
        }
    }

    private App(AftercareConfig config, Database database, Vertx vertx, WorkerExecutor dbWorkers, HttpServer http,
                io.vertx.ext.web.Router router, Services services, CallTrackingModule calls) {
        this.config = config;
        this.calls = calls;
        this.database = database;
        this.vertx = vertx;
        this.dbWorkers = dbWorkers;
        this.http = http;
        this.router = router;
        this.services = services;
    }

    /** Opens and migrates the database, then starts HTTP. Fails fast with a message naming what is wrong. */
    public static App start(AftercareConfig config, Clock clock) {
        Database database = Database.open(config.db());
        try {
            database.migrate();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Vertx vertx = Vertx.builder()
                    .with(new io.vertx.core.VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                    .withMetrics(new MicrometerMetricsFactory(registry))
                    .build();
            WorkerExecutor dbWorkers = vertx.createSharedWorkerExecutor("db", config.db().poolSize() + 4);
            Services services = Services.create(config, database, clock);
            if (!config.auth().adminPassword().isEmpty() && services.auth().bootstrapAdmin(config.auth().adminPassword())) {
                LOG.info("created the first account, 'admin', with the configured auth.admin_password");
            }
            Handlers handlers = new Handlers(dbWorkers);
            CallTrackingModule calls = new CallTrackingModule(config.ami(), database.jdbi(), services.phoneNumbers(),
                    clock);
            var guard = new AuthHandler(AccessPolicy.defaults(), services.auth(), dbWorkers);
            var router = HttpApi.router(vertx, config.http().maxBodyBytes(), guard, r -> {
                OpsRoutes.mount(r, dbWorkers, database::isHealthy, calls::linkStates, registry);
                AuthRoutes.mount(r, handlers, services.auth());
                calls.mount(r);
                CustomerRoutes.mount(r, handlers, services.customers());
                OrderRoutes.mount(r, handlers, services.orders());
                WarrantyRoutes.mount(r, handlers, services.warranties());
                CaseRoutes.mount(r, handlers, services.cases());
            });
            HttpServer http = HttpApi.listen(vertx, router, config.http().bind(), config.http().port());
            LOG.info("aftercare listening: http://{}:{}/ (database {})", config.http().bind(), http.actualPort(),
                    database.dialect());
            return new App(config, database, vertx, dbWorkers, http, router, services, calls);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public int httpPort() {
        return http.actualPort();
    }

    /** The FastAGI port Asterisk (or the demo simulator) calls. */
    public int agiPort() {
        return config.agi().port();
    }

    /** The HTTP routes, for the OpenAPI contract test. */
    public io.vertx.ext.web.Router router() {
        return router;
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
        try {
            http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("HTTP server did not close cleanly: {}", e.toString());
        }
        calls.close(); // flushes every call record before the database closes
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
