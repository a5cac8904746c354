package io.aftercare.calls;

import io.aftercare.agents.AgentBoard;
import io.aftercare.agents.AgentCommands;
import io.aftercare.agents.DeferredAgentCommands;
import io.aftercare.agents.AgentRoutes;
import io.aftercare.ami.AmiConnector;
import io.aftercare.ami.PbxSettings;
import io.aftercare.config.AftercareConfig;
import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires call tracking: batch writer, agent board, tracker thread (given the calls a previous run left open) and,
 * when a PBX is configured, the AMI connector. Queue thresholds come from the {@code queues} table at start
 * (defaults: short abandon 5 s, wrap-up 60 s). Thread-safe once built.
 */
public final class CallTrackingModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallTrackingModule.class);
    /** How often the agents table is read again: an agent added since is known as one within this. */
    private static final java.time.Duration AGENTS_RELOAD = java.time.Duration.ofMinutes(1);

    private final CallRecordWriter writer;
    private final CallTrackingService tracking;
    private final AmiConnector ami;
    private final String defaultPbx;
    private final Jdbi jdbi;
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();
    private final java.util.concurrent.ScheduledExecutorService agentsReload = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("agents-reload").daemon(true).factory());

    public CallTrackingModule(AftercareConfig.Ami config, Jdbi jdbi, PhoneNumbers phones, Clock clock) {
        record Thresholds(int shortAbandon, int wrapup) {}
        Map<String, Thresholds> queues = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT name, short_abandon_seconds, wrapup_seconds FROM queues")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Thresholds(rs.getInt(2), rs.getInt(3))))
                .forEach(e -> queues.put(e.getKey(), e.getValue())));
        this.defaultPbx = config.pbxId();
        this.jdbi = jdbi;
        this.writer = new CallRecordWriter(jdbi);
        List<PbxSettings> pbxs = new java.util.ArrayList<>();
        if (config.configured()) {
            pbxs.add(new PbxSettings(config.pbxId(), config.host(), config.port(), config.user(), config.secret(),
                    config.reconnectInitial(), config.reconnectMax(), config.pingInterval()));
        }
        for (AftercareConfig.Pbx more : config.more()) {
            pbxs.add(new PbxSettings(more.id(), more.host(), more.port(), more.user(), more.secret(),
                    config.reconnectInitial(), config.reconnectMax(), config.pingInterval()));
        }
        DeferredAgentCommands deferred = new DeferredAgentCommands(); // bound to the connector below
        AgentBoard board = new AgentBoard(writer, deferred, clock,
                q -> queues.getOrDefault(q, new Thresholds(5, 60)).wrapup());
        CallTracker tracker = new CallTracker(writer, board,
                raw -> phones.parseCallerId(raw).map(PhoneNumber::e164).orElse(null),
                q -> queues.getOrDefault(q, new Thresholds(5, 60)).shortAbandon());
        this.tracking = new CallTrackingService(tracker, clock);
        reloadAgents(); // before any event: a Dial to an agent is known as such from the first call
        agentsReload.scheduleWithFixedDelay(this::reloadAgents, AGENTS_RELOAD.toSeconds(), AGENTS_RELOAD.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS);
        takeOver(pbxs.stream().map(PbxSettings::id).collect(Collectors.toSet()));
        this.ami = pbxs.isEmpty() ? null : new AmiConnector(pbxs, tracking, clock);
        if (ami != null) {
            deferred.bind(ami);
            ami.start();
        }
    }

    /**
     * Hands the calls a previous run left open (stopped, killed or crashed mid-call) to the tracker before any PBX
     * link starts, so the first channel list of each PBX decides which are still there.
     */
    private void takeOver(Set<String> pbxIds) {
        record Open(List<ContactRecord> contacts, List<SegmentRecord> segments, List<SegmentRecord> wrapups) {}
        Open open = jdbi.withExtension(CallDao.class, dao -> new Open(dao.openContacts(),
                dao.openSegmentsOfOpenContacts(), dao.openWrapups()));
        if (open.contacts().isEmpty() && open.wrapups().isEmpty()) {
            return;
        }
        try {
            tracking.ask(t -> {
                t.agents().restoreWrapups(open.wrapups(), pbxIds);
                t.restore(open.contacts(), open.segments(), pbxIds);
                return null;
            }).join();
        } catch (CompletionException e) { // tracking new calls matters more than closing old ones: start anyway
            LOG.error("cannot take over the {} calls the previous run left open; they stay open",
                    open.contacts().size(), e.getCause());
            return;
        }
        long closed = open.contacts().stream().filter(c -> !pbxIds.contains(c.pbxId())).count();
        LOG.info("{} calls were left open by the previous run: {} closed as lost track (their PBX is not configured),"
                + " the others are checked against their PBX's channels once it is connected",
                open.contacts().size(), closed);
    }

    /** Tells the tracker the agents table's interfaces: a Dial to one of them rings an agent. */
    private void reloadAgents() {
        try {
            tracking.agentInterfaces(Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT interface FROM agents")
                    .mapTo(String.class).list())));
        } catch (RuntimeException e) { // the previous list serves until the database answers again
            LOG.warn("cannot read the agents' interfaces: {}", e.toString());
        }
    }

    /** AMI link state per PBX id, for {@code /health}. */
    public Map<String, String> linkStates() {
        return ami == null ? Map.of(defaultPbx, "not configured") : ami.states();
    }

    public void mount(Router router) {
        AgentRoutes.mount(router, ami == null ? AgentCommands.NONE : ami, tracking, defaultPbx,
                agentId -> CompletableFuture.supplyAsync(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT interface FROM agents WHERE id = :id").bind("id", agentId).mapTo(String.class)
                        .findOne()), lookups));
    }

    /** The AMI connector, empty when no PBX is configured (the survey dialer originates through it). */
    public java.util.Optional<AmiConnector> ami() {
        return java.util.Optional.ofNullable(ami);
    }

    public CallTrackingService tracking() {
        return tracking;
    }

    /** Stops AMI, processes what was received, then stores everything. */
    @Override
    public void close() {
        agentsReload.shutdownNow();
        if (ami != null) {
            ami.close();
        }
        tracking.close();
        writer.close();
        lookups.shutdown();
    }
}
