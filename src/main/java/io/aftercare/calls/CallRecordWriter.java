package io.aftercare.calls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import io.aftercare.persistence.WriteRetries;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TrackingSink} that stores records in batches on its own thread: whatever queued up while the last
 * transaction ran goes into the next one, with repeated upserts of the same contact or segment folded into the
 * last, so a burst never makes it fall behind. A batch the database refuses (locked past the busy timeout,
 * briefly unreachable) is tried again 0.5, 1, 2, 4 and 8 s later before it is dropped and logged, while new records
 * queue: a lost batch would leave contacts open and talk, hold and after-call-work segments without an end.
 * {@link #close()} writes everything still queued and cuts those waits short. Thread-safe.
 */
public final class CallRecordWriter implements TrackingSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecordWriter.class);
    private static final int MAX_BATCH = 20_000;
    private static final Object STOP = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Jdbi jdbi;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private volatile boolean closed;
    private final WriteRetries retries = new WriteRetries(LOG);

    public CallRecordWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.thread = Thread.ofPlatform().name("call-record-writer").daemon(true).start(this::run);
    }

    @Override
    public void contact(ContactRecord contact) {
        enqueued.incrementAndGet();
        queue.add(contact);
    }

    @Override
    public void segment(SegmentRecord segment) {
        enqueued.incrementAndGet();
        queue.add(segment);
    }

    @Override
    public void agentState(AgentStateChange change) {
        enqueued.incrementAndGet();
        queue.add(change);
    }

    /** Records stored so far (after folding). */
    public long written() {
        return written.get();
    }

    /** True when every record handed in so far has been through a transaction (stored or logged as failed). */
    public boolean isIdle() {
        return handled.get() == enqueued.get();
    }

    /** Records waiting to be stored. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH);
                stop = batch.remove(STOP);
                write(batch);
            } catch (InterruptedException e) {
                stop = true;
                Thread.currentThread().interrupt();
            } finally {
                batch.clear();
            }
        }
        List<Object> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.remove(STOP);
        write(rest);
    }

    private void write(List<Object> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, ContactRecord> contacts = new LinkedHashMap<>();
        Map<String, SegmentRecord> segments = new LinkedHashMap<>();
        List<AgentStateChange> states = new ArrayList<>();
        for (Object o : batch) {
            switch (o) {
                case ContactRecord c -> contacts.put(c.pbxId() + '\u0000' + c.linkedId(), c);
                case SegmentRecord s -> segments.merge(s.pbxId() + '\u0000' + s.linkedId() + '\u0000' + s.kind()
                        + '\u0000' + s.agent() + '\u0000' + s.startedAt(), s, (old, neu) -> neu.endedAt() != null ? neu : old);
                case AgentStateChange a -> states.add(a);
                default -> throw new IllegalStateException("unexpected record " + o);
            }
        }
        try {
            boolean stored = retries.run(batch.size() + " call records", () ->
                    jdbi.useTransaction(h -> { // CallDao's SQL bound directly: attaching it cost more than the writes
                        batch(h, CallDao.UPSERT_CONTACT, contacts.values());
                        batch(h, CallDao.UPSERT_SEGMENT, segments.values());
                        batch(h, CallDao.INSERT_AGENT_STATE, states);
                    }));
            if (stored) {
                written.addAndGet(contacts.size() + segments.size() + states.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("{} call records not stored: interrupted", batch.size());
        } finally {
            handled.addAndGet(batch.size());
        }
    }

    private static void batch(Handle h, String sql, Collection<?> records) {
        if (records.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch(sql);
        records.forEach(r -> batch.bindMethods(r).add());
        batch.execute();
    }

    /** Stores everything queued, then stops the writer thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        retries.close();
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
