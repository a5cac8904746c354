package io.aftercare.persistence;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * How the batch writers (call records, routing decisions) treat a write the database refuses (locked past the busy
 * timeout, briefly unreachable): try again 0.5, 1, 2, 4 and 8 s later, each attempt also waiting out the busy
 * timeout, and only then give up. {@link #close()} cuts the waiting short: one last attempt. Thread-safe.
 */
public final class WriteRetries {
    static final List<Duration> WAITS = List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8));

    /** One write: a transaction that either commits or throws. */
    @FunctionalInterface
    public interface Write {
        void run() throws Exception;
    }

    private final Logger log;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong refusals = new AtomicLong();

    public WriteRetries(Logger log) {
        this.log = log;
    }

    /** Runs {@code write} until it commits; false (logged) when every attempt, or the last after closing, failed. */
    public boolean run(String what, Write write) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                write.run();
                if (attempt > 0) {
                    log.info("{} stored at attempt {}", what, attempt + 1);
                }
                return true;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                refusals.incrementAndGet();
                if (attempt == WAITS.size() || closing.getCount() == 0) {
                    log.error("{} not stored after {} attempts: {}", what, attempt + 1, e.toString());
                    return false;
                }
                log.warn("{} not stored yet, trying again in {} ms: {}", what, WAITS.get(attempt).toMillis(),
                        e.toString());
                closing.await(WAITS.get(attempt).toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Attempts the database refused so far (each is tried again or given up). */
    public long refusals() {
        return refusals.get();
    }

    /** From now on a refused write gets one more attempt at once, then is given up. */
    public void close() {
        closing.countDown();
    }
}
