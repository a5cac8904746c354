package io.aftercare.followups;

import io.aftercare.callbacks.CallbackRequest;
import io.aftercare.callbacks.CallbackRequests;
import io.aftercare.callbacks.CallbackSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the follow-ups their queue's policy gave to the automatic callbacks ({@code follow_ups.state} callback) to
 * {@link CallbackRequests}: a follow-up they take is done (with the callback's id), one they refuse is cancelled
 * (the callbacks refuse a number not callable, on the do-not-call list, or already pending: nobody is called back
 * twice), one that fails stays for the next round. Runs on {@code executor} (the module's), woken after the call-record
 * writer hands some over and every {@code followups.callback_retry_ms}. Thread-safe.
 */
public final class AutoCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(AutoCallbacks.class);
    /** After a wake-up, wait this long: the writer's transaction that handed them over commits first. */
    private static final Duration SETTLE = Duration.ofMillis(500);

    private final FollowUpDao dao;
    private final CallbackRequests callbacks;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean woken = new AtomicBoolean();

    public AutoCallbacks(FollowUpDao dao, CallbackRequests callbacks, Clock clock, ScheduledExecutorService executor) {
        this.dao = dao;
        this.callbacks = callbacks;
        this.clock = clock;
        this.executor = executor;
    }

    /** Hands on what is pending now and then every {@code retry}. */
    public AutoCallbacks start(Duration retry) {
        executor.scheduleWithFixedDelay(this::drainQuietly, 0, retry.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks for a round soon; never blocks (the call-record writer calls it). */
    public void wake() {
        if (woken.compareAndSet(false, true)) {
            executor.schedule(() -> {
                woken.set(false);
                drainQuietly();
            }, SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One round: every pending follow-up asked for once. How many were taken or refused. */
    public int drain() {
        int answered = 0;
        for (FollowUpDao.PendingCallback p : dao.pendingCallbacks(100)) {
            Optional<Long> id = callbacks.request(new CallbackRequest(CallbackSource.ABANDONED, p.pbxId(), p.queue(),
                    p.e164(), p.customerId(), p.originLinkedId(), p.waitingSince(), p.language()));
            if (dao.callbackAnswered(p.id(), id.orElse(null), clock.instant())) {
                answered++;
            }
        }
        return answered;
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("abandoned callers not handed to the automatic callbacks yet, trying again: {}", e.toString());
        }
    }
}
