package io.aftercare.fake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client connection of SimulatedAmiServer: reads actions, writes whole packets; thread-safe for
 * writers (a lock keeps packets from different threads from interleaving).
 */
final class AmiConnection implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean authenticated;
    private volatile String username = "";
    private volatile String challenge;
    private volatile EventMask eventMask = EventMask.ALL;
    private final long connectedAtMillis = System.currentTimeMillis();

    AmiConnection(Socket socket) throws IOException {
        this.socket = socket;
        // Asterisk's AMI turns Nagle off on every session (main/manager.c, session_do: "to prevent delays ... as
        // we write to the socket in bits and pieces"). With Nagle on, an event written while the previous one
        // waits for its delayed ACK is held up to 40 ms: a latency real Asterisk never adds.
        socket.setTcpNoDelay(true);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Reads one action (headers up to the blank line); null at end of stream. */
    AmiPacket readAction() throws IOException {
        List<AmiHeader> headers = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!headers.isEmpty()) {
                    return new AmiPacket(headers);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(AmiHeader.parse(line));
            }
            // Asterisk ignores lines without a colon; so does the fake.
        }
        return null;
    }

    void send(AmiPacket packet) throws IOException {
        writeRaw(packet.toWire());
    }

    void writeRaw(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeLock.lock();
        try {
            out.write(bytes);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends and swallows the error: a peer that went away must not break a broadcast. */
    void sendQuietly(AmiPacket packet) {
        try {
            send(packet);
        } catch (IOException e) {
            close();
        }
    }

    boolean authenticated() {
        return authenticated;
    }

    void authenticated(String user) {
        this.username = user;
        this.authenticated = true;
    }

    String username() {
        return username;
    }

    /** The classes of events this session gets (the login's {@code Events} header). */
    EventMask eventMask() {
        return eventMask;
    }

    void eventMask(EventMask mask) {
        this.eventMask = mask;
    }

    String challenge() {
        return challenge;
    }

    void challenge(String value) {
        this.challenge = value;
    }

    long connectedAtMillis() {
        return connectedAtMillis;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    int remotePort() {
        return socket.getPort();
    }

    /** True when packets leave at once, without waiting for the ACK of the previous one (Nagle off). */
    boolean sendsAtOnce() throws IOException {
        return socket.getTcpNoDelay();
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        authenticated = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort: the peer may already be gone.
        }
    }
}
