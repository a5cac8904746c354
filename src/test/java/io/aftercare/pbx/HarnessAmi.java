package io.aftercare.pbx;

import io.aftercare.fake.AmiHeader;
import io.aftercare.fake.AmiPacket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The test harness's own AMI login on the real Asterisk (an account with every class, which aftercare's must not
 * have): places calls with Originate and keeps every event Asterisk sends, also written as received to a capture
 * file beside the run, so a test can say exactly what the PBX did. Thread-safe.
 */
final class HarnessAmi implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final Writer capture;
    private final List<AmiPacket> events = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<AmiPacket>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    HarnessAmi(int port, String user, String secret, Path captureFile) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(0);
        this.out = socket.getOutputStream();
        this.capture = Files.newBufferedWriter(captureFile, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String banner = in.readLine();
        capture.write(banner + "\n");
        Thread.ofPlatform().daemon(true).name("pbx-harness-ami").start(() -> read(in));
        AmiPacket login = send(AmiPacket.of("Action", "Login", "Username", user, "Secret", secret),
                Duration.ofSeconds(10));
        if (!"Success".equals(login.type())) {
            throw new IOException("harness AMI login refused: " + login.getOrEmpty("Message"));
        }
    }

    /** Sends an action (an ActionID is added) and waits for its Response. */
    AmiPacket send(AmiPacket action, Duration timeout) {
        String id = "h" + ids.incrementAndGet();
        CompletableFuture<AmiPacket> answer = new CompletableFuture<>();
        pending.put(id, answer);
        AmiPacket withId = action.with(1, new AmiHeader("ActionID", id));
        try {
            synchronized (this) {
                out.write(withId.toWire().getBytes(StandardCharsets.UTF_8));
                out.flush();
                logged(">>> ", withId);
            }
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer from Asterisk to " + action.type(), e);
        } finally {
            pending.remove(id);
        }
    }

    /** Every event so far, in the order Asterisk sent them. */
    List<AmiPacket> events() {
        return List.copyOf(events);
    }

    /** The first event matching {@code test}, waiting up to {@code timeout} for it. */
    AmiPacket awaitEvent(Predicate<AmiPacket> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (AmiPacket e : events) {
                if (test.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Asterisk sent no such event within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void read(BufferedReader in) {
        List<AmiHeader> current = new ArrayList<>();
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    if (line.indexOf(':') > 0) { // a Command's output lines have none; none is sent here
                        current.add(AmiHeader.parse(line));
                    }
                    continue;
                }
                if (current.isEmpty()) {
                    continue;
                }
                AmiPacket packet = new AmiPacket(current);
                current = new ArrayList<>();
                synchronized (this) {
                    logged("", packet);
                }
                if (packet.isEvent()) {
                    events.add(packet);
                }
                CompletableFuture<AmiPacket> waiting = packet.isResponse()
                        ? pending.get(packet.getOrEmpty("ActionID")) : null;
                if (waiting != null) {
                    waiting.complete(packet);
                }
            }
        } catch (IOException e) {
            // closed by close(), or Asterisk stopped
        }
    }

    private void logged(String prefix, AmiPacket packet) {
        try {
            for (AmiHeader h : packet.headers()) {
                capture.write(prefix + (h.name().equalsIgnoreCase("Secret") ? "Secret: ****" : h.line()) + "\n");
            }
            capture.write(prefix + "\n");
            capture.flush();
        } catch (IOException e) {
            // the capture is a debugging aid; a full disk must not fail the call
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            synchronized (this) {
                capture.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
