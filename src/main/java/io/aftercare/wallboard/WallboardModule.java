package io.aftercare.wallboard;

import io.aftercare.calls.CallTrackingService;
import io.aftercare.metrics.MetricsLoader;
import io.aftercare.surveys.SurveyResults;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.jdbi.v3.core.Jdbi;

/** Wires the wallboard: today's figures cache, the push hub listening to call tracking, the routes. Thread-safe. */
public final class WallboardModule implements AutoCloseable {
    /**
     * At most one push per this window under load: a change waits at most this plus a flush (issue 7: p99 under
     * 250 ms at 1,000 events/s), at the price of rebuilding the snapshot up to ten times a second.
     */
    static final Duration PUSH_WINDOW = Duration.ofMillis(100);

    private final WallboardHub hub;
    private final PauseReasons pauseReasons;

    public WallboardModule(Vertx vertx, Jdbi jdbi, WorkerExecutor workers, CallTrackingService tracking,
                           SurveyResults surveys, ZoneId defaultZone, Clock clock, PauseLimits pauseLimits) {
        TodayCache cache = new TodayCache(new MetricsLoader(jdbi), new WallboardDao(jdbi), surveys != null, defaultZone,
                clock,
                task -> workers.executeBlocking(() -> {
                    task.run();
                    return null;
                }, false));
        this.hub = new WallboardHub(vertx, tracking, cache, clock, PUSH_WINDOW, Duration.ofSeconds(15),
                pauseLimits);
        tracking.addListener(hub);
        this.pauseReasons = PauseReasons.of(pauseLimits);
    }

    public void mount(Router router) {
        WallboardRoutes.mount(router, hub, pauseReasons);
    }

    public WallboardHub hub() {
        return hub;
    }

    @Override
    public void close() {
        hub.close();
    }
}
