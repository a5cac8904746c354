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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires call tracking: batch writer, agent board, tracker thread and, when a PBX is configured, the AMI
 * connector. Queue thresholds come from the {@code queues} table at start (defaults: short abandon 5 s,
 * wrap-up 60 s). Thread-safe once built.
 */
public final class CallTrackingModule implements AutoCloseable {
    private final CallRecordWriter writer;
    private final CallTrackingService tracking;
    private final AmiConnector ami;
    private final String defaultPbx;
    private final Jdbi jdbi;
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

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
        this.ami = pbxs.isEmpty() ? null : new AmiConnector(pbxs, tracking, clock);
        if (ami != null) {
            deferred.bind(ami);
            ami.start();
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
        if (ami != null) {
            ami.close();
        }
        tracking.close();
        writer.close();
        lookups.shutdown();
    }
}
