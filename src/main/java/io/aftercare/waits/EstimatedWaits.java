package io.aftercare.waits;

import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.MetricsLoader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimated waits of callers entering a queue now ({@link WaitEstimator}), from the live floor and the queue's
 * stored calls of the last four weeks, kept as per-day, per-hour tallies ({@link WaitLedger}) that {@link #refresh}
 * extends with the calls stored since its last run (the first run reads the whole window, a day at a time).
 * {@link #estimate} blocks for the live floor (at most {@link #LIVE_TIMEOUT}) and reads no database: call it from a
 * FastAGI script or a worker, never from an event loop or the call-tracking thread. Thread-safe.
 */
public final class EstimatedWaits {
    private static final Logger LOG = LoggerFactory.getLogger(EstimatedWaits.class);
    /** How long {@link #estimate} waits for call tracking's answer before giving none. */
    public static final Duration LIVE_TIMEOUT = Duration.ofSeconds(2);
    /** Calls are stored in batches after the fact: a refresh counts waits that ended at least this long ago. */
    public static final Duration STORE_LAG = Duration.ofSeconds(30);
    /** Wrap-up closes after the call ends: handle times are counted this long after the call's end. */
    public static final Duration HANDLING_DELAY = Duration.ofMinutes(10);
    /** Calls joining their queue this long before a refresh's window are read again, for waits ending in it. */
    static final Duration OVERLAP = Duration.ofHours(4);

    private final MetricsLoader loader;
    private final LiveQueues live;
    private final Clock clock;
    private final ZoneId zone;
    private final WaitLedger ledger; // guarded by itself
    private final Object refreshing = new Object();
    private final AtomicBoolean running = new AtomicBoolean();
    private Instant counted; // guarded by refreshing: waits that ended before it are in the ledger

    /** @param zone the contact center's time zone: "the same hour of the same weekday" is local time there */
    public EstimatedWaits(MetricsLoader loader, LiveQueues live, Clock clock, ZoneId zone) {
        this.loader = loader;
        this.live = live;
        this.clock = clock;
        this.zone = zone;
        this.ledger = new WaitLedger(zone);
    }

    /**
     * The estimated wait of a caller entering {@code queue} at {@code now}: empty only when call tracking did not
     * answer within {@link #LIVE_TIMEOUT}; an estimate with no figure when nobody is staffed or nothing is known
     * (see {@link Estimate.Basis}). Blocks; see the class comment.
     */
    public Optional<Estimate> estimate(String queue, Instant now) {
        QueueFloor floor;
        try {
            floor = live.floor(queue).get(LIVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("no estimated wait for queue {}: call tracking did not answer ({})", queue, e.toString());
            return Optional.empty();
        }
        WaitHistory history;
        synchronized (ledger) {
            history = ledger.history(queue, now);
        }
        return Optional.of(WaitEstimator.estimate(floor, history));
    }

    /**
     * Counts the calls stored since the last refresh (the whole window on the first), then forgets days older
     * than the window. Blocking JDBC: run it on a worker, every minute or so.
     */
    public void refresh() {
        synchronized (refreshing) {
            Instant upto = clock.instant().minus(STORE_LAG);
            if (counted == null) {
                loadWindow(upto);
            } else if (upto.isAfter(counted)) {
                List<CallFacts> calls = loader.calls(counted.minus(OVERLAP), upto);
                Instant from = counted;
                synchronized (ledger) {
                    for (CallFacts c : calls) {
                        add(c, from, upto);
                    }
                }
            } else {
                return;
            }
            counted = upto;
            synchronized (ledger) {
                ledger.forgetBefore(upto.minus(WaitLedger.WINDOW));
            }
        }
    }

    /** As {@link #refresh}, logging a failure instead of throwing, skipped while one runs: for a periodic timer. */
    public void refreshQuietly() {
        if (!running.compareAndSet(false, true)) {
            return; // the first refresh reads four weeks: the timer's next ticks must not queue up behind it
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("estimated waits: stored calls not read, estimates use what was read before: {}", e.toString());
        } finally {
            running.set(false);
        }
    }

    /** The window's calls by local day, each counted by what was known by {@code upto}. */
    private void loadWindow(Instant upto) {
        ZonedDateTime day = upto.minus(WaitLedger.WINDOW).atZone(zone).toLocalDate().atStartOfDay(zone);
        while (day.toInstant().isBefore(upto)) {
            Instant from = day.toInstant();
            ZonedDateTime next = day.plusDays(1);
            Instant to = next.toInstant().isAfter(upto) ? upto : next.toInstant();
            List<CallFacts> calls = loader.calls(from, to);
            synchronized (ledger) {
                for (CallFacts c : calls) {
                    if (c.offered() && !c.offeredAt().isBefore(from) && c.offeredAt().isBefore(to)) {
                        add(c, Instant.MIN, upto);
                    }
                }
            }
            day = next;
        }
    }

    /** Counts what became known in [from, to): a wait that ended then, a handling closed before the delay. */
    private void add(CallFacts c, Instant from, Instant to) {
        Instant waitEnd = WaitLedger.waitEnded(c);
        if (waitEnd != null && !waitEnd.isBefore(from) && waitEnd.isBefore(to)) {
            ledger.addWait(c);
        }
        if (c.endedAt() != null) {
            Instant handled = c.endedAt().plus(HANDLING_DELAY);
            if (!handled.isBefore(from) && handled.isBefore(to)) {
                ledger.addHandling(c);
            }
        }
    }
}
