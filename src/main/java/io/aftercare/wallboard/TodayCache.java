package io.aftercare.wallboard;

import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.MetricsLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Today's figures from stored records, recomputed on a worker by {@link #refresh} (every few seconds) so a
 * wallboard snapshot never touches the database: one entry for the queues' own zones plus one per zone a client
 * asked for recently (at most {@value #MAX_ZONES}); the rolling figures ({@link Recents}) every
 * {@link #RECENT_EVERY}; and who the open calls' callers are (kept {@link #KEEP_ENDED} after their end, for after-call
 * work), re-read by {@link #callersFor} when a live call is not known yet (at most once a second) and at each
 * refresh. Thread-safe.
 */
public final class TodayCache {
    private static final Logger LOG = LoggerFactory.getLogger(TodayCache.class);
    static final int MAX_ZONES = 8;
    private static final Duration KEEP_ZONE = Duration.ofMinutes(10);
    static final Duration RECENT_EVERY = Duration.ofMinutes(5);
    static final Duration SURVEY_DAYS = Duration.ofDays(7);
    private static final Duration CALLERS_EVERY = Duration.ofSeconds(1);
    /** How long a call's caller stays known once it ended: its agent's after-call work still shows whom it was for. */
    static final Duration KEEP_ENDED = Duration.ofMinutes(30);

    private final MetricsLoader loader;
    private final WallboardDao dao;
    private final boolean surveys;
    private final ZoneId defaultZone;
    private final Clock clock;
    private final Executor worker;
    private final Map<Optional<ZoneId>, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Map<String, QueueSetting> settings = Map.of();
    private volatile Map<String, FollowUpBacklog> followUps = Map.of();
    private volatile Recents recents = Recents.NONE;
    private volatile Map<String, Caller> callers = Map.of();
    private final AtomicBoolean readingCallers = new AtomicBoolean();
    private volatile Instant callersReadAt = Instant.EPOCH;
    /** When each known caller's call was first seen ended; guarded by this. */
    private final Map<String, Instant> ended = new HashMap<>();

    private record Entry(CompletableFuture<Today> today, Instant lastAsked) {}

    /** @param surveys false where surveys are not wired (survey figures then show none) */
    public TodayCache(MetricsLoader loader, WallboardDao dao, boolean surveys, ZoneId defaultZone, Clock clock,
                      Executor worker) {
        this.loader = loader;
        this.dao = dao;
        this.surveys = surveys;
        this.defaultZone = defaultZone;
        this.clock = clock;
        this.worker = worker;
    }

    /** Today's figures in each queue's zone ({@code zone} empty) or in {@code zone}; computed once when new. */
    public CompletableFuture<Today> today(Optional<ZoneId> zone) {
        if (zone.isPresent() && !entries.containsKey(zone) && entries.size() >= MAX_ZONES) {
            evictOldest();
        }
        Entry e = entries.compute(zone, (k, old) -> {
            if (old == null || old.today().isCompletedExceptionally()) {
                return new Entry(CompletableFuture.supplyAsync(() -> compute(k), worker), clock.instant());
            }
            return new Entry(old.today(), clock.instant());
        });
        return e.today();
    }

    /** The queues table as last read (zones, rules, thresholds). */
    public Map<String, QueueSetting> settings() {
        return settings;
    }

    /** The follow-up backlog per queue as last read (with the queues). */
    public Map<String, FollowUpBacklog> followUps() {
        return followUps;
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** Recomputes every entry in use on the worker; skipped while the previous refresh still runs. */
    public CompletableFuture<Void> refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            Instant now = clock.instant();
            readCallers();
            entries.forEach((zone, e) -> {
                if (zone.isPresent() && e.lastAsked().plus(KEEP_ZONE).isBefore(now)) {
                    entries.remove(zone, e);
                } else {
                    Today fresh = compute(zone);
                    entries.computeIfPresent(zone, (k, old) -> new Entry(CompletableFuture.completedFuture(fresh),
                            old.lastAsked()));
                }
            });
        }, worker).whenComplete((ok, failure) -> {
            refreshing.set(false);
            if (failure != null) {
                LOG.warn("cannot refresh today's wallboard figures: {}", failure.toString());
            }
        });
    }

    /**
     * The open calls' callers as last read; when {@code live} holds a call not among them, they are read again on
     * the worker (at most once a second) and {@code whenRead} runs after.
     */
    public Map<String, Caller> callersFor(LiveFloor live, Runnable whenRead) {
        Map<String, Caller> known = callers;
        boolean missing = live.waiting().stream().anyMatch(w -> !known.containsKey(Caller.key(w.pbxId(), w.linkedId())))
                || live.agents().stream().anyMatch(a -> a.linkedId() != null
                && !known.containsKey(Caller.key(a.pbxId(), a.linkedId())));
        if (missing && callersReadAt.plus(CALLERS_EVERY).isBefore(clock.instant())
                && readingCallers.compareAndSet(false, true)) {
            callersReadAt = clock.instant();
            CompletableFuture.runAsync(this::readCallers, worker).whenComplete((ok, failure) -> {
                readingCallers.set(false);
                if (failure != null) {
                    LOG.warn("cannot read the wallboard's callers: {}", failure.toString());
                } else {
                    whenRead.run();
                }
            });
        }
        return known;
    }

    private synchronized void readCallers() {
        Map<String, Caller> open = dao.openCallers();
        Instant now = clock.instant();
        Map<String, Caller> next = new HashMap<>(open);
        ended.keySet().removeAll(open.keySet());
        callers.forEach((key, caller) -> {
            if (!open.containsKey(key) && ended.computeIfAbsent(key, k -> now).plus(KEEP_ENDED).isAfter(now)) {
                next.put(key, caller);
            }
        });
        ended.keySet().retainAll(next.keySet());
        callers = Map.copyOf(next);
        callersReadAt = now;
    }

    private Today compute(Optional<ZoneId> zone) {
        Instant now = clock.instant();
        Map<String, QueueSetting> queues = dao.queues(defaultZone);
        settings = queues;
        followUps = Map.copyOf(dao.followUps());
        Recents recent = recents;
        if (recent.asOf() == null || !recent.asOf().plus(RECENT_EVERY).isAfter(now)) {
            Instant from = now.minus(FirstContactResolution.DEFAULT_WINDOW.multipliedBy(2));
            recent = TodayCalculator.recent(now, loader.calls(from, now.plusMillis(1)), loader.rules(),
                    FirstContactResolution.DEFAULT_WINDOW,
                    surveys ? dao.surveys(now.minus(SURVEY_DAYS), now.plusMillis(1)) : Map.of(), now.minus(SURVEY_DAYS));
            recents = recent;
        }
        Map<Instant, Map<String, SurveyCounts>> surveysByStart = new HashMap<>();
        Instant earliest = TodayCalculator.dayStart(now, zone.orElse(defaultZone));
        for (ZoneId z : zonesOf(queues, zone)) {
            Instant start = TodayCalculator.dayStart(now, z);
            earliest = start.isBefore(earliest) ? start : earliest;
            if (surveys && !surveysByStart.containsKey(start)) {
                surveysByStart.put(start, dao.surveys(start, now.plusMillis(1)));
            }
        }
        List<CallFacts> calls = loader.calls(earliest, now.plusMillis(1));
        return TodayCalculator.compute(now, queues, zone.orElse(null), defaultZone, calls, loader.rules(),
                surveysByStart, FirstContactResolution.DEFAULT_WINDOW, recent);
    }

    private java.util.Set<ZoneId> zonesOf(Map<String, QueueSetting> queues, Optional<ZoneId> chosen) {
        java.util.Set<ZoneId> zones = new java.util.HashSet<>();
        zones.add(chosen.orElse(defaultZone));
        if (chosen.isEmpty()) {
            queues.values().forEach(q -> zones.add(q.zone()));
        }
        return zones;
    }

    private void evictOldest() {
        entries.entrySet().stream().filter(e -> e.getKey().isPresent())
                .min(java.util.Comparator.comparing(e -> e.getValue().lastAsked()))
                .ifPresent(e -> entries.remove(e.getKey()));
    }
}
