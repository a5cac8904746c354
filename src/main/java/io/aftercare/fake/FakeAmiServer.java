package io.aftercare.fake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP AMI server on 127.0.0.1 and a dynamic port that answers like Asterisk 22 (banner,
 * Challenge/Login, Ping, Logoff, Originate, queue actions, list actions), records every action,
 * emits and replays events and can simulate network drops; thread-safe.
 */
public final class FakeAmiServer implements AutoCloseable {

    /** The banner Asterisk 22 sends (the AMI protocol version, not the Asterisk version). */
    public static final String BANNER = "Asterisk Call Manager/11.0.0";

    private final String username;
    private final String secret;
    private final AmiClock clock;
    private final boolean securityEvents;
    private final String asteriskVersion;
    private final List<AmiConnection> connections = new CopyOnWriteArrayList<>();
    private final List<AmiPacket> actions = new CopyOnWriteArrayList<>();
    private final Map<String, OriginateOutcome> originateOutcomes = new ConcurrentHashMap<>();
    private volatile OriginatePolicy originatePolicy = call -> OriginatePolicy.Ring.now(OriginateOutcome.ANSWERED);
    /** Sends OriginateResponses that come after a ring time; daemon, stopped by close(). */
    private final ScheduledExecutorService ringer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fake-ami-ringer").daemon(true).factory());
    private final List<PbxChannel> channels = new CopyOnWriteArrayList<>();
    private final QueueState queues = new QueueState();
    private final Object queueLock = new Object();
    private final AmiActions handler;
    private final SimEvents events;
    private final AtomicInteger uniqueNumbers = new AtomicInteger();
    private final AtomicInteger localNumbers = new AtomicInteger();
    private final long startedAtSeconds;
    private final Object listenLock = new Object();
    private volatile ServerSocket listener;
    private volatile Thread acceptThread;
    private volatile boolean closed;
    private final int port;

    FakeAmiServer(FakeAmiServerBuilder b) throws IOException {
        this.username = b.username;
        this.secret = b.secret;
        this.clock = new AmiClock(b.clock);
        this.securityEvents = b.securityEvents;
        this.asteriskVersion = b.asteriskVersion;
        b.queues.forEach(queues::define);
        this.startedAtSeconds = clock.seconds();
        this.handler = new AmiActions(this);
        this.events = new SimEvents(this, b.clock);
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        startAcceptLoop(listener);
    }

    /** A builder with the transcript's credentials ({@code hotline}/{@code s3cret}) and queues. */
    public static FakeAmiServerBuilder builder() {
        return new FakeAmiServerBuilder();
    }

    /** Starts a server with the transcript's defaults. */
    public static FakeAmiServer start() throws IOException {
        return builder().start();
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Every action received, from every client, in arrival order, headers as sent. */
    public List<AmiPacket> receivedActions() {
        return List.copyOf(actions);
    }

    /** Received actions whose {@code Action} header equals {@code name} (case-insensitive). */
    public List<AmiPacket> receivedActions(String name) {
        return actions.stream().filter(a -> a.getOrEmpty("Action").equalsIgnoreCase(name)).toList();
    }

    /** Number of clients currently logged in. */
    public int loggedInClients() {
        return (int) connections.stream().filter(c -> c.authenticated() && !c.isClosed()).count();
    }

    /** True when every open session writes each packet at once (Nagle off), as Asterisk's AMI does. */
    boolean sessionsSendAtOnce() throws IOException {
        for (AmiConnection c : connections) {
            if (!c.sendsAtOnce()) {
                return false;
            }
        }
        return !connections.isEmpty();
    }

    /** Scripts the OriginateResponse for an Originate to {@code channel} (default ANSWERED). */
    public void scriptOriginate(String channel, OriginateOutcome outcome) {
        originateOutcomes.put(Objects.requireNonNull(channel), Objects.requireNonNull(outcome));
    }

    /**
     * Decides every Originate whose channel {@link #scriptOriginate} does not name (default: answered at once,
     * nothing more); e.g. a {@link SurveyCallee}.
     */
    public void originatePolicy(OriginatePolicy policy) {
        this.originatePolicy = Objects.requireNonNull(policy);
    }

    /** Defines a queue QueueAdd can add members to (the transcript's two queues exist by default). */
    public void defineQueue(String name, String strategy) {
        synchronized (queueLock) {
            queues.define(name, strategy);
        }
    }

    /**
     * Adds a channel that is up: CoreShowChannels and Status list it, as Asterisk 22 does, until a {@code Hangup}
     * with its Uniqueid is emitted.
     */
    public void addChannel(PbxChannel channel) {
        channels.add(Objects.requireNonNull(channel));
    }

    /**
     * Sends an event to every logged-in client; adds {@code Timestamp} from the clock after
     * {@code Privilege} unless the event has one. Header values were checked for CR/LF when the
     * packet was built, so nothing can be injected.
     */
    public void emit(AmiPacket event) {
        if (!event.isEvent()) {
            throw new IllegalArgumentException("not an event: " + event.type());
        }
        if (event.type().equalsIgnoreCase("Hangup")) {
            String uniqueid = event.getOrEmpty("Uniqueid");
            channels.removeIf(ch -> ch.uniqueid().equals(uniqueid));
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

    /**
     * Sends the Asterisk side of transcript blocks, verbatim and in order, to every logged-in
     * client. Client action blocks are skipped, not awaited: the fake answers live actions
     * itself, so a replay is a pure server-to-client stream. Returns the number of packets sent.
     */
    public int replay(List<Transcript.AmiBlock> blocks) {
        int sent = 0;
        for (Transcript.AmiBlock block : blocks) {
            if (block instanceof Transcript.ServerPacket p) {
                broadcast(p.packet());
                sent++;
            }
        }
        return sent;
    }

    /** Replays everything after the login handshake of a transcript ({@link Transcript.Ami#afterLogin()}). */
    public int replay(Transcript.Ami transcript) {
        return replay(transcript.afterLogin());
    }

    /**
     * Writes {@code text} verbatim to every logged-in client, for robustness tests: lines without a colon, a
     * packet cut short, bytes no Asterisk sends. Whatever it holds, a client must survive it.
     */
    public void emitRaw(String text) {
        for (AmiConnection c : connections) {
            if (c.authenticated()) {
                try {
                    c.writeRaw(text);
                } catch (java.io.IOException e) {
                    // a peer that went away must not break the others
                }
            }
        }
    }

    /** Closes every client connection at once, like a network drop; the server keeps listening. */
    public void dropConnections() {
        for (AmiConnection c : connections) {
            c.close();
        }
        connections.clear();
    }

    /** Stops listening: new connections are refused (RST) until {@link #acceptConnections()}. */
    public void refuseConnections() {
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

    /** Listens again on the same port after {@link #refuseConnections()}. */
    public void acceptConnections() throws IOException {
        synchronized (listenLock) {
            if (listener == null && !closed) {
                listener = bind(port);
                startAcceptLoop(listener);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        ringer.shutdownNow();
        refuseConnections();
        dropConnections();
    }

    // --- package-private collaborators for AmiActions ---

    String username() {
        return username;
    }

    String secret() {
        return secret;
    }

    AmiClock clock() {
        return clock;
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

    /** A per-channel script wins (answered at once); otherwise the policy decides. */
    OriginatePolicy.Ring ringFor(AmiPacket originate) {
        OriginateOutcome scripted = originateOutcomes.get(originate.getOrEmpty("Channel"));
        return scripted != null ? OriginatePolicy.Ring.now(scripted)
                : originatePolicy.decide(OriginatePolicy.Call.of(originate));
    }

    /** Runs {@code task} after {@code delayMs}, unless the server closed first. */
    void later(long delayMs, Runnable task) {
        if (!closed) {
            try {
                ringer.schedule(task, delayMs, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing: the call is dropped with the server
            }
        }
    }

    List<PbxChannel> channels() {
        return List.copyOf(channels);
    }

    Object queueLock() {
        return queueLock;
    }

    QueueState queues() {
        return queues;
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

    String nextUniqueid(java.time.Instant now) {
        return now.getEpochSecond() + "." + uniqueNumbers.getAndIncrement();
    }

    /** The running number in a new channel's name ({@code Local/...-0000000a;1}), shared like {@link #nextUniqueid}. */
    int nextLocalNumber() {
        return localNumbers.getAndIncrement();
    }

    private ServerSocket bind(int wanted) throws IOException {
        ServerSocket s = new ServerSocket();
        // Reuse lets acceptConnections() rebind the same port right after refuseConnections().
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
        return s;
    }

    private void startAcceptLoop(ServerSocket s) {
        acceptThread = Thread.ofVirtual().name("fake-ami-accept-" + s.getLocalPort()).start(() -> acceptLoop(s));
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            Socket socket;
            try {
                socket = s.accept();
            } catch (IOException e) {
                return; // closed by refuseConnections() or close()
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
                actions.add(action);
                if (!handler.handle(c, action)) {
                    break;
                }
            }
        } catch (IOException e) {
            // The client went away or dropConnections() closed the socket: nothing to answer.
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
        return "FakeAmiServer[port=" + port + ", clients=" + users + "]";
    }
}
