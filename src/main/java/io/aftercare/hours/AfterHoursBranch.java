package io.aftercare.hours;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.SafeSetVariable;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The after-hours step shared by the route and ivr scripts: when the chosen queue is closed it sets
 * {@code AC_AFTER_HOURS}, {@code AC_AFTER_HOURS_ACTION} and {@code AC_NEXT_OPENING}. A callback is promised only
 * once its case is written (on the background executor, waited for at most a short time); when the case cannot
 * be written in time the caller gets voicemail instead, so no caller is told "we will call you back" without a
 * case behind it. A caller aftercare cannot name gets voicemail too, since a case needs a customer. Thread-safe.
 */
public final class AfterHoursBranch {
    private static final Logger LOG = LoggerFactory.getLogger(AfterHoursBranch.class);

    private final QueueHoursService hours;
    private final Executor background;
    private final Clock clock;
    private final Duration callbackWait;

    /** {@code callbackWait}: how long {@link #apply} waits for a callback case to be written. */
    public AfterHoursBranch(QueueHoursService hours, Executor background, Clock clock, Duration callbackWait) {
        this.hours = hours;
        this.background = background;
        this.clock = clock;
        this.callbackWait = callbackWait;
    }

    /** Empty when the queue is open (nothing is sent); else the branch the caller was given, set on the channel. */
    public Optional<AfterHours> apply(AgiChannel channel, String queue, Optional<Long> customerId,
                                      Optional<String> e164) throws AgiException {
        Optional<AfterHours> closed = branch(queue, customerId, e164, callbackWait);
        if (closed.isPresent()) {
            channel.sendCommand(new SafeSetVariable(DialplanVariables.AFTER_HOURS, "1"));
            channel.sendCommand(new SafeSetVariable(DialplanVariables.AFTER_HOURS_ACTION, closed.get().action().code()));
            channel.sendCommand(new SafeSetVariable(DialplanVariables.NEXT_OPENING, closed.get().nextOpeningText()));
        }
        return closed;
    }

    /**
     * Empty when the queue is open; else the branch the caller gets: a callback whose case was written within
     * {@code wait}, or voicemail. Sends nothing: the route script packs the branch into its one variable.
     */
    public Optional<AfterHours> branch(String queue, Optional<Long> customerId, Optional<String> e164, Duration wait) {
        return preview(queue, customerId, e164).map(branch -> branch.action() == AfterHoursAction.CALLBACK
                && !callbackOpened(customerId.orElseThrow(), e164.orElseThrow(), branch, wait) ? voicemail(branch)
                : branch);
    }

    /**
     * The branch a call would get now, writing nothing (the explain endpoint): empty when the queue is open; a
     * callback only for a known customer with a readable number (its case may still fail to be written).
     */
    public Optional<AfterHours> preview(String queue, Optional<Long> customerId, Optional<String> e164) {
        return hours.afterHours(queue, clock.instant()).map(branch -> branch.action() == AfterHoursAction.CALLBACK
                && (customerId.isEmpty() || e164.isEmpty()) ? voicemail(branch) : branch);
    }

    private static AfterHours voicemail(AfterHours branch) {
        return new AfterHours(branch.queue(), AfterHoursAction.VOICEMAIL, branch.nextOpening());
    }

    /**
     * Writes the callback case on the background executor; true once it is written within {@code wait}. A write
     * not started by then is cancelled, so a caller sent to voicemail gets no case as well (one already running
     * cannot be stopped: that caller may get both, which loses nothing).
     */
    private boolean callbackOpened(long customerId, String e164, AfterHours callback, Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            LOG.warn("no time left to open a callback case for customer {}: caller sent to voicemail", customerId);
            return false;
        }
        CompletableFuture<Void> write;
        try {
            write = CompletableFuture.runAsync(() -> hours.requestCallback(customerId, e164, callback), background);
        } catch (RuntimeException e) { // the executor is full or shut down
            LOG.warn("callback case for customer {} not opened ({}): caller sent to voicemail", customerId,
                    e.toString());
            return false;
        }
        try {
            write.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            boolean cancelled = write.cancel(false);
            LOG.warn("callback case for customer {} not written within {} ms: caller sent to voicemail{}", customerId,
                    wait.toMillis(), cancelled ? "" : " (its write had started and may still open the case)");
        } catch (ExecutionException e) {
            LOG.warn("callback case for customer {} not opened ({}): caller sent to voicemail", customerId,
                    e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
