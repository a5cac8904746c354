package io.aftercare.wallboard;

import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.MetricsLoader;
import io.aftercare.surveys.SurveyResults;
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
 * asked for recently (at most {@value #MAX_ZONES}). Thread-safe.
 */
public final class TodayCache {
    private static final Logger LOG = LoggerFactory.getLogger(TodayCache.class);
    static final int MAX_ZONES = 8;
    private static final Duration KEEP_ZONE = Duration.ofMinutes(10);

    private final MetricsLoader loader;
    private final WallboardDao dao;
    private final SurveyResults surveys;
    private final ZoneId defaultZone;
    private final Clock clock;
    private final Executor worker;
    private final Map<Optional<ZoneId>, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Map<String, QueueSetting> settings = Map.of();

    private record Entry(CompletableFuture<Today> today, Instant lastAsked) {}

    /** @param surveys survey results, or null where surveys are not wired (figures then show none) */
    public TodayCache(MetricsLoader loader, WallboardDao dao, SurveyResults surveys, ZoneId defaultZone, Clock clock,
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

    private Today compute(Optional<ZoneId> zone) {
        Instant now = clock.instant();
        Map<String, QueueSetting> queues = dao.queues(defaultZone);
        settings = queues;
        Map<Instant, Map<String, SurveyResults.Row>> surveysByStart = new HashMap<>();
        Instant earliest = TodayCalculator.dayStart(now, zone.orElse(defaultZone));
        for (ZoneId z : zonesOf(queues, zone)) {
            Instant start = TodayCalculator.dayStart(now, z);
            earliest = start.isBefore(earliest) ? start : earliest;
            if (surveys != null && !surveysByStart.containsKey(start)) {
                Map<String, SurveyResults.Row> rows = new HashMap<>();
                surveys.results(start, now.plusMillis(1), "queue").forEach(r -> rows.put(r.group(), r));
                surveysByStart.put(start, rows);
            }
        }
        List<CallFacts> calls = loader.calls(earliest, now.plusMillis(1));
        return TodayCalculator.compute(now, queues, zone.orElse(null), defaultZone, calls, loader.rules(),
                surveysByStart, FirstContactResolution.DEFAULT_WINDOW);
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
