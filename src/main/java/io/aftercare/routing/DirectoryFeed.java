package io.aftercare.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link CallerDirectory} and keeps it current on one thread of its own: a full load at start, then
 * every poll interval the rows added to the change journal ({@code customer_changes}) since the last poll, each
 * naming a customer to re-read (or, with no customer, everyone); a full reload every reload interval catches
 * writes made around the journal, and prunes journal rows older than a day.
 *
 * <p>Journal ids are applied in order. On PostgreSQL an id can commit after a higher one (identity values are
 * handed out before commit), so an id missing below others is waited for, up to {@link #GAP_WAIT}, before it
 * is taken for a rolled-back transaction and passed over. Thread-safe: the work runs on the feed's thread.
 */
final class DirectoryFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryFeed.class);
    static final Duration GAP_WAIT = Duration.ofSeconds(30);
    private static final Duration KEEP = Duration.ofDays(1);
    private static final int PAGE = 10_000;
    /** More customers than this changed in one poll (a large import): one full reload is cheaper. */
    private static final int RELOAD_ABOVE = 20_000;

    private record Change(long id, Long customerId) {}

    private final Jdbi jdbi;
    private final CallerDirectory directory;
    private final CallerDirectoryReader reader;
    private final Clock clock;
    private final ZoneId zone;
    private final ScheduledExecutorService thread;
    /** Every journal id up to here has been applied (or passed over as rolled back). Feed thread only. */
    private long applied;
    /** Ids above {@link #applied} already applied, while a lower one is missing. Feed thread only. */
    private final TreeSet<Long> appliedAbove = new TreeSet<>();
    private long gapSeenAt = -1;
    private volatile boolean started;

    DirectoryFeed(Jdbi jdbi, CallerDirectory directory, CallerDirectoryReader reader, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.reader = reader;
        this.clock = clock;
        this.zone = zone;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("caller-directory").factory());
    }

    /** The first full load, on the calling thread (start-up waits for it), then polls and reloads on the feed's. */
    void start(Duration poll, Duration reload) {
        applied = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM customer_changes")
                .mapTo(Long.class).one());
        loadAll();
        started = true;
        thread.scheduleWithFixedDelay(this::pollSafely, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::reloadSafely, reload.toMillis(), reload.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Applies every journal row committed so far, on the feed's thread; completes when done (tests, benchmarks). */
    CompletableFuture<Void> catchUp() {
        return started ? CompletableFuture.runAsync(this::poll, thread) : CompletableFuture.completedFuture(null);
    }

    private void loadAll() {
        long started = System.nanoTime();
        var callers = reader.all(today());
        directory.replaceAll(callers);
        LOG.info("caller directory: {} customers loaded in {} ms", callers.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) { // a locked or lost database: the next poll tries again
            LOG.warn("caller directory: reading the change journal failed ({}); retrying", e.toString());
        }
    }

    private void reloadSafely() {
        try {
            loadAll();
            long before = clock.millis() - KEEP.toMillis();
            int pruned = jdbi.withHandle(h -> h.createUpdate("DELETE FROM customer_changes WHERE changed_at < :before")
                    .bind("before", before).execute());
            LOG.debug("caller directory: {} journal rows pruned", pruned);
        } catch (RuntimeException e) {
            LOG.warn("caller directory: full reload failed ({}); keeping what it holds", e.toString());
        }
    }

    private void poll() {
        while (true) {
            List<Change> page = jdbi.withHandle(h -> h.createQuery(
                            "SELECT id, customer_id FROM customer_changes WHERE id > :after ORDER BY id LIMIT " + PAGE)
                    .bind("after", applied)
                    .map((rs, ctx) -> {
                        long customer = rs.getLong(2);
                        Long customerId = rs.wasNull() ? null : customer; // before the next getter
                        return new Change(rs.getLong(1), customerId);
                    }).list());
            boolean everyone = false;
            Set<Long> customers = new HashSet<>();
            Set<Long> fresh = new HashSet<>();
            for (Change c : page) {
                if (!appliedAbove.contains(c.id())) {
                    fresh.add(c.id());
                    if (c.customerId() == null) {
                        everyone = true;
                    } else {
                        customers.add(c.customerId());
                    }
                }
            }
            if (everyone || customers.size() > RELOAD_ABOVE) {
                loadAll();
            } else if (!customers.isEmpty()) {
                directory.replace(customers, reader.of(customers, today()));
            }
            appliedAbove.addAll(fresh);
            advance();
            if (page.size() < PAGE || fresh.isEmpty()) {
                return;
            }
        }
    }

    /** Moves {@link #applied} over consecutive applied ids, and over a gap that has waited {@link #GAP_WAIT}. */
    private void advance() {
        while (!appliedAbove.isEmpty()) {
            long first = appliedAbove.first();
            if (first == applied + 1) {
                appliedAbove.pollFirst();
                applied = first;
                gapSeenAt = -1;
            } else if (gapSeenAt < 0) {
                gapSeenAt = System.nanoTime();
                return;
            } else if (System.nanoTime() - gapSeenAt >= GAP_WAIT.toNanos()) {
                LOG.debug("caller directory: journal ids {}..{} never committed; passed over", applied + 1, first - 1);
                applied = first - 1;
                gapSeenAt = -1;
            } else {
                return;
            }
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
