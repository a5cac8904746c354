package io.aftercare.hours;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.SafeSetVariable;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The after-hours step shared by the route and ivr scripts: when the chosen queue is closed it sets
 * {@code AC_AFTER_HOURS}, {@code AC_AFTER_HOURS_ACTION} and {@code AC_NEXT_OPENING}, and for a callback opens a
 * callback case in the background; a caller aftercare cannot name gets voicemail, since a case needs a
 * customer. Thread-safe.
 */
public final class AfterHoursBranch {
    private static final Logger LOG = LoggerFactory.getLogger(AfterHoursBranch.class);

    private final QueueHoursService hours;
    private final Executor background;
    private final Clock clock;

    public AfterHoursBranch(QueueHoursService hours, Executor background, Clock clock) {
        this.hours = hours;
        this.background = background;
        this.clock = clock;
    }

    /** Empty when the queue is open (nothing is sent); else the branch the caller was given, set on the channel. */
    public Optional<AfterHours> apply(AgiChannel channel, String queue, Optional<Long> customerId,
                                      Optional<String> e164) throws AgiException {
        Optional<AfterHours> closed = branch(queue, customerId, e164);
        if (closed.isPresent()) {
            channel.sendCommand(new SafeSetVariable(DialplanVariables.AFTER_HOURS, "1"));
            channel.sendCommand(new SafeSetVariable(DialplanVariables.AFTER_HOURS_ACTION, closed.get().action().code()));
            channel.sendCommand(new SafeSetVariable(DialplanVariables.NEXT_OPENING, closed.get().nextOpeningText()));
        }
        return closed;
    }

    /**
     * Empty when the queue is open; else the branch the caller gets, with its callback case already requested.
     * Sends nothing: the route script packs the branch into its one variable.
     */
    public Optional<AfterHours> branch(String queue, Optional<Long> customerId, Optional<String> e164) {
        Optional<AfterHours> closed = hours.afterHours(queue, clock.instant());
        if (closed.isEmpty()) {
            return closed;
        }
        AfterHours branch = closed.get();
        if (branch.action() == AfterHoursAction.CALLBACK && (customerId.isEmpty() || e164.isEmpty())) {
            branch = new AfterHours(branch.queue(), AfterHoursAction.VOICEMAIL, branch.nextOpening());
        }
        if (branch.action() == AfterHoursAction.CALLBACK) {
            AfterHours callback = branch;
            try {
                CompletableFuture.runAsync(() -> hours.requestCallback(customerId.get(), e164.get(), callback),
                        background).exceptionally(e -> {
                            LOG.warn("callback case for customer {} not opened: {}", customerId.get(), e.toString());
                            return null;
                        });
            } catch (RuntimeException e) {
                LOG.warn("callback case for customer {} not opened: {}", customerId.get(), e.toString());
            }
        }
        return Optional.of(branch);
    }
}
