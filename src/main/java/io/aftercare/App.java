package io.aftercare;

import io.aftercare.agents.AfterCallWorkPolicy;
import io.aftercare.agents.AgentProfileRoutes;
import io.aftercare.agents.AgentRoutes;
import io.aftercare.agents.AgentSelfRoutes;
import io.aftercare.agents.ProfileDirectory;
import io.aftercare.ami.AmiConnector;
import io.aftercare.agi.FastAgiServer;
import io.aftercare.agi.ScriptRegistry;
import io.aftercare.callbacks.CallbackRoutes;
import io.aftercare.callbacks.CallbacksModule;
import io.aftercare.auth.AccessPolicy;
import io.aftercare.auth.AuditLog;
import io.aftercare.auth.AuditTrail;
import io.aftercare.auth.AuthHandler;
import io.aftercare.auth.AuthRoutes;
import io.aftercare.auth.AuthService;
import io.aftercare.auth.LoginThrottle;
import io.aftercare.calls.CallLog;
import io.aftercare.calls.CallLogRoutes;
import io.aftercare.calls.CallRecordWriter;
import io.aftercare.calls.CallTrackingModule;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.cases.CaseRoutes;
import io.aftercare.cases.CaseService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.controls.CallControlRoutes;
import io.aftercare.controls.CallControls;
import io.aftercare.controls.ClickToCall;
import io.aftercare.controls.PbxAnswers;
import io.aftercare.customers.CustomerRoutes;
import io.aftercare.customers.CustomerService;
import io.aftercare.dispositions.AgentCalls;
import io.aftercare.dispositions.DispositionRoutes;
import io.aftercare.dispositions.DispositionService;
import io.aftercare.followups.FollowUpsModule;
import io.aftercare.hours.HoursRoutes;
import io.aftercare.importer.ImportRoutes;
import io.aftercare.importer.ImportRunPoller;
import io.aftercare.metrics.MetricsLoader;
import io.aftercare.ivr.Ivr;
import io.aftercare.ivr.IvrRoutes;
import io.aftercare.ops.AmiEventCounter;
import io.aftercare.ops.ServiceMeters;
import io.aftercare.ops.TrafficMonitor;
import io.aftercare.orders.OrderRoutes;
import io.aftercare.orders.OrderService;
import io.aftercare.persistence.Database;
import io.aftercare.queues.PbxCheck;
import io.aftercare.queues.QueueRoutes;
import io.aftercare.persistence.DatabaseHealthCheck;
import io.aftercare.reports.ReportRoutes;
import io.aftercare.reports.ReportService;
import io.aftercare.routing.LiveAgents;
import io.aftercare.routing.Routing;
import io.aftercare.routing.RoutingRoutes;
import io.aftercare.screenpop.AgentPushHub;
import io.aftercare.screenpop.CallerLinks;
import io.aftercare.screenpop.ProductAffinity;
import io.aftercare.screenpop.ScreenPopNotifier;
import io.aftercare.screenpop.ScreenPopRoutes;
import io.aftercare.screenpop.ScreenPopService;
import io.aftercare.search.CustomerSearch;
import io.aftercare.search.SearchKeyBackfill;
import io.aftercare.search.SearchRoutes;
import io.aftercare.surveys.SurveyRoutes;
import io.aftercare.surveys.SurveysModule;
import io.aftercare.telephony.AgentCommands;
import io.aftercare.telephony.CallCommands;
import io.aftercare.telephony.PbxQueues;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.wallboard.PauseLimits;
import io.aftercare.wallboard.WallboardModule;
import io.aftercare.waits.EstimatedWaitRoutes;
import io.aftercare.waits.EstimatedWaits;
import io.aftercare.waits.QueueFloor;
import io.aftercare.warranties.WarrantyRoutes;
import io.aftercare.warranties.WarrantyService;
import io.aftercare.web.Handlers;
import io.aftercare.web.HttpApi;
import io.aftercare.web.OpsRoutes;
import io.aftercare.web.StaticRoutes;
import io.aftercare.webhooks.WebhookDispatcher;
import io.aftercare.webhooks.WebhookRoutes;
import io.aftercare.webhooks.Webhooks;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database, builds every feature's service and routes, and starts the
 * listeners (FastAGI, AMI, HTTP). The only place that knows how the parts fit. Thread-safe once started.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final AftercareConfig config;
    private final Database database;
    private final Services services;
    private final Deque<AutoCloseable> resources; // closed last-opened first
    private Routing routing;
    private FastAgiServer agi;
    private CallTrackingModule calls;
    private Optional<AmiConnector> ami = Optional.empty();
    private SurveysModule surveys;
    private CallbacksModule callbacks;
    private HttpServer http;
    private WallboardModule wallboard;
    private EstimatedWaits waits;
    private AgentPushHub hub;
    private Router router;

    /** The feature services that need no listener, for the CLI commands and tests that drive them directly. */
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

    private App(AftercareConfig config, Database database, Services services, Deque<AutoCloseable> resources) {
        this.config = config;
        this.database = database;
        this.services = services;
        this.resources = resources;
    }

    /** Opens and migrates the database, then starts FastAGI, AMI and HTTP; fails fast naming what is wrong. */
    public static App start(AftercareConfig config, Clock clock) {
        Database database = Database.open(config.db());
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        resources.push(database);
        try {
            database.migrate();
            Services services = Services.create(config, database, clock);
            App app = new App(config, database, services, resources);
            app.wire(clock);
            return app;
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private void wire(Clock clock) {
        if (!config.auth().adminPassword().isEmpty() && services.auth().bootstrapAdmin(config.auth().adminPassword())) {
            LOG.info("created the first account, 'admin', with the configured auth.admin_password");
        }
        var jdbi = database.jdbi();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                // Vert.x keeps its meter registries in a JVM-wide map by name: an app's own name keeps a second app
                // in the JVM (tests run several at once) from reporting its Vert.x meters into the first one's
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .setRegistryName("aftercare-" + UUID.randomUUID())))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        resources.push(() -> vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        WorkerExecutor dbWorkers = vertx.createSharedWorkerExecutor("db", config.db().poolSize() + 4);
        resources.push(dbWorkers::close);

        Webhooks webhooks = new Webhooks(jdbi, clock, WebhookDispatcher.Settings.DEFAULT,
                ServiceMeters.webhookDeliveries(registry));
        resources.push(webhooks); // stopped after call tracking, whose last records may raise call.ended
        ServiceMeters.webhooksPending(registry, webhooks.dispatcher()::pending);
        ImportRunPoller importRuns = new ImportRunPoller(jdbi, clock).start(); // imports run in the CLI process
        resources.push(importRuns);
        ServiceMeters.importRuns(registry, importRuns::snapshot);
        // Abandoned calls become follow-ups in the record writer's transaction (or queue callbacks: handTo below).
        FollowUpsModule followUps = new FollowUpsModule(jdbi, clock, config.followUps(), services.phoneNumbers(),
                config.ami().pbxId());
        resources.push(followUps); // stopped after call tracking, whose last records may create follow-ups
        ServiceMeters.followUps(registry, followUps::backlog, clock);
        calls = new CallTrackingModule(jdbi, services.phoneNumbers(), clock, CallRecordWriter.spillFileFor(config.db().url()),
                webhooks.callEnded().andThen(followUps.storedContacts()));
        CallRecordWriter writer = calls.writer();
        ServiceMeters.queues(registry, calls.tracking(), writer);
        resources.push(calls); // flushes every call record before the database closes
        AmiEventCounter amiEvents = new AmiEventCounter(registry, calls.tracking());
        ami = AmiConnector.of(config.ami(), amiEvents, clock);
        linkStates().keySet().forEach(amiEvents::expect);
        ServiceMeters.amiLinks(registry, this::linkStates);
        ami.ifPresent(resources::push); // stopped before call tracking
        AgentCommands commands = ami.<AgentCommands>map(a -> a).orElse(AgentCommands.NONE);
        ami.ifPresent(pbx -> calls.tracking().addListener(new AfterCallWorkPolicy(pbx))); // no PBX: nothing to pause
        ami.ifPresent(pbx -> pbx.addMailboxListener(followUps::mailboxChanged));
        calls.takeOver(ami.map(AmiConnector::pbxIds).orElse(java.util.Set.of()));
        ami.ifPresent(AmiConnector::start);
        TrafficMonitor traffic = new TrafficMonitor(registry, this::linkStates, writer::backlog);
        calls.tracking().addListener(traffic);
        long trafficTimer = vertx.setPeriodic(60_000, id -> traffic.report());
        resources.push(() -> vertx.cancelTimer(trafficTimer));
        LiveAgents live = liveAgents(calls.tracking());
        CallTrackingService tracking = calls.tracking();
        waits = new EstimatedWaits(new MetricsLoader(jdbi), queue -> tracking.ask(t -> QueueFloor.of(queue,
                t.waiting(), t.agents().views())), clock, config.agi().timeZone());
        long waitsTimer = vertx.setPeriodic(1_000, 60_000, id -> dbWorkers.executeBlocking(() -> {
            waits.refreshQuietly();
            return null;
        }, false));
        resources.push(() -> vertx.cancelTimer(waitsTimer));
        routing = Routing.create(config, database, services.phoneNumbers(), clock, live, traffic::routed);
        resources.push(routing);
        ServiceMeters.decisions(registry, routing.recorder());
        surveys = new SurveysModule(config, jdbi, services.phoneNumbers(), ami, clock,
                ServiceMeters.surveyDials(registry));
        resources.push(surveys);
        callbacks = new CallbacksModule(config, jdbi, services.phoneNumbers(), ami, calls.tracking(),
                CallbacksModule.DEFAULTS, queue -> waits.estimate(queue, clock.instant())
                        .flatMap(io.aftercare.waits.Estimate::expectedWait), clock);
        resources.push(callbacks);
        ServiceMeters.callbacks(registry, callbacks::backlog, clock);
        followUps.handTo(callbacks.callbacks()); // queues with abandon policy callback
        Ivr ivr = Ivr.create(config, jdbi, clock, routing.afterHours(), routing.background(), services.phoneNumbers(),
                live);
        agi = FastAgiServer.start(config.agi(), ScriptRegistry.builder()
                .register("route", routing.routeScript())
                .register("ivr", ivr.script())
                .register("survey", surveys.script())
                .register("vhold", callbacks.script())
                .build());
        resources.push(agi);

        ProductAffinity affinity = new ProductAffinity(jdbi, clock);
        ScreenPopService pops = new ScreenPopService(jdbi, affinity, services.phoneNumbers(), clock);
        hub = new AgentPushHub(vertx);
        resources.push(hub);
        ExecutorService popWorkers = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("screenpop-", 0)
                .daemon(true).factory());
        resources.push(popWorkers::shutdownNow);
        long affinityTimer = vertx.setPeriodic(1_000, 3_600_000, id -> dbWorkers.executeBlocking(() -> {
            affinity.refresh();
            return null;
        }, false));
        resources.push(() -> vertx.cancelTimer(affinityTimer)); // before its workers close

        calls.tracking().addListener(new ScreenPopNotifier(pops, hub, popWorkers, clock));
        DispositionService dispositions = new DispositionService(jdbi, pops, services.cases(), clock,
                agentCalls(calls.tracking()));
        dispositions.addListener(surveys.scheduler());
        String pbx = config.ami().pbxId();
        wallboard = new WallboardModule(vertx, jdbi, dbWorkers, calls.tracking(), surveys.results(),
                config.agi().timeZone(), clock, new PauseLimits(config.wallboard().pauseLimits(),
                config.wallboard().pauseLimitOther(), config.wallboard().pauseGrace()));
        resources.push(wallboard);
        ServiceMeters.sseClients(registry, hub::streams, wallboard.hub()::streams);

        // Rows stored before sql/V21, or written around aftercare, get their search keys at start and every minute.
        SearchKeyBackfill searchKeys = new SearchKeyBackfill(jdbi);
        ScheduledExecutorService keyer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("search-keys").daemon(true).factory());
        keyer.scheduleWithFixedDelay(searchKeys::runQuietly, 0, 1, TimeUnit.MINUTES);
        resources.push(() -> {
            keyer.shutdownNow();
            keyer.awaitTermination(5, TimeUnit.SECONDS); // before the database closes
        });

        CallCommands callCommands = ami.<CallCommands>map(a -> a).orElse(CallCommands.NONE);
        PbxAnswers answers = new PbxAnswers(Duration.ofSeconds(10), Duration.ofSeconds(5));
        CallControls controls = new CallControls(callCommands, calls.tracking(), jdbi, config.calls(), answers);
        ClickToCall clickToCall = new ClickToCall(callCommands, calls.tracking(), jdbi, services.phoneNumbers(),
                config.calls(), answers, clock);

        Handlers handlers = new Handlers(dbWorkers);
        Administration admin = Administration.create(jdbi, new PbxCheck(ami.<PbxQueues>map(a -> a)
                .orElse(PbxQueues.NONE), Duration.ofSeconds(5)), clock, () -> {
                    routing.hours().reload();
                    routing.rules().reload();
                    calls.reload();
                });
        AuditLog audit = new AuditLog(jdbi);
        AccessPolicy policy = AccessPolicy.defaults();
        var guard = new AuthHandler(policy, services.auth(), dbWorkers, new AuditTrail(audit, dbWorkers, clock));
        var databaseHealth = new DatabaseHealthCheck(database::probeWrite, System::nanoTime, Duration.ofSeconds(1));
        databaseHealth.check(); // logs a database that refuses writes from the start
        router = HttpApi.router(vertx, config.http().maxBodyBytes(), guard, r -> {
            OpsRoutes.mount(r, dbWorkers, databaseHealth::check, this::linkStates, registry);
            AuthRoutes.mount(r, handlers, services.auth(), audit);
            CustomerRoutes.mount(r, handlers, services.customers());
            OrderRoutes.mount(r, handlers, services.orders());
            WarrantyRoutes.mount(r, handlers, services.warranties());
            CaseRoutes.mount(r, handlers, services.cases());
            SearchRoutes.mount(r, handlers, new CustomerSearch(jdbi, services.phoneNumbers()));
            RoutingRoutes.mount(r, handlers, routing);
            IvrRoutes.mount(r, handlers, ivr.menus());
            HoursRoutes.mount(r, handlers, routing.hours());
            QueueRoutes.mount(r, handlers, admin.queues());
            AgentProfileRoutes.mount(r, handlers, admin.agents());
            AgentRoutes.mount(r, commands, calls.tracking(), pbx, new ProfileDirectory(admin.agents(), dbWorkers));
            AgentSelfRoutes.mount(r, handlers, jdbi, calls.tracking(), pbx, clock);
            ScreenPopRoutes.mount(r, handlers, dbWorkers, pops, hub,
                    new CallerLinks(jdbi, pops, services.customers(), clock), pbx);
            DispositionRoutes.mount(r, handlers, dispositions, pbx);
            CallControlRoutes.mount(r, handlers, controls, clickToCall, pbx);
            followUps.mount(r, handlers, dbWorkers, clickToCall);
            ImportRoutes.mount(r, handlers, importRuns);
            CallLogRoutes.mount(r, handlers, dbWorkers, new CallLog(jdbi), services.customers());
            SurveyRoutes.mount(r, handlers, surveys, services.phoneNumbers());
            CallbackRoutes.mount(r, handlers, callbacks.callbacks());
            wallboard.mount(r);
            EstimatedWaitRoutes.mount(r, handlers, waits, clock);
            ReportRoutes.mount(r, dbWorkers, new ReportService(jdbi, surveys.results(), pbx, clock));
            WebhookRoutes.mount(r, handlers, webhooks.service());
            StaticRoutes.mount(r);
        });
        policy.check(router);
        webhooks.start();
        http = HttpApi.listen(vertx, router, config.http());
        resources.push(() -> http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        LOG.info("aftercare listening: http://{}:{}/ FastAGI {}:{} (database {})", config.http().bind(),
                http.actualPort(), config.agi().bind(), agi.port(), database.dialect());
    }

    /** What dispositions ask of call tracking; they run on db workers, so they may wait for its thread. */
    private static AgentCalls agentCalls(CallTrackingService tracking) {
        return new AgentCalls() {
            @Override
            public boolean engaged(String pbxId, String linkedId, String iface) {
                try {
                    return tracking.engaged(pbxId, linkedId, iface).get(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while asking call tracking", e);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("call tracking did not answer: " + e, e);
                }
            }

            @Override
            public void endWrapUp(String pbxId, String iface) {
                tracking.dispose(pbxId, iface);
            }
        };
    }

    /** The route's view of who may be rung before the queue: call tracking's live agent state. */
    private static LiveAgents liveAgents(CallTrackingService tracking) {
        return new LiveAgents() {
            @Override
            public Optional<String> busyReason(String pbxId, String iface, String queue) {
                return tracking.busyReason(pbxId, iface, queue);
            }

            @Override
            public void ringsFirst(String pbxId, String linkedId, String queue, String iface) {
                tracking.ringsFirst(pbxId, linkedId, queue, iface);
            }
        };
    }

    /** AMI link state per PBX id, for {@code /health}. */
    public java.util.Map<String, String> linkStates() {
        return ami.map(AmiConnector::states).orElse(java.util.Map.of(config.ami().pbxId(), "not configured"));
    }

    /** The AMI links, empty when no PBX is configured. */
    public Optional<AmiConnector> ami() {
        return ami;
    }

    public int httpPort() {
        return http.actualPort();
    }

    /** The FastAGI port Asterisk (or the demo simulator) calls. */
    public int agiPort() {
        return agi.port();
    }

    /** The HTTP routes, for the OpenAPI contract and access-policy tests. */
    public Router router() {
        return router;
    }

    /** Queue callbacks (for tests); null before start. */
    public CallbacksModule callbacks() {
        return callbacks;
    }

    /** The survey feature (scheduler, results), for the demo's after-sales feed and tests. */
    public SurveysModule surveys() {
        return surveys;
    }

    public Routing routing() {
        return routing;
    }

    public CallTrackingModule calls() {
        return calls;
    }

    public WallboardModule wallboard() {
        return wallboard;
    }

    /** Estimated waits for a caller entering a queue now (issue 19), for FastAGI scripts and tests. */
    public EstimatedWaits estimatedWaits() {
        return waits;
    }

    /** The agents' push channels: who has the console open (the demo's floor leaves those agents to the person). */
    public AgentPushHub agentPush() {
        return hub;
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
        closeAll(resources);
        LOG.info("aftercare stopped");
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("a part did not close cleanly: {}", e.toString());
            }
        }
    }
}
