package io.aftercare.callbacks;

import io.aftercare.ami.AmiConnector;
import io.aftercare.calls.CallTracker;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.calls.WaitingCall;
import io.aftercare.config.AftercareConfig;
import io.aftercare.surveys.SurveyCallees;
import io.aftercare.telephony.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires queue callbacks: the request service, the {@code vhold} FastAGI script and, when a PBX is attached, the
 * offers (each second, over call tracking's waiting callers) and the dialer, on one thread of their own.
 * Thread-safe once built.
 */
public final class CallbacksModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallbacksModule.class);
    /** The callback defaults (doc/callbacks.md): a day to reach the customer, 3 attempts 10 minutes apart. */
    public static final Duration VALIDITY = Duration.ofHours(24);
    public static final CallbackDialer.Settings DEFAULTS = new CallbackDialer.Settings(Duration.ofHours(1), 3,
            Duration.ofMinutes(10), "PJSIP/${digits}@trunk", "\"Aftercare\" <1800>");

    private final Callbacks callbacks;
    private final VholdAgiScript script;
    private final ScheduledExecutorService thread;
    private final CallbackDao dao;
    private volatile CallbackDao.Backlog backlog = CallbackDao.Backlog.NONE;

    /**
     * @param settings the dialer's settings (the customer channel and caller ID come from {@code calls})
     * @param estimate the estimated wait of a caller entering a queue now
     */
    public CallbacksModule(AftercareConfig config, Jdbi jdbi, PhoneNumbers phones, Optional<AmiConnector> ami,
                           CallTrackingService tracking, CallbackDialer.Settings settings,
                           Function<String, Optional<Duration>> estimate, Clock clock) {
        this.dao = new CallbackDao(jdbi);
        this.callbacks = new Callbacks(dao, phones, VALIDITY, clock);
        String pbx = config.ami().pbxId();
        this.script = new VholdAgiScript(callbacks, estimate, tracking, pbx, clock);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("callbacks")
                .daemon(true).unstarted(r));
        if (ami.isEmpty()) {
            return;
        }
        AmiConnector connector = ami.get();
        String owner = pbx + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        CallbackDialer.Settings s = new CallbackDialer.Settings(settings.maxQueueWait(), settings.maxAttempts(),
                settings.retryBackoff(), config.calls().customerChannelTemplate(), config.calls().outboundCallerId());
        CallbackDialer dialer = new CallbackDialer(dao, new SurveyCallees(phones), SurveyCallees.window(config.surveys()),
                s, pbx, owner, connector::originate, (queue, since) -> (int) waiting(tracking).stream()
                .filter(w -> w.queue().equals(queue) && w.queuedAt().isBefore(since)).count(),
                new io.aftercare.surveys.SurveyJobDao(jdbi)::place, thread, clock);
        VirtualHoldOffers offers = new VirtualHoldOffers(phones, (p, queue, channel, linkedId, uniqueId, info) ->
                connector.withdrawCaller(p, queue, channel, linkedId, uniqueId, info).whenComplete((ok, e) -> {
                    if (e != null) {
                        LOG.info("callback offer to call {} not made: {}", linkedId, e.getMessage());
                    }
                }), estimate, clock);
        thread.scheduleWithFixedDelay(() -> {
            try {
                List<WaitingCall> waiting = waiting(tracking);
                if (!waiting.isEmpty()) { // the queues' settings as they are now: one small query
                    offers.round(waiting, dao.offers());
                }
                dialer.tick();
                backlog = dao.backlog();
            } catch (RuntimeException e) {
                LOG.warn("callback round failed; the next one retries: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        LOG.info("callbacks running as {}", owner);
    }

    private static List<WaitingCall> waiting(CallTrackingService tracking) {
        try {
            return tracking.ask(CallTracker::waiting).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("call tracking did not answer: " + e, e);
        }
    }

    /** The backlog as the latest round read it (every second while a PBX is attached), for /metrics. */
    public CallbackDao.Backlog backlog() {
        return backlog;
    }

    public Callbacks callbacks() {
        return callbacks;
    }

    public VholdAgiScript script() {
        return script;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
