package io.aftercare.ops;

import io.aftercare.calls.ContactRecord;
import io.aftercare.calls.Outcome;
import io.aftercare.calls.TrackingEvent;
import io.aftercare.routing.RouteResult;
import io.aftercare.telephony.ContactKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The floor's traffic as operations watch it: inbound calls ended by queue and outcome, and routes decided (ok or
 * fallback) with their latency, as metrics for {@code /metrics}; and once a minute one log line of the last
 * minute (calls, routes, AMI links, call records waiting), with a warning when most calls timed out or most routes
 * fell back. No line per call. Thread-safe.
 */
public final class TrafficMonitor implements Consumer<TrackingEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficMonitor.class);
    /** Below this many calls (or routes) a minute, no share is worth a warning. */
    static final int WARN_FROM = 10;
    private static final int ENDED_REMEMBERED = 10_000;

    private final MeterRegistry registry;
    private final Supplier<Map<String, String>> links;
    private final LongSupplier recordsWaiting;
    private final Map<String, AtomicLong> minute = new ConcurrentHashMap<>();
    private final Timer routedOk;
    private final Timer routedFallback;
    private final Map<RouteResult, Counter> fallbacks = new EnumMap<>(RouteResult.class);
    /** Calls already counted as ended (a call's record may change after its end: a late talk time). */
    private final Map<String, Boolean> counted = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };

    /**
     * @param links AMI link state by PBX id
     * @param recordsWaiting call records not stored yet
     */
    public TrafficMonitor(MeterRegistry registry, Supplier<Map<String, String>> links, LongSupplier recordsWaiting) {
        this.registry = registry;
        this.links = links;
        this.recordsWaiting = recordsWaiting;
        this.routedOk = routeTimer("ok");
        this.routedFallback = routeTimer("fallback");
        for (RouteResult cause : RouteResult.values()) {
            if (cause.fallback()) {
                fallbacks.put(cause, Counter.builder("aftercare_route_fallbacks")
                        .description("Calls the route script sent to the fallback queue, by cause")
                        .tag("cause", cause.code()).register(registry));
            }
        }
    }

    private Timer routeTimer(String result) {
        return Timer.builder("aftercare_route").description("Time the route script took to answer Asterisk")
                .tag("result", result).publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(300)).register(registry);
    }

    /** An inbound call that ended, counted once: by queue and outcome. On the tracking thread. */
    @Override
    public void accept(TrackingEvent event) {
        if (!(event instanceof TrackingEvent.CallChanged changed)) {
            return;
        }
        ContactRecord c = changed.contact();
        if (c.outcome() == Outcome.OPEN || c.kind() != ContactKind.INBOUND) {
            return;
        }
        synchronized (counted) {
            if (counted.put(c.pbxId() + '\u0000' + c.linkedId(), Boolean.TRUE) != null) {
                return;
            }
        }
        Counter.builder("aftercare_calls").description("Inbound calls ended, by queue and outcome")
                .tag("queue", c.queue() == null ? "" : c.queue()).tag("outcome", c.outcome().code())
                .register(registry).increment();
        count("calls");
        count("calls." + c.outcome().code());
    }

    /** The route script answered a call: by its own decision, or with the fallback queue. Any thread. */
    public void routed(RouteResult result, long nanos) {
        if (nanos >= 0) {
            (result.fallback() ? routedFallback : routedOk).record(Duration.ofNanos(nanos));
        }
        count("routes");
        if (result.fallback()) {
            fallbacks.get(result).increment();
            count("routes.fallback");
        }
    }

    private void count(String what) {
        minute.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    private long take(String what) {
        AtomicLong n = minute.get(what);
        return n == null ? 0 : n.getAndSet(0);
    }

    /** Logs the last minute's line (and warnings) and starts the next minute; returns the line. */
    public String report() {
        long calls = take("calls");
        long answered = take("calls.answered");
        long abandoned = take("calls.abandoned") + take("calls.short_abandon");
        long timedOut = take("calls.timeout");
        long lost = take("calls.lost_track");
        long ivr = take("calls.ivr");
        long routes = take("routes");
        long fallbacks = take("routes.fallback");
        String line = String.format("last minute: %d calls ended (%d answered, %d abandoned, %d timed out, %d in the"
                        + " IVR only, %d lost track), %d routed (%d fallback); AMI %s; %d call records waiting",
                calls, answered, abandoned, timedOut, ivr, lost, routes, fallbacks, links.get(),
                recordsWaiting.getAsLong());
        LOG.info(line);
        if (calls >= WARN_FROM && timedOut * 2 > calls) {
            LOG.warn("most calls timed out in the last minute ({} of {}): too few agents ready, or queue time-outs"
                    + " too short", timedOut, calls);
        }
        if (routes >= WARN_FROM && fallbacks * 2 > routes) {
            LOG.warn("most routes fell back to the default queue in the last minute ({} of {}): see the route"
                    + " script's warnings (database slow or locked?)", fallbacks, routes);
        }
        return line;
    }
}
