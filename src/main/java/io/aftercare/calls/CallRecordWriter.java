package io.aftercare.calls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TrackingSink} that stores records in batches on its own thread: whatever queued up while the last
 * transaction ran goes into the next one, with repeated upserts of the same contact or segment folded into the
 * last, so a burst never makes it fall behind. Nothing is ever dropped: a batch the database refuses (locked past
 * the busy timeout, unreachable, read-only) is tried again, 0.5 s later and then up to every 8 s, for as long as it
 * takes, while new records queue in memory up to {@code memoryLimit} and after that in a spill file, in order; the
 * spill file outlives the process and is stored first at the next start. A lost record would leave contacts open
 * and segments without an end. {@link #close()} stores what it can at once and spills the rest. Thread-safe.
 */
public final class CallRecordWriter implements TrackingSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecordWriter.class);
    private static final int MAX_BATCH = 20_000;
    /** Records kept in memory while the database refuses them, by default; then they go to the spill file. */
    public static final int MEMORY_LIMIT = 200_000;
    private static final long MAX_WAIT_MS = 8_000;
    private static final long REPORT_EVERY_MS = 30_000;
    private static final Object STOP = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Jdbi jdbi;
    private final int memoryLimit;
    private final Thread thread;
    /** Guards the spill file and the choice between memory and spill file. */
    private final Object lock = new Object();
    private final RecordSpill spill;
    private final StoredContacts hook;
    /** True from the first record spilled until the spill file is stored: new records go after it, to keep order. */
    private boolean spilling;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong spilledTotal = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private volatile long waitingOnDisk;
    private volatile int inMemory;
    private volatile boolean closed;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    /** A writer whose spill file is a new temporary file (tests, benchmarks). */
    public CallRecordWriter(Jdbi jdbi) {
        this(jdbi, temporarySpill(), MEMORY_LIMIT);
    }

    /**
     * Where call records wait while the database refuses them: next to a SQLite file ({@code <file>.records-spill}),
     * else (PostgreSQL, an in-memory SQLite) {@code aftercare.records-spill} in the working directory.
     */
    public static Path spillFileFor(String databaseUrl) {
        if (databaseUrl.startsWith("jdbc:sqlite:")) {
            String file = databaseUrl.substring("jdbc:sqlite:".length());
            file = file.startsWith("file:") ? file.substring("file:".length()) : file;
            file = file.contains("?") ? file.substring(0, file.indexOf('?')) : file;
            if (!file.isBlank() && !file.contains(":memory:")) {
                return Path.of(file + ".records-spill");
            }
        }
        return Path.of("aftercare.records-spill");
    }

    /**
     * @param spillFile where records wait once {@code memoryLimit} of them wait in memory; records a previous run
     *                  left there are stored first
     */
    public CallRecordWriter(Jdbi jdbi, Path spillFile, int memoryLimit) {
        this(jdbi, spillFile, memoryLimit, StoredContacts.NONE);
    }

    /** As {@link #CallRecordWriter(Jdbi, Path, int)}, telling {@code hook} of each batch's contacts. */
    public CallRecordWriter(Jdbi jdbi, Path spillFile, int memoryLimit, StoredContacts hook) {
        this.jdbi = jdbi;
        this.hook = hook;
        this.memoryLimit = memoryLimit;
        this.spill = new RecordSpill(spillFile);
        if (!spill.isEmpty()) {
            LOG.warn("{} call records a previous run could not store wait in {}: storing them first",
                    spill.waiting(), spillFile);
            spilling = true;
            waitingOnDisk = spill.waiting();
            enqueued.addAndGet(spill.waiting());
        }
        this.thread = Thread.ofPlatform().name("call-record-writer").daemon(true).start(this::run);
    }

    private static Path temporarySpill() {
        try {
            Path dir = Files.createTempDirectory("aftercare-records");
            dir.toFile().deleteOnExit();
            return dir.resolve("call-records.spill");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void contact(ContactRecord contact) {
        add(contact);
    }

    @Override
    public void segment(SegmentRecord segment) {
        add(segment);
    }

    @Override
    public void agentState(AgentStateChange change) {
        add(change);
    }

    private void add(Object record) {
        enqueued.incrementAndGet();
        synchronized (lock) {
            if (spilling || queue.size() + inMemory >= memoryLimit) {
                try {
                    if (!spilling) {
                        LOG.warn("{} call records wait in memory while the database refuses them: the next ones wait"
                                + " in {}", queue.size(), spill.file());
                    }
                    spill.append(record);
                    spilling = true;
                    spilledTotal.incrementAndGet();
                    waitingOnDisk = spill.waiting();
                    return;
                } catch (IOException e) { // no disk either: memory is all there is
                    LOG.error("cannot spill a call record to {}: kept in memory", spill.file(), e);
                }
            }
            queue.add(record);
        }
    }

    /** Records stored so far (after folding). */
    public long written() {
        return written.get();
    }

    /** True when every record handed in so far has been stored. */
    public boolean isIdle() {
        return handled.get() == enqueued.get();
    }

    /** Records waiting to be stored: in memory (queued, or in the batch being tried) and in the spill file. */
    public long backlog() {
        return (long) queue.size() + inMemory + waitingOnDisk;
    }

    /** Records that went to the spill file since start. */
    public long spilled() {
        return spilledTotal.get();
    }

    /** Transactions the database refused since start (each is tried again). */
    public long refusals() {
        return refusals.get();
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        boolean fromDisk = false;
        long failingSince = 0;
        long reported = 0;
        long wait = 500;
        boolean stop = false;
        while (!stop) {
            try {
                if (batch.isEmpty()) {
                    Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                    }
                }
                if (batch.size() < MAX_BATCH && !fromDisk) {
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
                stop = batch.remove(STOP) || closed;
                if (batch.isEmpty()) {
                    batch.addAll(fromSpill());
                    fromDisk = !batch.isEmpty();
                }
                inMemory = batch.size();
                if (batch.isEmpty() || stop) {
                    continue;
                }
                if (write(batch)) {
                    handled.addAndGet(batch.size());
                    if (fromDisk) {
                        storedFromDisk(batch.size());
                    }
                    if (failingSince != 0) {
                        LOG.info("call records stored again after {} s", (System.currentTimeMillis() - failingSince)
                                / 1000);
                    }
                    batch.clear();
                    inMemory = 0;
                    fromDisk = false;
                    failingSince = 0;
                    wait = 500;
                    continue;
                }
                long now = System.currentTimeMillis();
                if (failingSince == 0) {
                    failingSince = now;
                    reported = now;
                } else if (now - reported >= REPORT_EVERY_MS) {
                    reported = now;
                    LOG.warn("call records not stored for {} s: {} wait in memory, {} in {}", (now - failingSince)
                            / 1000, queue.size() + batch.size(), waitingOnDisk, spill.file());
                }
                if (closing.await(wait, TimeUnit.MILLISECONDS)) {
                    stop = true;
                }
                wait = Math.min(MAX_WAIT_MS, wait * 2);
            } catch (InterruptedException e) {
                stop = true;
                Thread.currentThread().interrupt();
            }
        }
        finish(batch, fromDisk);
    }

    private void storedFromDisk(int count) {
        synchronized (lock) {
            try {
                spill.stored(count);
            } catch (IOException e) { // stored twice at worst: every write is an idempotent upsert but the state log's
                LOG.error("cannot mark stored call records in {}", spill.file(), e);
            }
            waitingOnDisk = spill.waiting();
        }
    }

    /** The next chunk of the spill file, once memory is empty; ends spilling when the file is all stored. */
    private List<Object> fromSpill() {
        synchronized (lock) {
            if (!spilling) {
                return List.of();
            }
            if (spill.isEmpty()) {
                if (queue.isEmpty()) {
                    spilling = false; // everything is stored: back to memory
                }
                return List.of();
            }
            try {
                return spill.read(MAX_BATCH);
            } catch (IOException e) {
                LOG.error("cannot read the call records waiting in {}", spill.file(), e);
                return List.of();
            }
        }
    }

    /** At close: one last attempt with what is in memory, then whatever could not be stored goes to disk. */
    private void finish(List<Object> batch, boolean fromDisk) {
        List<Object> rest = new ArrayList<>(fromDisk ? List.of() : batch);
        queue.drainTo(rest);
        rest.remove(STOP);
        boolean stored = rest.isEmpty() || write(rest);
        synchronized (lock) {
            try {
                if (stored) {
                    handled.addAndGet(rest.size());
                } else {
                    spill.prepend(rest);
                    LOG.warn("{} call records could not be stored before stopping: they wait in {} for the next start",
                            spill.waiting(), spill.file());
                }
                spill.close();
            } catch (IOException e) {
                LOG.error("{} call records are lost: the database refused them and {} could not be written",
                        rest.size(), spill.file(), e);
            }
        }
        inMemory = 0;
    }

    /** One transaction with the batch folded; false (counted) when the database refused it. */
    private boolean write(List<Object> batch) {
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
            jdbi.useTransaction(h -> { // CallDao's SQL bound directly: attaching it cost more than the writes
                batch(h, CallDao.UPSERT_CONTACT, contacts.values());
                batch(h, CallDao.UPSERT_SEGMENT, segments.values());
                batch(h, CallDao.INSERT_AGENT_STATE, states);
                tell(h, contacts.values());
            });
            written.addAndGet(contacts.size() + segments.size() + states.size());
            return true;
        } catch (RuntimeException e) {
            refusals.incrementAndGet();
            LOG.warn("{} call records not stored yet, trying again: {}", batch.size(), e.toString());
            return false;
        }
    }

    /** Runs the hook behind a savepoint: what it fails to write is undone, the records are stored all the same. */
    private void tell(Handle h, Collection<ContactRecord> contacts) {
        if (contacts.isEmpty() || hook == StoredContacts.NONE) {
            return;
        }
        h.savepoint("stored_contacts");
        try {
            hook.stored(h, contacts);
            h.releaseSavepoint("stored_contacts");
        } catch (RuntimeException e) {
            h.rollbackToSavepoint("stored_contacts");
            LOG.error("what follows {} stored call records (webhook events) was not written", contacts.size(), e);
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

    /** Stores everything queued (or spills what the database refuses), then stops the writer thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
