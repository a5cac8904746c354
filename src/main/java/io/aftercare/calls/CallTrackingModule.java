package io.aftercare.calls;

import io.aftercare.telephony.PhoneNumber;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires call tracking: batch writer, tracker and its agent board on their thread, given the calls a previous run
 * left open ({@link #takeOver}). The PBX links feed it from outside ({@link #tracking} is their event sink); what it
 * decides reaches the rest through {@link CallTrackingService#addListener}. Queue thresholds come from the {@code
 * queues} table, re-read every minute and on {@link #reload} (defaults: {@link QueueTiming#DEFAULT}). Thread-safe
 * once built.
 */
public final class CallTrackingModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallTrackingModule.class);
    /** How often the agents and queues are read again: an agent added since is known as one within this. */
    private static final Duration AGENTS_RELOAD = Duration.ofMinutes(1);

    private final CallRecordWriter writer;
    private final CallTrackingService tracking;
    private final Jdbi jdbi;
    private volatile Map<String, QueueTiming> queues; // read by the tracking thread, replaced by reload()
    private final ScheduledExecutorService agentsReload = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("agents-reload").daemon(true).factory());

    /** @param spillFile where call records wait on disk while the database refuses them ({@link CallRecordWriter}) */
    public CallTrackingModule(Jdbi jdbi, PhoneNumbers phones, Clock clock, java.nio.file.Path spillFile) {
        this(jdbi, phones, clock, spillFile, StoredContacts.NONE);
    }

    /** As {@link #CallTrackingModule(Jdbi, PhoneNumbers, Clock, java.nio.file.Path)}; {@code stored} hears each batch. */
    public CallTrackingModule(Jdbi jdbi, PhoneNumbers phones, Clock clock, java.nio.file.Path spillFile,
                              StoredContacts stored) {
        this.jdbi = jdbi;
        this.queues = readQueues(jdbi);
        this.writer = new CallRecordWriter(jdbi, spillFile, CallRecordWriter.MEMORY_LIMIT, stored);
        CallTracker tracker = new CallTracker(writer, clock,
                raw -> phones.parseCallerId(raw).map(PhoneNumber::e164).orElse(null),
                q -> queues.getOrDefault(q, QueueTiming.DEFAULT));
        this.tracking = new CallTrackingService(tracker, clock);
        reloadAgents(); // before any event: a Dial to an agent is known as such from the first call
        agentsReload.scheduleWithFixedDelay(this::reload, AGENTS_RELOAD.toSeconds(), AGENTS_RELOAD.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** Re-reads the agents' interfaces and the queues' timings now (after an administrator changed them). */
    public void reload() {
        reloadAgents();
        try {
            queues = readQueues(jdbi);
        } catch (RuntimeException e) { // the timings held serve until the database answers again
            LOG.warn("cannot read the queues' timings: {}", e.toString());
        }
    }

    private static Map<String, QueueTiming> readQueues(Jdbi jdbi) {
        Map<String, QueueTiming> queues = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery(
                        "SELECT name, short_abandon_seconds, wrapup_seconds, wrapup_max_seconds FROM queues")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new QueueTiming(rs.getInt(2), rs.getInt(3),
                        rs.getInt(4))))
                .forEach(e -> queues.put(e.getKey(), e.getValue())));
        return Map.copyOf(queues);
    }

    /**
     * Hands the calls a previous run left open (stopped, killed or crashed mid-call) to the tracker; call it before
     * any PBX link starts, so the first channel list of each PBX in {@code pbxIds} (the configured ones) decides
     * which are still there.
     */
    public void takeOver(Set<String> pbxIds) {
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

    /** The call-record writer, for its backlog figures. */
    public CallRecordWriter writer() {
        return writer;
    }

    public CallTrackingService tracking() {
        return tracking;
    }

    /** Processes what was received, then stores everything; the PBX links are stopped first. */
    @Override
    public void close() {
        agentsReload.shutdownNow();
        tracking.close();
        writer.close();
    }
}
