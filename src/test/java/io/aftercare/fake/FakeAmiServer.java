package io.aftercare.fake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The tests' AMI fake: the demo's {@link SimulatedAmiServer} plus what only tests need: every action recorded,
 * Originate outcomes scripted per channel, channels put up for CoreShowChannels and Status, transcripts replayed,
 * raw bytes written, and network faults (connections dropped, refused, accepted again). Thread-safe.
 */
public final class FakeAmiServer extends SimulatedAmiServer {
    private final List<AmiPacket> actions = new CopyOnWriteArrayList<>();
    private final Map<String, OriginateOutcome> originateOutcomes = new ConcurrentHashMap<>();
    private final List<Consumer<AmiPacket>> taps = new CopyOnWriteArrayList<>();

    private FakeAmiServer(AmiServerBuilder<FakeAmiServer> b) {
        super(b);
    }

    /** A builder with the transcript's credentials ({@code hotline}/{@code s3cret}) and queues. */
    public static AmiServerBuilder<FakeAmiServer> builder() {
        return new AmiServerBuilder<>(FakeAmiServer::new);
    }

    /** Starts a server with the transcript's defaults. */
    public static FakeAmiServer start() throws IOException {
        return builder().start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    @Override
    void received(AmiPacket action) {
        actions.add(action);
    }

    /** Hands {@code tap} every packet sent to the clients, as sent, on the sending thread: for in-process consumers. */
    public void onBroadcast(Consumer<AmiPacket> tap) {
        taps.add(Objects.requireNonNull(tap));
    }

    @Override
    void broadcast(AmiPacket packet) {
        super.broadcast(packet);
        taps.forEach(tap -> tap.accept(packet));
    }

    /**
     * What a QueuePause action does, without a client: pauses or unpauses {@code iface} in {@code queue} (empty: every
     * queue) with app_queue's events; false when it is a member of no such queue (Asterisk's "Interface not found").
     */
    public boolean queuePause(String iface, String queue, boolean paused, String reason) {
        AppQueue app = appQueue();
        synchronized (app.lock()) {
            List<AppQueue.Member> members = app.membershipsOf(iface, queue);
            app.setPaused(members, paused, reason);
            return !members.isEmpty();
        }
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
        return (int) connections().stream().filter(c -> c.authenticated() && !c.isClosed()).count();
    }

    /** True when every open session writes each packet at once (Nagle off), as Asterisk's AMI does. */
    boolean sessionsSendAtOnce() throws IOException {
        for (AmiConnection c : connections()) {
            if (!c.sendsAtOnce()) {
                return false;
            }
        }
        return !connections().isEmpty();
    }

    /**
     * Scripts the outcome of an Originate to {@code channel}, answered at once; other channels are left to the
     * {@link #originatePolicy} (default answered).
     */
    public void scriptOriginate(String channel, OriginateOutcome outcome) {
        originateOutcomes.put(Objects.requireNonNull(channel), Objects.requireNonNull(outcome));
    }

    @Override
    OriginatePolicy.Ring ringFor(AmiPacket originate) {
        OriginateOutcome scripted = originateOutcomes.get(originate.getOrEmpty("Channel"));
        return scripted != null ? OriginatePolicy.Ring.now(scripted) : super.ringFor(originate);
    }

    /**
     * Adds a channel that is up: CoreShowChannels and Status list it, as Asterisk 22 does, until a {@code Hangup}
     * with its Uniqueid is emitted.
     */
    public void addChannel(PbxChannel channel) {
        channels.add(Objects.requireNonNull(channel));
    }

    /** The channel is gone without its Hangup reaching any client: an event lost on the way. */
    public void forgetChannel(String uniqueid) {
        channels.removeIf(ch -> ch.uniqueid().equals(uniqueid));
    }

    /**
     * Sends the Asterisk side of transcript blocks, verbatim and in order, to every logged-in client whose event
     * mask admits them. Client action blocks are skipped, not awaited: the fake answers live actions itself, so a
     * replay is a pure server-to-client stream. Returns the number of packets sent.
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
        for (AmiConnection c : connections()) {
            if (c.authenticated()) {
                try {
                    c.writeRaw(text);
                } catch (IOException e) {
                    // a peer that went away must not break the others
                }
            }
        }
    }

    /** Closes every client connection at once, like a network drop; the server keeps listening. */
    public void dropConnections() {
        closeConnections();
    }

    /** Stops listening: new connections are refused (RST) until {@link #acceptConnections()}. */
    public void refuseConnections() {
        stopListening();
    }

    /** Listens again on the same port after {@link #refuseConnections()}. */
    public void acceptConnections() throws IOException {
        listen(port());
    }
}
