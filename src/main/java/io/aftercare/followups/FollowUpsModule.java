package io.aftercare.followups;

import io.aftercare.callbacks.CallbackRequests;
import io.aftercare.calls.StoredContacts;
import io.aftercare.config.AftercareConfig;
import io.aftercare.controls.ClickToCall;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.telephony.events.MailboxChanged;
import io.aftercare.web.Handlers;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires follow-ups: the call-record hook that makes abandoned calls work ({@link #storedContacts()}), the hand-off
 * of those their queue calls back automatically ({@link #handTo}), the voicemail reader (when
 * {@code followups.voicemail_spool} is set; feed it {@link #mailboxChanged}) and, once click-to-call exists, the
 * service and routes. Thread-safe.
 */
public final class FollowUpsModule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FollowUpsModule.class);
    /** How often the backlog gauges are read again. */
    static final Duration BACKLOG_EVERY = Duration.ofSeconds(15);

    private final FollowUpDao dao;
    private final Clock clock;
    private final AbandonedCalls abandoned;
    private final AftercareConfig.FollowUps config;
    private volatile AutoCallbacks autoCallbacks; // null until handTo
    private final Optional<VoicemailSpool> spool;
    private final Optional<Voicemails> voicemails;
    private final ScheduledExecutorService scheduler;
    private volatile List<FollowUpDao.Backlog> backlog = List.of();

    /**
     * @param pbxId the PBX whose voicemail spool {@code followups.voicemail_spool} is
     */
    public FollowUpsModule(Jdbi jdbi, Clock clock, AftercareConfig.FollowUps config, PhoneNumbers phones,
                           String pbxId) {
        this.dao = new FollowUpDao(jdbi);
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("follow-ups")
                .daemon(true).factory());
        this.config = config;
        this.abandoned = new AbandonedCalls(clock, () -> autoCallbacks != null, () -> {
            AutoCallbacks auto = autoCallbacks;
            if (auto != null) {
                auto.wake();
            }
        });
        this.spool = config.voicemailSpool().isEmpty() ? Optional.empty()
                : Optional.of(new VoicemailSpool(Path.of(config.voicemailSpool())));
        this.voicemails = spool.map(s -> new Voicemails(dao, s, config.mailbox(), pbxId, phones,
                config.contactWindow(), clock, scheduler));
        voicemails.ifPresent(Voicemails::read); // messages left while aftercare was away
        scheduler.scheduleWithFixedDelay(this::readBacklog, 0, BACKLOG_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** The backlog per queue and kind as last read (every {@link #BACKLOG_EVERY}), for /metrics; never waits. */
    public List<FollowUpDao.Backlog> backlog() {
        return backlog;
    }

    private void readBacklog() {
        try {
            backlog = List.copyOf(dao.backlog());
        } catch (RuntimeException e) {
            LOG.warn("follow-up backlog not read: {}", e.toString());
        }
    }

    /** The call-record writer's hook ({@link io.aftercare.calls.CallTrackingModule}). */
    public StoredContacts storedContacts() {
        return abandoned;
    }

    /** An AMI mailbox change ({@code AmiConnector.addMailboxListener}); never blocks. */
    public void mailboxChanged(MailboxChanged changed) {
        voicemails.ifPresent(v -> v.on(changed));
    }

    public FollowUpDao dao() {
        return dao;
    }

    /** The voicemail reader, when a spool is configured. */
    public Optional<Voicemails> voicemails() {
        return voicemails;
    }

    /**
     * From now on, abandoned callers of queues with policy callback go to {@code callbacks} (until then they are
     * tasks), and those handed over and not taken yet are handed on now and every {@code followups.callback_retry_ms}.
     */
    public void handTo(CallbackRequests callbacks) {
        autoCallbacks = new AutoCallbacks(dao, callbacks, clock, scheduler).start(config.callbackRetry());
    }

    /** The hand-off to the automatic callbacks, once {@link #handTo} was called. */
    public Optional<AutoCallbacks> autoCallbacks() {
        return Optional.ofNullable(autoCallbacks);
    }

    public FollowUpService service(ClickToCall clickToCall) {
        return new FollowUpService(dao, clickToCall, spool, clock);
    }

    public void mount(Router router, Handlers handlers, WorkerExecutor workers, ClickToCall clickToCall) {
        FollowUpRoutes.mount(router, handlers, workers, service(clickToCall));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS); // before the database closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
