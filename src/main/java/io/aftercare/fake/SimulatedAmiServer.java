package io.aftercare.fake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AMI side of the demo's built-in PBX: a real TCP AMI server on 127.0.0.1 and a dynamic port that answers
 * like Asterisk 22 (banner, Challenge/Login with its event mask, Ping, Logoff, Originate with the channel events of
 * the call it places, queue actions, list actions) and sends what {@link PbxSimulator} emits. The tests' fake
 * (src/test) extends it with scripted outcomes, replays, recorded actions and network faults. Thread-safe.
 */
public class SimulatedAmiServer implements AutoCloseable {

    /** The banner Asterisk 22 sends (the AMI protocol version, not the Asterisk version). */
    public static final String BANNER = "Asterisk Call Manager/11.0.0";

    private final String username;
    private final String secret;
    private final AmiClock clock;
    private final boolean securityEvents;
    private final boolean listsEmittedChannels;
    private final String asteriskVersion;
    private final List<AmiConnection> connections = new CopyOnWriteArrayList<>();
    private volatile OriginatePolicy originatePolicy = call -> OriginatePolicy.Ring.now(OriginateOutcome.ANSWERED);
    /** The simulator playing calls on this PBX, if any: its callers are the ones in the queues. */
    private volatile PbxSimulator simulator;
    /** Plays each Originate's call over time; daemon, stopped by close(). */
    private final ScheduledExecutorService ringer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fake-ami-ringer").daemon(true).factory());
    /** Channels CoreShowChannels and Status list; a Hangup emitted with a channel's Uniqueid takes it off. */
    final List<PbxChannel> channels = new CopyOnWriteArrayList<>();
    private final boolean ringInUse;
    private final AppQueue appQueue;
    private final CallControlActions callControls;
    private final AmiActions handler;
    /** features.conf's atxfer code; empty: Asterisk's default, none (Atxfer is refused). */
    private volatile String atxferCode = "*2";
    /** Whether the PBX has chan_pjsip and res_pjsip_notify (PJSIPNotify); the test bundle has not. */
    private volatile boolean pjsip;
    private final SimEvents events;
    /** Every simulated event is stamped and sent under this lock, so Timestamps rise in wire order. */
    private final Object stampLock = new Object();
    /** The last Timestamp sent, in microseconds; guarded by {@link #stampLock}. */
    private long lastStampMicros;
    private final AtomicInteger uniqueNumbers = new AtomicInteger();
    private final AtomicInteger localNumbers = new AtomicInteger();
    private final long startedAtSeconds;
    private final Object listenLock = new Object();
    private volatile ServerSocket listener;
    private volatile Thread acceptThread;
    private volatile boolean closed;
    private volatile int port;

    /** Configured but not listening yet: {@link AmiServerBuilder#start()} opens it once a subclass is built. */
    @SuppressWarnings("this-escape") // the collaborators only keep the reference; nothing runs before start()
    protected SimulatedAmiServer(AmiServerBuilder<?> b) {
        this.username = b.username;
        this.secret = b.secret;
        this.clock = new AmiClock(b.clock);
        this.securityEvents = b.securityEvents;
        this.listsEmittedChannels = b.listsEmittedChannels;
        this.asteriskVersion = b.asteriskVersion;
        this.ringInUse = b.ringInUse;
        this.startedAtSeconds = clock.seconds();
        this.callControls = new CallControlActions(this);
        this.handler = new AmiActions(this);
        this.events = new SimEvents(this, b.clock);
        this.appQueue = new AppQueue(events, clock);
        b.queues.forEach((name, strategy) -> appQueue.define(name, strategy, ringInUse));
    }

    /**
     * A builder with the transcript's credentials ({@code hotline}/{@code s3cret}) and queues. (The wildcard lets
     * a subclass offer a builder of its own under the same name.)
     */
    public static AmiServerBuilder<? extends SimulatedAmiServer> builder() {
        return new AmiServerBuilder<>(SimulatedAmiServer::new);
    }

    public int port() {
        return port;
    }

    /**
     * Decides every Originate (default: answered at once, nothing more); e.g. a {@link SurveyCallee}.
     */
    public void originatePolicy(OriginatePolicy policy) {
        this.originatePolicy = Objects.requireNonNull(policy);
    }

    /**
     * The features.conf {@code atxfer} code Atxfer plays (default {@code *2}, as {@code dialplan/features.conf.sample}
     * sets it); empty for Asterisk's own default, none, which refuses Atxfer.
     */
    public void atxferCode(String code) {
        this.atxferCode = Objects.requireNonNull(code);
    }

    /** Whether PJSIPNotify exists (chan_pjsip with res_pjsip_notify); default false, like the test bundle. */
    public void pjsip(boolean loaded) {
        this.pjsip = loaded;
    }

    /** The value a Setvar gave {@code variable} on {@code channel}, if any ({@code _} prefixes kept). */
    public Optional<String> variable(String channel, String variable) {
        return callControls.variable(channel, variable);
    }

    /**
     * Defines a queue QueueAdd can add members to (the transcript's two queues exist by default), with the server's
     * ringinuse ({@link AmiServerBuilder#ringInUse}); a queue already defined stays as it is.
     */
    public void defineQueue(String name, String strategy) {
        appQueue.define(name, strategy, ringInUse);
    }

    /**
     * Sends an event to every logged-in client whose event mask admits it; adds {@code Timestamp} from the clock
     * after {@code Privilege} unless the event has one. A Hangup takes its channel off the list CoreShowChannels and
     * Status answer with, and BridgeEnter / BridgeLeave put it in a bridge or out of it. Header values were checked
     * for CR/LF when the packet was built, so nothing can be injected.
     */
    public void emit(AmiPacket event) {
        if (!event.isEvent()) {
            throw new IllegalArgumentException("not an event: " + event.type());
        }
        if (event.type().equalsIgnoreCase("Hangup")) {
            String uniqueid = event.getOrEmpty("Uniqueid");
            channels.removeIf(ch -> ch.uniqueid().equals(uniqueid));
        } else if (event.type().equalsIgnoreCase("BridgeEnter") || event.type().equalsIgnoreCase("BridgeLeave")) {
            String uniqueid = event.getOrEmpty("Uniqueid");
            String bridge = event.type().equalsIgnoreCase("BridgeEnter") ? event.getOrEmpty("BridgeUniqueid") : "";
            channels.replaceAll(ch -> ch.uniqueid().equals(uniqueid) ? ch.bridged(bridge) : ch);
        } else if (listsEmittedChannels && event.type().equalsIgnoreCase("Newchannel")) {
            String state = event.getOrEmpty("ChannelState");
            channels.add(new PbxChannel(event.getOrEmpty("Channel"), state.matches("\\d+") ? Integer.parseInt(state) : 0,
                    event.getOrEmpty("CallerIDNum"), event.getOrEmpty("CallerIDName"),
                    event.getOrEmpty("ConnectedLineNum"), event.getOrEmpty("ConnectedLineName"),
                    event.getOrEmpty("Context"), event.getOrEmpty("Exten"), 1, event.getOrEmpty("Uniqueid"),
                    event.getOrEmpty("Linkedid"), "", "", clock.now(), ""));
        }
        broadcast(clock.stamp(event));
    }

    /** Shorthand for {@code emit(AmiPacket.of("Event", name, ...))}. */
    public void emit(String eventName, String... namesAndValues) {
        String[] all = new String[namesAndValues.length + 2];
        all[0] = "Event";
        all[1] = eventName;
        System.arraycopy(namesAndValues, 0, all, 2, namesAndValues.length);
        emit(AmiPacket.of(all));
    }

    @Override
    public void close() {
        closed = true;
        ringer.shutdownNow();
        stopListening();
        closeConnections();
    }

    // --- package-private collaborators for AmiActions, the simulator and the tests' subclass ---

    String username() {
        return username;
    }

    String secret() {
        return secret;
    }

    AmiClock clock() {
        return clock;
    }

    CallControlActions callControls() {
        return callControls;
    }

    String atxferCode() {
        return atxferCode;
    }

    boolean pjsip() {
        return pjsip;
    }

    boolean securityEvents() {
        return securityEvents;
    }

    String asteriskVersion() {
        return asteriskVersion;
    }

    long uptimeSeconds() {
        return Math.max(0, clock.seconds() - startedAtSeconds);
    }

    /** The simulator playing calls on this PBX (the last one built on it), or null. */
    PbxSimulator simulator() {
        return simulator;
    }

    void attach(PbxSimulator sim) {
        this.simulator = sim;
    }

    /** How the far end takes an Originate: the policy decides. */
    OriginatePolicy.Ring ringFor(AmiPacket originate) {
        return originatePolicy.decide(OriginatePolicy.Call.of(originate));
    }

    /** Every action a client sent, in arrival order, before it is answered; nothing to do here. */
    void received(AmiPacket action) {
        // the demo keeps no record
    }

    /** Runs {@code task} after {@code delayMs}, unless the server closed first. */
    void later(long delayMs, Runnable task) {
        if (!closed) {
            try {
                ringer.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closing: the call is dropped with the server
            }
        }
    }

    List<PbxChannel> channels() {
        return List.copyOf(channels);
    }

    List<AmiConnection> connections() {
        return connections;
    }

    /** The queues and their members: the one app_queue the AMI actions and the simulator change. */
    AppQueue appQueue() {
        return appQueue;
    }

    /** The lock {@link SimEvents} stamps and sends under, shared by every emitter of this server. */
    Object stampLock() {
        return stampLock;
    }

    /**
     * The Timestamp, in microseconds, of an event stamped at {@code nowMicros}: a microsecond after the last one when
     * the clock has not moved on, as a real stream never repeats a Timestamp. Call under {@link #stampLock()}.
     */
    long nextStampMicros(long nowMicros) {
        lastStampMicros = Math.max(nowMicros, lastStampMicros + 1);
        return lastStampMicros;
    }

    /** Sends a packet as is to every logged-in client whose event mask admits it. */
    void broadcast(AmiPacket packet) {
        for (AmiConnection c : connections) {
            if (c.authenticated() && c.eventMask().admits(packet)) {
                c.sendQuietly(packet);
            }
        }
    }

    /** The call events of Originates, timestamped from the server's clock. */
    SimEvents events() {
        return events;
    }

    /**
     * The next Uniqueid, {@code <epoch seconds>.<counter>}: one counter for every channel the server and its
     * simulator make, as Asterisk has one, so no two channels share an id.
     */
    String nextUniqueid() {
        return nextUniqueid(clock.now());
    }

    String nextUniqueid(Instant now) {
        return now.getEpochSecond() + "." + uniqueNumbers.getAndIncrement();
    }

    /** The running number in a new channel's name ({@code Local/...-0000000a;1}), shared like {@link #nextUniqueid}. */
    int nextLocalNumber() {
        return localNumbers.getAndIncrement();
    }

    /**
     * Listens on {@code wanted} (0: a free port, the first time) unless listening already or closed. Reuse lets a
     * server listen again on its port right after {@link #stopListening()}.
     */
    void listen(int wanted) throws IOException {
        synchronized (listenLock) {
            if (listener == null && !closed) {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
                listener = s;
                port = s.getLocalPort();
                acceptThread = Thread.ofVirtual().name("fake-ami-accept-" + port).start(() -> acceptLoop(s));
            }
        }
    }

    /** Stops listening: new connections are refused (RST) from when this returns. */
    void stopListening() {
        synchronized (listenLock) {
            ServerSocket current = listener;
            listener = null;
            closeQuietly(current);
            // The JDK defers the real close of a socket until the thread blocked in accept() has
            // left it; wait for that so the port refuses connections when this method returns.
            Thread t = acceptThread;
            if (t != null) {
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Closes every client connection at once. */
    void closeConnections() {
        for (AmiConnection c : connections) {
            c.close();
        }
        connections.clear();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            Socket socket;
            try {
                socket = s.accept();
            } catch (IOException e) {
                return; // closed by stopListening()
            }
            Thread.ofVirtual().name("fake-ami-client-" + socket.getPort()).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        AmiConnection c;
        try {
            c = new AmiConnection(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        connections.add(c);
        try (c) {
            c.writeRaw(BANNER + "\r\n");
            AmiPacket action;
            while ((action = c.readAction()) != null) {
                received(action);
                if (!handler.handle(c, action)) {
                    break;
                }
            }
        } catch (IOException e) {
            // The client went away or the connections were closed: nothing to answer.
        } finally {
            connections.remove(c);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Best effort during shutdown.
        }
    }

    @Override
    public String toString() {
        List<String> users = new ArrayList<>();
        connections.forEach(c -> users.add(c.username()));
        return getClass().getSimpleName() + "[port=" + port + ", clients=" + users + "]";
    }
}
