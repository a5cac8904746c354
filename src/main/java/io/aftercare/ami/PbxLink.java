package io.aftercare.ami;

import io.aftercare.telephony.PbxRefusedException;
import io.aftercare.telephony.PbxUnavailableException;
import io.aftercare.telephony.events.MailboxChanged;
import io.aftercare.telephony.events.PbxEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MessageWaitingEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PBX's AMI link: logs in for {@link PbxSettings#EVENT_MASK} only, pings, notices a drop (DisconnectEvent, a
 * read timeout on a half-open socket, or an unanswered Ping) and reconnects with exponential backoff using a fresh
 * ManagerConnection, then resyncs; while up, asks for the channel list every {@link
 * PbxSettings#reconcileInterval()}. Each connection gets a generation number; events of a retired one are ignored.
 * The event listener only translates and hands off. Thread-safe: state changes run on the control executor.
 */
final class PbxLink {
    private static final Logger LOG = LoggerFactory.getLogger(PbxLink.class);

    private final PbxSettings settings;
    private final Consumer<PbxEvent> sink;
    private final Consumer<MailboxChanged> mailboxes;
    private final Clock clock;
    private final ScheduledExecutorService control;
    private volatile String state = "connecting";
    private volatile ManagerConnection connection;
    private volatile long generation;
    private volatile Instant lastPong;
    private Duration backoff;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> checker;
    private volatile boolean stopped;

    PbxLink(PbxSettings settings, Consumer<PbxEvent> sink, Consumer<MailboxChanged> mailboxes, Clock clock,
            ScheduledExecutorService control) {
        this.settings = settings;
        this.sink = sink;
        this.mailboxes = mailboxes;
        this.clock = clock;
        this.control = control;
        this.backoff = settings.reconnectInitial();
    }

    String id() {
        return settings.id();
    }

    String state() {
        return state;
    }

    void start() {
        control.execute(this::connect);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        long gen = ++generation;
        ManagerConnection c = new ManagerConnectionFactory(settings.host(), settings.port(), settings.user(),
                settings.secret()).createManagerConnection();
        // A half-open TCP link never errors by itself: no byte within three ping intervals ends the reader.
        c.setSocketReadTimeout((int) Math.min(Integer.MAX_VALUE, settings.pingInterval().toMillis() * 3));
        c.addEventListener(event -> onEvent(gen, event));
        connection = c;
        state = "connecting";
        try {
            c.login(PbxSettings.EVENT_MASK);
        } catch (Exception e) {
            LOG.warn("AMI login to {} failed: {}; retrying in {} ms", settings, e.getMessage(), backoff.toMillis());
            state = "down: " + e.getMessage();
            retire(c);
            scheduleReconnect();
            return;
        }
        backoff = settings.reconnectInitial();
        lastPong = clock.instant();
        state = "connected";
        LOG.info("AMI connected to {}", settings);
        sink.accept(new PbxEvent.LinkChanged(settings.id(), clock.instant(), true));
        pinger = control.scheduleWithFixedDelay(() -> ping(gen), settings.pingInterval().toMillis(),
                settings.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        try {
            sink.accept(AmiResync.run(settings.id(), c, clock.instant()));
        } catch (Exception e) {
            LOG.warn("AMI resync with {} failed: {}", settings.id(), e.toString());
        }
        long every = settings.reconcileInterval().toMillis();
        if (every > 0) {
            checker = control.scheduleWithFixedDelay(() -> checkChannels(gen), every, every, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The periodic check: says it is asking, then hands on the PBX's channel list, so the call tracker can close
     * calls whose end it missed while the link stayed up. A failed question is logged and asked again next time.
     */
    private void checkChannels(long gen) {
        ManagerConnection c = connection;
        if (gen != generation || c == null || !"connected".equals(state)) {
            return;
        }
        sink.accept(new PbxEvent.ChannelsRequested(settings.id(), clock.instant()));
        try {
            var channels = AmiResync.channels(c);
            if (gen == generation) { // a drop meanwhile: the resync after the next login decides
                sink.accept(new PbxEvent.ChannelsListed(settings.id(), clock.instant(), channels));
            }
        } catch (Exception e) {
            LOG.warn("AMI channel check with {} failed: {}", settings.id(), e.toString());
        }
    }

    /** On asterisk-java's reader thread: translate, hand off, return. */
    private void onEvent(long gen, ManagerEvent event) {
        if (gen != generation) {
            return;
        }
        Instant now = clock.instant();
        lastPong = now; // any byte proves the link alive: under a burst the Pong queues behind many events
        if (event instanceof DisconnectEvent) {
            control.execute(() -> dropped(gen, "connection closed"));
            return;
        }
        if (event instanceof ResponseEvent r && r.getInternalActionId() != null
                && !(event instanceof OriginateResponseEvent)) { // an async Originate answers later, as an event
            return; // part of our own resync answer: AmiResync reads those
        }
        PbxEvent translated = AmiTranslator.translate(settings.id(), event, now);
        if (translated != null) {
            sink.accept(translated);
        } else if (event instanceof MessageWaitingEvent) {
            MailboxChanged changed = AmiTranslator.mailbox(settings.id(), event, now);
            if (changed != null) {
                mailboxes.accept(changed);
            }
        }
    }

    private void ping(long gen) {
        ManagerConnection c = connection;
        if (gen != generation || c == null) {
            return;
        }
        if (Duration.between(lastPong, clock.instant()).compareTo(settings.pingInterval().multipliedBy(2)) > 0) {
            dropped(gen, "no answer to Ping");
            return;
        }
        try {
            c.sendAction(new PingAction(), response -> lastPong = clock.instant());
        } catch (Exception e) {
            dropped(gen, "Ping failed: " + e.getMessage());
        }
    }

    private void dropped(long gen, String why) {
        if (gen != generation || stopped) {
            return;
        }
        LOG.warn("AMI link to {} lost ({}); reconnecting in {} ms", settings.id(), why, backoff.toMillis());
        generation++; // everything the old connection still delivers is ignored from now on
        state = "reconnecting: " + why;
        sink.accept(new PbxEvent.LinkChanged(settings.id(), clock.instant(), false));
        retire(connection);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (pinger != null) {
            pinger.cancel(false);
            pinger = null;
        }
        if (checker != null) {
            checker.cancel(false);
            checker = null;
        }
        long delay = backoff.toMillis();
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax() : doubled;
        control.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Stops asterisk-java's own reconnect loop and closes the socket; we reconnect with a new connection. */
    private static void retire(ManagerConnection c) {
        if (c == null) {
            return;
        }
        try {
            ManagerConnectionState s = c.getState();
            if (s == ManagerConnectionState.CONNECTED || s == ManagerConnectionState.RECONNECTING) {
                c.logoff();
            }
        } catch (RuntimeException e) {
            LOG.debug("logoff of a dead AMI connection: {}", e.toString());
        }
    }

    /** Sends an action without waiting; completes with the error message when Asterisk answers Error. */
    CompletableFuture<Void> send(ManagerAction action) {
        return request(action).thenApply(message -> null);
    }

    /**
     * Sends an action without waiting; completes with Asterisk's {@code Message} when it answers Success, fails with a
     * {@link PbxRefusedException} (its message) when it answers Error, and with a {@link PbxUnavailableException} when
     * the link is not up.
     */
    CompletableFuture<String> request(ManagerAction action) {
        CompletableFuture<String> done = new CompletableFuture<>();
        control.execute(() -> {
            ManagerConnection c = connection;
            if (c == null || !"connected".equals(state)) {
                done.completeExceptionally(new PbxUnavailableException("the AMI link to PBX " + settings.id()
                        + " is " + state));
                return;
            }
            try {
                c.sendAction(action, response -> {
                    if (response instanceof ManagerError error) {
                        done.completeExceptionally(new PbxRefusedException(action.getAction(), error.getMessage()));
                    } else {
                        done.complete(response.getMessage() == null ? "" : response.getMessage());
                    }
                });
            } catch (Exception e) {
                done.completeExceptionally(new PbxUnavailableException("PBX " + settings.id() + " could not be asked ("
                        + action.getAction() + "): " + e.getMessage()));
            }
        });
        return done;
    }

    /**
     * Sends a list action (QueueStatus) on a virtual thread, never the control thread that pings; completes with
     * the whole answer, or fails with a {@link PbxUnavailableException} when the link is not up or the PBX did not
     * answer.
     */
    CompletableFuture<ResponseEvents> list(EventGeneratingAction action, long timeoutMs) {
        CompletableFuture<ResponseEvents> done = new CompletableFuture<>();
        ManagerConnection c = connection;
        if (c == null || !"connected".equals(state)) {
            done.completeExceptionally(new PbxUnavailableException("the AMI link to PBX " + settings.id() + " is "
                    + state));
            return done;
        }
        Thread.ofVirtual().name("ami-list-" + settings.id()).start(() -> {
            try {
                done.complete(c.sendEventGeneratingAction(action, timeoutMs));
            } catch (Exception e) {
                done.completeExceptionally(new PbxUnavailableException("PBX " + settings.id() + " did not answer "
                        + action.getAction() + ": " + e.getMessage()));
            }
        });
        return done;
    }

    void stop() {
        stopped = true;
        generation++;
        state = "stopped";
        retire(connection);
    }
}
