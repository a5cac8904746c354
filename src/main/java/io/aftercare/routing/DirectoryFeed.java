package io.aftercare.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * <p>On PostgreSQL a journal id can commit after a higher one (identity values are handed out before commit): an
 * id missing below the highest one read is looked for again on every poll, up to {@link #GAP_WAIT} (a long
 * import chunk's transaction), before it is taken for a rolled-back transaction and passed over; rows above it
 * are applied meanwhile. Thread-safe: the work runs on the feed's thread.
 */
final class DirectoryFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryFeed.class);
    static final Duration GAP_WAIT = Duration.ofMinutes(10);
    /** At start, the journal ids this far below the highest are checked for ones not yet committed. */
    private static final int START_WINDOW = 1_000;
    /** Missing ids looked for again per poll, at most. */
    private static final int GAPS_CHECKED = 1_000;
    private static final Duration KEEP = Duration.ofDays(1);
    private static final int PAGE = 10_000;

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
    /** The highest journal id read so far; new rows are those above it. Feed thread only. */
    private long highest;
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
        // The load sees what has committed; an id below the highest that has not committed yet (PostgreSQL) is
        // a gap the polls look for, like any other.
        highest = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM customer_changes")
                .mapTo(Long.class).one());
        applied = Math.max(0, highest - START_WINDOW);
        appliedAbove.addAll(jdbi.withHandle(h -> h.createQuery("SELECT id FROM customer_changes WHERE id > :from"
                + " AND id <= :to").bind("from", applied).bind("to", highest).mapTo(Long.class).list()));
        loadAll();
        advance();
        started = true;
        thread.scheduleWithFixedDelay(this::pollSafely, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::reloadSafely, reload.toMillis(), reload.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Applies every journal row committed so far, on the feed's thread; completes when done (tests, benchmarks). */
    CompletableFuture<Void> catchUp() {
        return started ? CompletableFuture.runAsync(this::poll, thread) : CompletableFuture.completedFuture(null);
    }

    private void loadAll() {
        long t0 = System.nanoTime();
        var callers = reader.all(today());
        directory.replaceAll(callers);
        LOG.info("caller directory: {} customers loaded in {} ms", callers.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | OutOfMemoryError e) { // a locked or lost database: the next poll tries again
            LOG.warn("caller directory: reading the change journal failed ({}); retrying", e.toString());
        }
    }

    private void reloadSafely() {
        try {
            loadAll();
            long before = clock.millis() - KEEP.toMillis();
            long upTo = applied; // never a row this instance has not applied yet
            int pruned = jdbi.withHandle(h -> h.createUpdate("DELETE FROM customer_changes WHERE changed_at < :before"
                    + " AND id <= :upTo").bind("before", before).bind("upTo", upTo).execute());
            LOG.debug("caller directory: {} journal rows pruned", pruned);
        } catch (RuntimeException | OutOfMemoryError e) { // a reload holds two directories at once for a while
            LOG.warn("caller directory: full reload failed ({}); keeping what it holds", e.toString());
        }
    }

    private void poll() {
        List<Long> missing = missing();
        apply(missing.isEmpty() ? List.of() : read("SELECT id, customer_id FROM customer_changes WHERE id IN (<ids>)",
                missing));
        while (true) {
            List<Change> page = read("SELECT id, customer_id FROM customer_changes WHERE id > " + highest
                    + " ORDER BY id LIMIT " + PAGE, null);
            apply(page);
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private List<Change> read(String sql, List<Long> ids) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql);
            return (ids == null ? q : q.bindList("ids", ids)).map((rs, ctx) -> {
                long customer = rs.getLong(2);
                Long customerId = rs.wasNull() ? null : customer; // before the next getter
                return new Change(rs.getLong(1), customerId);
            }).list();
        });
    }

    /** Re-reads the customers {@code changes} name (everyone for a row naming nobody) and notes the ids applied. */
    private void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            advance();
            return;
        }
        boolean everyone = false;
        Set<Long> customers = new HashSet<>();
        for (Change c : changes) {
            if (c.customerId() == null) {
                everyone = true;
            } else {
                customers.add(c.customerId());
            }
        }
        if (everyone) {
            loadAll();
        } else {
            directory.replace(customers, reader.of(customers, today()));
        }
        for (Change c : changes) {
            highest = Math.max(highest, c.id());
            if (c.id() > applied) {
                appliedAbove.add(c.id());
            }
        }
        advance();
    }

    /** Ids between {@link #applied} and {@link #highest} not read yet (uncommitted or rolled back), the first few. */
    private List<Long> missing() {
        List<Long> out = new ArrayList<>();
        for (long id = applied + 1; id < highest && out.size() < GAPS_CHECKED; id++) {
            if (!appliedAbove.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Moves {@link #applied} over consecutive applied ids, and over gaps that have waited {@link #GAP_WAIT}. */
    private void advance() {
        while (applied < highest) {
            if (appliedAbove.remove(applied + 1)) {
                applied++;
                gapSeenAt = -1;
            } else if (gapSeenAt < 0) {
                gapSeenAt = System.nanoTime();
                return;
            } else if (System.nanoTime() - gapSeenAt >= GAP_WAIT.toNanos()) {
                long next = appliedAbove.isEmpty() ? highest : appliedAbove.first() - 1;
                LOG.warn("caller directory: journal ids {} to {} never committed in {}; passed over (a change they held"
                        + " reaches routing at the next full reload)", applied + 1, next, GAP_WAIT);
                applied = next;
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
