package io.aftercare.routing;

import io.aftercare.persistence.JdbcValues;
import io.aftercare.persistence.WriteRetries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes routing decisions from one thread in batches, one transaction each: SQLite has a single writer, and
 * one INSERT per call from many threads spent most of a route in lock waits and commits (see
 * doc/benchmarks.md, "FastAGI route"). A batch the database refuses is tried again ({@link WriteRetries}) for
 * about 15 s and then dropped. A call only enqueues; when the queue is full the decision is logged and dropped
 * rather than delaying the caller. A decision is the route's explanation, not a call record: the call itself is
 * recorded by call tracking, which never drops. Depth, refusals and drops are counted for {@code /metrics}.
 * Thread-safe.
 */
public final class DecisionRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionRecorder.class);
    private static final int CAPACITY = 20_000;
    private static final int BATCH = 500;
    /**
     * How long a batch waits for more decisions after its first. Each commit costs SQLite a lock, WAL frames and
     * now and then a checkpoint; at 1,700 routes a second the writer committed a few rows at a time and the
     * recording took a third of the route's CPU (doc/benchmarks.md, "FastAGI route"). 100 ms made each commit a
     * burst of several milliseconds of CPU that the calls in flight waited behind; 25 ms gave no lower route ratio and
     * spreads it. A decision is then readable at most this much later; the screen pop falls back to the caller's
     * number meanwhile.
     */
    static final Duration LINGER = Duration.ofMillis(25);
    private static final String INSERT = "INSERT INTO routing_decisions (uniqueid, linkedid, pbx_id, caller_raw,"
            + " caller_e164, dnid, customer_id, case_id, rule_id, rule_name, queue, priority, ivr_menu, preferred_agent,"
            + " fallback, reason, created_at) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int COLUMNS = 17;
    /** Rows per PostgreSQL INSERT: 1,088 parameters, far below its limit of 65,535. */
    private static final int ROWS_PER_STATEMENT = 64;

    private final Jdbi jdbi;
    private final BlockingQueue<RecordedDecision> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    private final WriteRetries retries = new WriteRetries(LOG);

    public DecisionRecorder(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.writer = Thread.ofPlatform().daemon().name("route-decisions").start(this::loop);
    }

    /** Queues a decision for the next batch; false (and logged) when the queue is full or closed. */
    public boolean offer(RecordedDecision decision) {
        if (!closed && queue.offer(decision)) {
            return true;
        }
        long n = dropped.incrementAndGet();
        LOG.warn("routing decision for uniqueid {} not recorded: writer behind ({} dropped so far)",
                decision.uniqueid(), n);
        return false;
    }

    private void loop() {
        List<RecordedDecision> batch = new ArrayList<>(BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                RecordedDecision first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds what arrives within {@link #LINGER} of the first decision, up to a full batch. */
    private void gather(List<RecordedDecision> batch) throws InterruptedException {
        long until = System.nanoTime() + LINGER.toNanos();
        while (batch.size() < BATCH) {
            queue.drainTo(batch, BATCH - batch.size());
            long left = until - System.nanoTime();
            if (left <= 0 || batch.size() >= BATCH) {
                return;
            }
            RecordedDecision next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /** Writes the batch, tried again while the database refuses it ({@link WriteRetries}). */
    private void write(List<RecordedDecision> batch) throws InterruptedException {
        if (!retries.run(batch.size() + " routing decisions (first uniqueid " + batch.get(0).uniqueid() + ")",
                () -> jdbi.useTransaction(h -> insert(h.getConnection(), batch)))) {
            dropped.addAndGet(batch.size());
        }
    }

    /** Decisions waiting to be written. */
    public int queued() {
        return queue.size();
    }

    /** Decisions never written: the queue was full, or the database refused their batch at every attempt. */
    public long dropped() {
        return dropped.get();
    }

    /** Batch transactions the database refused (each tried again, or its decisions dropped). */
    public long refusals() {
        return retries.refusals();
    }

    /**
     * In plain JDBC: jdbi's per-row binding of 17 record methods cost more CPU than SQLite's inserts. SQLite takes a
     * JDBC batch of one-row statements; PostgreSQL multi-row INSERTs of up to {@link #ROWS_PER_STATEMENT} rows,
     * since each statement of a batch is a message and an execution in a server that shares the machine
     * (100,000 decisions: 2.3-2.6 s against 3.2-3.5 s; on SQLite the multi-row form cost more, doc/benchmarks.md).
     */
    private static void insert(Connection c, List<RecordedDecision> batch) throws SQLException {
        if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
            for (int from = 0; from < batch.size(); from += ROWS_PER_STATEMENT) {
                List<RecordedDecision> rows = batch.subList(from, Math.min(batch.size(), from + ROWS_PER_STATEMENT));
                try (PreparedStatement ps = c.prepareStatement(INSERT
                        + String.join(", ", Collections.nCopies(rows.size(), ROW)))) {
                    int at = 0;
                    for (RecordedDecision d : rows) {
                        bind(ps, at, d);
                        at += COLUMNS;
                    }
                    ps.executeUpdate();
                }
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT + ROW)) {
            for (RecordedDecision d : batch) {
                bind(ps, 0, d);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, int at, RecordedDecision d) throws SQLException {
        ps.setString(at + 1, d.uniqueid());
        ps.setString(at + 2, d.linkedid());
        ps.setString(at + 3, d.pbxId());
        ps.setString(at + 4, d.callerRaw());
        ps.setString(at + 5, d.callerE164());
        ps.setString(at + 6, d.dnid());
        JdbcValues.setNullableLong(ps, at + 7, d.customerId());
        JdbcValues.setNullableLong(ps, at + 8, d.caseId());
        JdbcValues.setNullableLong(ps, at + 9, d.ruleId());
        ps.setString(at + 10, d.ruleName());
        ps.setString(at + 11, d.queue());
        ps.setInt(at + 12, d.priority());
        ps.setString(at + 13, d.ivrMenu());
        ps.setString(at + 14, d.preferredAgent());
        ps.setBoolean(at + 15, d.fallback());
        ps.setString(at + 16, d.reason());
        ps.setLong(at + 17, d.createdAt().toEpochMilli());
    }

    /** Writes what is queued (up to {@code wait}) and stops. */
    public void close(Duration wait) {
        closed = true;
        retries.close();
        try {
            writer.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
