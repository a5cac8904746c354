package io.aftercare.fake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A FastAGI server that plays one scripted session, step by step, and keeps every line in the order it crossed
 * the socket, in the format of {@code agi-*.txt} ({@code < } what Asterisk sent, {@code > } what the script sent,
 * {@code # } a note): to capture what a real Asterisk answers, and to check that {@link FakeAgiClient} answers the
 * same. Lines Asterisk sends on its own (the {@code HANGUP} notice) are written where they arrived. Thread-safe.
 */
public final class AgiProbe implements AutoCloseable {
    /** A reply's last line: three digits and a blank ({@code 520-} starts a usage text that goes on). */
    private static final Pattern FINAL_REPLY = Pattern.compile("\\d{3}( .*)?");
    private static final String EOF = "\u0000eof";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);
    private final ServerSocket server;
    private final Duration settle;

    private AgiProbe(ServerSocket server, Duration settle) {
        this.server = server;
        this.settle = settle;
    }

    /**
     * Listens on a free loopback port. After each reply, lines arriving within {@code settle} count as sent with it
     * (Asterisk writes its HANGUP line right after the reply; a real PBX under load wants a few hundred ms).
     */
    public static AgiProbe listen(Duration settle) {
        try {
            return new AgiProbe(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()), settle);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** One thing the script does. */
    public sealed interface Step permits Command, Idle, AwaitClose {
    }

    /** Sends a command line and reads up to its reply. */
    public record Command(String line) implements Step {
    }

    /** Sends nothing for a while, keeping what arrives (a caller hanging up meanwhile). */
    public record Idle(Duration time) implements Step {
    }

    /** Sends nothing and waits for the peer to close the connection, for at most {@code time}. */
    public record AwaitClose(Duration time) implements Step {
    }

    public static Step command(String line) {
        return new Command(line);
    }

    public static Step idle(long millis) {
        return new Idle(Duration.ofMillis(millis));
    }

    public static Step awaitClose(long millis) {
        return new AwaitClose(Duration.ofMillis(millis));
    }

    /** A played session: the environment lines and every later line, prefixed as in the transcripts. */
    public record Session(List<String> environment, List<String> exchange) {
        public Session {
            environment = List.copyOf(environment);
            exchange = List.copyOf(exchange);
        }

        /** The session as a transcript section: {@code ### session N}, environment, blank, exchange. */
        public String transcript(int number) {
            StringBuilder sb = new StringBuilder("### session ").append(number).append('\n');
            environment.forEach(l -> sb.append("< ").append(l).append('\n'));
            sb.append("<\n");
            exchange.forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }
    }

    /** Accepts the next connection (within {@code accept}) and plays {@code steps} on it; closes it after. */
    public Session play(List<Step> steps, Duration accept) throws IOException {
        server.setSoTimeout((int) accept.toMillis());
        try (Socket socket = server.accept()) {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            Thread.ofVirtual().name("agi-probe-reader").start(() -> read(in, lines));
            List<String> environment = new ArrayList<>();
            String line;
            while ((line = take(lines, REPLY_TIMEOUT).orElse(EOF)) != EOF && !line.isEmpty()) {
                environment.add(line);
            }
            List<String> exchange = new ArrayList<>();
            OutputStream out = socket.getOutputStream();
            boolean open = true;
            for (Step step : steps) {
                if (!open) {
                    break;
                }
                open = switch (step) {
                    case Command c -> command(c.line(), out, lines, exchange);
                    case Idle i -> drain(lines, i.time(), exchange);
                    case AwaitClose a -> !awaitClose(lines, a.time(), exchange);
                };
            }
            if (open) {
                exchange.add("# the script closes the connection");
            }
            return new Session(environment, exchange);
        }
    }

    private boolean command(String line, OutputStream out, BlockingQueue<String> lines,
            List<String> exchange) throws IOException {
        if (!drain(lines, Duration.ZERO, exchange)) {
            return false;
        }
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        exchange.add("> " + line);
        while (true) {
            Optional<String> reply = take(lines, REPLY_TIMEOUT);
            if (reply.isEmpty()) {
                exchange.add("# no reply within " + REPLY_TIMEOUT.toSeconds() + " s");
                return true;
            }
            if (reply.get() == EOF) {
                exchange.add("# closed by Asterisk");
                return false;
            }
            exchange.add("< " + reply.get());
            if (FINAL_REPLY.matcher(reply.get()).matches()) {
                return drain(lines, settle, exchange);
            }
        }
    }

    /** Keeps what arrives within {@code time}; false when the peer closed. */
    private static boolean drain(BlockingQueue<String> lines, Duration time, List<String> exchange) {
        long deadline = System.nanoTime() + time.toNanos();
        while (true) {
            Optional<String> l = take(lines, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (l.isEmpty()) {
                return true;
            }
            if (l.get() == EOF) {
                exchange.add("# closed by Asterisk");
                return false;
            }
            exchange.add("< " + l.get());
        }
    }

    /** True when the peer closed within {@code time}. */
    private static boolean awaitClose(BlockingQueue<String> lines, Duration time, List<String> exchange) {
        if (!drain(lines, time, exchange)) {
            return true;
        }
        exchange.add("# still open after " + time.toMillis() + " ms");
        return false;
    }

    private static Optional<String> take(BlockingQueue<String> lines, Duration timeout) {
        try {
            return Optional.ofNullable(lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void read(BufferedReader in, BlockingQueue<String> lines) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // reset by the peer: the same as a close here
        }
        lines.add(EOF);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
