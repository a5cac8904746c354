package io.aftercare.bench;

import io.aftercare.App;
import io.aftercare.auth.AuthService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wallboard push latency: from a {@code QueueMemberPause} event written by the fake AMI server to aftercare's AMI
 * connector, to a wallboard SSE client reading a snapshot or delta that shows it, at a steady event rate on a
 * floor of {@code agents} agents spread over {@code queues} queues (one queue each). Event {@code i} pauses agent
 * {@code i mod agents} with reason {@code r<i>}, so each agent row names the latest event it reflects; an event overtaken before a flush
 * (coalescing) counts as delivered when a later event of the same agent is shown. Baseline in the same run: the
 * same event reaching the call tracker's listeners. A plain main, not a test; see doc/benchmarks.md.
 *
 * <p>Arguments (all optional): events per second (1000), seconds (20), queues (200), agents (5000), warm-up
 * seconds (5, left out of the figures).
 */
public final class WallboardPushBenchmark {
    private static final String PBX = "pbx1";
    private static final Pattern REASON = Pattern.compile("\"reason\":\"r(\\d+)\"");

    private final int agents;
    private final int queues;
    private final AtomicLongArray sent;
    private final AtomicLongArray tracked;
    private final long[] shown; // written by the one SSE reader thread only
    private final AtomicInteger shownCount = new AtomicInteger();
    private final AtomicLong deltaBytes = new AtomicLong();
    private final AtomicInteger deltas = new AtomicInteger();

    private WallboardPushBenchmark(int events, int queues, int agents) {
        this.agents = agents;
        this.queues = queues;
        this.sent = new AtomicLongArray(events);
        this.tracked = new AtomicLongArray(events);
        this.shown = new long[events];
    }

    public static void main(String[] args) throws Exception {
        int rate = arg(args, 0, 1_000);
        int seconds = arg(args, 1, 20);
        int queues = arg(args, 2, 200);
        int agents = arg(args, 3, 5_000);
        int warmup = arg(args, 4, 5);
        int events = rate * (warmup + seconds);
        new WallboardPushBenchmark(events, queues, agents).run(rate, seconds, warmup);
        System.exit(0); // Vert.x and the fake PBX leave non-daemon threads behind
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private void run(int rate, int seconds, int warmup) throws Exception {
        Path dir = Files.createTempDirectory("aftercare-bench");
        try (FakeAmiServer ami = FakeAmiServer.builder().credentials("bench", "bench-secret").start()) {
            AftercareConfig defaults = ConfigLoader.defaults();
            AftercareConfig config = defaults.withDb(TestDatabases.sqliteConfig(dir)).withHttpPort(0).withAgiPort(0)
                    .withAuth(defaults.auth().withBcryptCost(4))
                    .withAmi(new AftercareConfig.Ami(PBX, "127.0.0.1", ami.port(), "bench", "bench-secret",
                            defaults.ami().reconnectInitial(), defaults.ami().reconnectMax(),
                            defaults.ami().pingInterval()));
            try (App app = App.start(config, Clock.systemUTC())) {
                app.calls().tracking().addListener(event -> {
                    if (event instanceof io.aftercare.calls.TrackingEvent.AgentChanged p
                            && p.change().reason().startsWith("r")) {
                        tracked.compareAndSet(Integer.parseInt(p.change().reason().substring(1)), 0,
                                System.nanoTime());
                    }
                });
                waitFor(() -> "connected".equals(app.linkStates().get(PBX)), Duration.ofSeconds(30),
                        "AMI link up");
                for (int a = 0; a < agents; a++) { // one queue each: a pause in it pauses the agent
                    ami.emit("QueueMemberAdded", "Queue", queue(a % queues), "Interface", iface(a),
                            "MemberName", "Agent " + a, "StateInterface", iface(a), "Membership", "dynamic",
                            "Penalty", "0", "CallsTaken", "0", "LastCall", "0", "Status", "1", "Paused", "0");
                }
                waitFor(() -> app.calls().tracking().ask(t -> t.agents().views().size()).join() >= agents,
                        Duration.ofSeconds(120), "every agent on the board");
                AuthService auth = app.services().auth();
                auth.createAccount(new AuthService.AccountInput("sue", "Sue", "supervisor", null, "pw-supervisor"));
                String token = auth.login("sue", "pw-supervisor", "bench").token();
                InputStream body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + app.httpPort() + "/api/wallboard/stream?access_token=" + token))
                        .build(), HttpResponse.BodyHandlers.ofInputStream()).body();
                Thread reader = Thread.ofPlatform().daemon(true).name("sse-wallboard").start(() -> read(body));
                waitFor(() -> deltas.get() > 0, Duration.ofSeconds(30), "the first snapshot");
                int skip = rate * warmup;
                int total = sent.length();
                System.out.printf("warm-up: %d events at %d/s (load average %s)%n", skip, rate, loadAverage());
                drive(ami, 0, skip, rate);
                waitFor(() -> shownCount.get() >= skip, Duration.ofSeconds(60), () -> "every warm-up event shown ("
                        + shownCount.get() + " shown, " + count(tracked) + " tracked, " + deltas.get()
                        + " SSE messages, reader " + (reader.isAlive() ? "reading" : "ended") + ")");
                int deltasBefore = deltas.get();
                long bytesBefore = deltaBytes.get();
                System.out.printf("measuring: %d events at %d/s for %d s, %d queues, %d agents (load average %s)%n",
                        total - skip, rate, seconds, queues, agents, loadAverage());
                drive(ami, skip, total, rate);
                waitFor(() -> shownCount.get() >= total, Duration.ofSeconds(60), () -> "every event shown ("
                        + shownCount.get() + " shown, " + count(tracked) + " tracked, " + deltas.get()
                        + " SSE messages, reader " + (reader.isAlive() ? "reading" : "ended") + ")");
                System.out.printf("done (load average %s); %d SSE messages, mean %d bytes%n", loadAverage(),
                        deltas.get() - deltasBefore,
                        (deltaBytes.get() - bytesBefore) / Math.max(1, deltas.get() - deltasBefore));
                body.close();
                reader.interrupt();
                long[] toTracker = new long[total - skip];
                long[] toClient = new long[total - skip];
                for (int i = skip; i < total; i++) {
                    toTracker[i - skip] = tracked.get(i) == 0 ? Long.MAX_VALUE : tracked.get(i) - sent.get(i);
                    toClient[i - skip] = shown[i] - sent.get(i);
                }
                report("baseline: AMI event -> call tracker listeners", toTracker);
                report("AMI event -> wallboard SSE client", toClient);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String queue(int q) {
        return String.format("queue-%03d", q);
    }

    private static String iface(int a) {
        return String.format("PJSIP/agent%05d", a);
    }

    /** Emits events {@code from} to {@code to} at their slots (1/rate apart) from one thread. */
    private void drive(FakeAmiServer ami, int from, int to, int rate) {
        long period = 1_000_000_000L / rate;
        long base = System.nanoTime() + 50_000_000L;
        for (int i = from; i < to; i++) {
            long at = base + (i - from) * period;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int agent = i % agents;
            sent.set(i, System.nanoTime());
            ami.emit("QueueMemberPause", "Queue", queue(agent % queues), "Interface", iface(agent), "MemberName",
                    "Agent " + agent, "Paused", "1", "PausedReason", "r" + i);
        }
    }

    /** Reads the stream; each message marks every not yet shown event up to the one each agent row names. */
    private void read(InputStream body) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder data = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        long arrived = System.nanoTime();
                        deltas.incrementAndGet();
                        deltaBytes.addAndGet(data.length());
                        Matcher m = REASON.matcher(data);
                        while (m.find()) {
                            for (int k = Integer.parseInt(m.group(1)); k >= 0 && shown[k] == 0; k -= agents) {
                                shown[k] = arrived;
                                shownCount.incrementAndGet();
                            }
                        }
                    }
                    data.setLength(0);
                } else if (line.startsWith("data: ")) {
                    data.append(line, 6, line.length());
                }
            }
        } catch (IOException closed) {
            // the benchmark closed the stream
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%-48s n=%d  p50=%7.1f ms  p90=%7.1f ms  p99=%7.1f ms  max=%7.1f ms%n", what,
                sorted.length, pct(sorted, 0.50), pct(sorted, 0.90), pct(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String loadAverage() {
        return WallboardSnapshotBenchmark.loadAverage();
    }

    private static int count(AtomicLongArray at) {
        int n = 0;
        for (int i = 0; i < at.length(); i++) {
            n += at.get(i) == 0 ? 0 : 1;
        }
        return n;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        waitFor(condition, timeout, () -> what);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout,
                                java.util.function.Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for: " + what.get());
            }
            Thread.sleep(50); // a benchmark's main thread, not a test
        }
    }
}
