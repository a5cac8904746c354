package io.aftercare.fake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A bare AMI session over a raw socket, for tests and for captures from a real Asterisk: logs in (with an
 * {@code Events:} mask when given), sends actions and keeps every packet exactly as it arrived, header names and
 * order included, plus the whole exchange in the transcripts' format ({@code >>> } before what the client sent).
 * Thread-safe.
 */
public final class AmiProbe implements AutoCloseable {
    private static final String CLIENT = ">>> ";

    private final Socket socket;
    private final OutputStream out;
    private final String banner;
    private final List<AmiPacket> packets = new ArrayList<>();
    private final StringBuilder transcript = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();
    private final String idPrefix;
    private boolean closedByPeer;
    private Writer mirror;

    private AmiProbe(Socket socket, String idPrefix) throws IOException {
        this.socket = socket;
        this.idPrefix = idPrefix;
        this.out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.banner = in.readLine();
        log(banner + "\n");
        Thread.ofVirtual().name("ami-probe-" + idPrefix).start(() -> read(in));
    }

    /**
     * Connects to 127.0.0.1:{@code port} and logs in; {@code eventMask} null sends no {@code Events} header (the
     * account's read classes apply), else e.g. {@code "call,agent"}, {@code "on"} or {@code "off"}. ActionIDs are
     * {@code idPrefix} and a counter. Fails when Asterisk refuses the login.
     */
    public static AmiProbe login(int port, String user, String secret, String eventMask, String idPrefix)
            throws IOException {
        AmiProbe probe = new AmiProbe(new Socket(InetAddress.getLoopbackAddress(), port), idPrefix);
        AmiPacket login = AmiPacket.of("Action", "Login", "Username", user, "Secret", secret);
        if (eventMask != null) {
            login = login.plus("Events", eventMask);
        }
        AmiPacket answer = probe.send(login, Duration.ofSeconds(10));
        if (!"Success".equals(answer.type())) {
            probe.close();
            throw new IOException("AMI login as " + user + " refused: " + answer.getOrEmpty("Message"));
        }
        return probe;
    }

    public String banner() {
        return banner;
    }

    /** Sends {@code action} (with an ActionID after the Action header unless it has one) and waits for its answer. */
    public AmiPacket send(AmiPacket action, Duration timeout) {
        AmiPacket withId = action.get("ActionID").isPresent() ? action
                : action.with(1, new AmiHeader("ActionID", idPrefix + ids.incrementAndGet()));
        String id = withId.getOrEmpty("ActionID");
        try {
            synchronized (this) {
                out.write(withId.toWire().getBytes(StandardCharsets.UTF_8));
                out.flush();
                StringBuilder sent = new StringBuilder();
                for (AmiHeader h : withId.headers()) {
                    sent.append(CLIENT).append(h.name().equalsIgnoreCase("Secret") ? "Secret: ****" : h.line())
                            .append('\n');
                }
                log(sent.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return await(p -> p.isResponse() && p.getOrEmpty("ActionID").equals(id), timeout)
                .orElseThrow(() -> new AssertionError("no answer to " + action.type() + " within " + timeout));
    }

    /** Every packet received so far (responses and events), in order. */
    public synchronized List<AmiPacket> packets() {
        return List.copyOf(packets);
    }

    /** The local port of this session's connection: Asterisk's SuccessfulAuth names it in RemoteAddress. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Every event received so far, in order. */
    public List<AmiPacket> events() {
        return packets().stream().filter(AmiPacket::isEvent).toList();
    }

    /** The first packet so far or within {@code timeout} that matches; empty when none came. */
    public synchronized Optional<AmiPacket> await(Predicate<AmiPacket> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < packets.size(); seen++) {
                if (test.test(packets.get(seen))) {
                    return Optional.of(packets.get(seen));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || closedByPeer) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** True once the server has closed the session (it stopped, restarted or cut the link). */
    public synchronized boolean closedByPeer() {
        return closedByPeer;
    }

    /** The session so far as the transcripts write it: banner, then actions and packets, secrets masked. */
    public synchronized String transcript() {
        return transcript.toString();
    }

    /**
     * Writes the transcript so far to {@code file} and from then on each part as it crosses the socket, so a test
     * that fails or hangs still leaves it; the file is closed with the session.
     */
    public synchronized AmiProbe mirrorTo(Path file) throws IOException {
        mirror = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        mirror.write(transcript.toString());
        mirror.flush();
        return this;
    }

    private synchronized void log(String text) {
        transcript.append(text);
        if (mirror != null) {
            try {
                mirror.write(text);
                mirror.flush();
            } catch (IOException e) {
                mirror = null; // the mirror is a debugging aid; a full disk must not fail the call
            }
        }
    }

    private void read(BufferedReader in) {
        List<AmiHeader> current = new ArrayList<>();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    if (line.indexOf(':') > 0) { // a Command's output lines have none; no test sends Command
                        current.add(AmiHeader.parse(line));
                    }
                    continue;
                }
                if (!current.isEmpty()) {
                    received(new AmiPacket(current));
                    current = new ArrayList<>();
                }
            }
        } catch (IOException e) {
            // closed by close(), or the server went away
        }
        synchronized (this) {
            closedByPeer = true;
            notifyAll();
        }
    }

    private synchronized void received(AmiPacket packet) {
        packets.add(packet);
        log(packet.toWire().replace("\r\n", "\n"));
        notifyAll();
    }

    @Override
    public void close() {
        try {
            socket.close();
            synchronized (this) {
                if (mirror != null) {
                    mirror.close();
                }
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
