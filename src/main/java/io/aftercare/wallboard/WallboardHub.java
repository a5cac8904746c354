package io.aftercare.wallboard;

import io.aftercare.calls.CallTrackingService;
import io.aftercare.calls.TrackingEvent;
import io.aftercare.web.Json;
import io.aftercare.web.SseStream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The wallboard's push side: Server-Sent Events clients grouped by the zone they asked for. A tracking decision only
 * marks the board dirty (on the tracking thread); the hub then reads the tracker, rebuilds the snapshot and sends
 * each client the rows that changed: at once after a quiet spell, then at most once per {@code minInterval} while
 * changes keep coming ({@link Coalescer}), and at least every second while anything ages (longest wait). A new or
 * reconnecting client (Last-Event-ID or not) gets a full snapshot first; a client whose write queue is full is
 * dropped. All state lives on one Vert.x context, so it needs no locks. Thread-safe.
 */
public final class WallboardHub implements Consumer<TrackingEvent>, AutoCloseable {
    static final int MAX_BUFFERED_BYTES = 512 * 1024;
    static final long RETRY_MILLIS = 2_000;

    private final Vertx vertx;
    private final Context context;
    private final CallTrackingService tracking;
    private final TodayCache cache;
    private final Clock clock;
    private final Coalescer coalescer;
    private final PauseLimits pauseLimits;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Map<Optional<ZoneId>, Group> groups = new HashMap<>();
    private final List<Long> timers = new ArrayList<>();
    /** Open streams: written on the context, read by any thread. */
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    private static final class Group {
        final List<Client> clients = new ArrayList<>();
        Snapshot last;
    }

    private static final class Client {
        final SseStream stream;
        boolean initialized;

        Client(SseStream stream) {
            this.stream = stream;
        }
    }

    public WallboardHub(Vertx vertx, CallTrackingService tracking, TodayCache cache, Clock clock,
                        Duration minInterval, Duration heartbeat, PauseLimits pauseLimits) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.tracking = tracking;
        this.cache = cache;
        this.clock = clock;
        this.pauseLimits = pauseLimits;
        this.coalescer = new Coalescer(minInterval, System::nanoTime,
                (nanos, task) -> vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), id -> task.run()),
                this::flush);
        context.runOnContext(v -> {
            timers.add(vertx.setPeriodic(1_000, id -> markDirty())); // waits age and alerts change without events
            timers.add(vertx.setPeriodic(3_000, id -> cache.refresh().thenRun(this::markDirty)));
            timers.add(vertx.setPeriodic(heartbeat.toMillis(), id -> heartbeats()));
        });
        cache.refresh();
    }

    /** A decision of call tracking (on its thread): only marks the board dirty. */
    @Override
    public void accept(TrackingEvent event) {
        markDirty();
    }

    /** Adds a client; it gets a full snapshot at the next flush (within {@code minInterval}). */
    public void connect(Optional<ZoneId> zone, SseStream stream) {
        cache.today(zone).thenRun(this::markDirty);
        context.runOnContext(v -> {
            Client client = new Client(stream);
            groups.computeIfAbsent(zone, k -> new Group()).clients.add(client);
            open.incrementAndGet();
            stream.onClose(() -> context.runOnContext(x -> remove(zone, client)));
            markDirty();
        });
    }

    /** A fresh snapshot (live state now, today's figures as cached). */
    public CompletableFuture<Snapshot> snapshot(Optional<ZoneId> zone) {
        return cache.today(zone).thenCombine(tracking.ask(t -> LiveFloor.of(t, clock.instant())),
                (today, live) -> SnapshotBuilder.build(live, today, cache.settings(), zone.map(ZoneId::getId)
                        .orElse(null), cache.callersFor(live, this::markDirty), pauseLimits, cache.followUps()));
    }

    /** Open streams, for tests. */
    public CompletableFuture<Integer> clientCount() {
        CompletableFuture<Integer> count = new CompletableFuture<>();
        context.runOnContext(v -> count.complete(groups.values().stream().mapToInt(g -> g.clients.size()).sum()));
        return count;
    }

    /** Open streams, for {@code /metrics}. Any thread; never waits. */
    public int streams() {
        return open.get();
    }

    private void markDirty() {
        if (!closed && dirty.compareAndSet(false, true)) {
            context.runOnContext(v -> coalescer.changed());
        }
    }

    /** Started by the coalescer, on the context; tells it when the clients have been sent what changed. */
    private void flush() {
        dirty.set(false);
        if (closed || groups.isEmpty()) { // closed: the tracker it would ask may be gone
            coalescer.flushed();
            return;
        }
        tracking.ask(t -> LiveFloor.of(t, clock.instant())).whenComplete((live, failure) -> context.runOnContext(v -> {
            try {
                if (failure == null) {
                    groups.forEach((zone, group) -> publish(zone, group, live));
                }
            } finally {
                coalescer.flushed(); // a failed publish must not stop the next ones
            }
        }));
    }

    private void publish(Optional<ZoneId> zone, Group group, LiveFloor live) {
        Today today = cache.today(zone).getNow(null);
        if (today == null) {
            return; // computed on a worker; its completion marks the board dirty again
        }
        Snapshot next = SnapshotBuilder.build(live, today, cache.settings(), zone.map(ZoneId::getId).orElse(null),
                cache.callersFor(live, this::markDirty), pauseLimits, cache.followUps());
        String full = null;
        String delta = null;
        if (group.last != null) {
            Delta d = Delta.between(group.last, next);
            delta = d.isEmpty() ? null : Json.write(d);
        }
        for (Client client : List.copyOf(group.clients)) {
            boolean sent;
            if (!client.initialized) {
                full = full == null ? Json.write(next) : full;
                sent = client.stream.send("snapshot", full);
                client.initialized = true;
            } else if (delta != null) {
                sent = client.stream.send("delta", delta);
            } else {
                continue;
            }
            if (!sent) {
                client.stream.close(); // not reading: drop it rather than buffer; it reconnects to a snapshot
                remove(zone, client);
            }
        }
        group.last = next;
    }

    private void remove(Optional<ZoneId> zone, Client client) {
        Group group = groups.get(zone);
        if (group != null && group.clients.remove(client)) { // a dropped client's close callback comes too
            open.decrementAndGet();
            if (group.clients.isEmpty()) {
                groups.remove(zone);
            }
        }
    }

    private void heartbeats() {
        groups.values().forEach(g -> g.clients.forEach(c -> c.stream.heartbeat()));
    }

    @Override
    public void close() {
        closed = true;
        context.runOnContext(v -> {
            timers.forEach(vertx::cancelTimer);
            groups.values().forEach(g -> g.clients.forEach(c -> c.stream.close()));
            groups.clear();
            open.set(0);
        });
    }
}
