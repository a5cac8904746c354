package io.aftercare.bench;

import io.aftercare.App;
import io.aftercare.calls.AgentView;
import io.aftercare.calls.TrackingEvent;
import io.aftercare.auth.AuthService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.demo.DemoDataGenerator;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.persistence.Database;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code serve} under an AMI burst: the {@link AmiBurst} stream (calls cut from the real transcript, here with the
 * demo data's callers and agents) read by an asterisk-java connection that only counts events (the baseline),
 * then by the whole {@link App} as {@code serve} builds it, on a SQLite file with the demo data, its agents signed
 * in and logged in to the stream's queue with no console open ({@link Consoles}), then the same with every agent's
 * push stream open. Prints events per second of each, the ratio to the baseline, the load average and where the CPU
 * went. Run: see doc/benchmarks.md ("serve under an AMI burst"). A main program, not thread-safe.
 *
 * <p>Arguments (optional): events (300,000), rounds (3) and the lines to run, comma-separated
 * ({@code baseline,serve,push}; {@code signed-out} is a fourth). After a warm-up run of each line (as long as the
 * measured ones), every round runs each line once; the first round also prints where the CPU went. With
 * {@code -Dbench.jfr=DIR}, each app line runs once more after the rounds, recorded with JFR's profile settings to
 * DIR/LINE.jfr until the pop workers are idle again.
 */
public final class ServeBenchmark {
    private static final String PBX = "pbx1";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ServeBenchmark() {}

    /**
     * One line's rate, the process's CPU time per 1,000 events of the stream (fake PBX included; less moved by the
     * machine's other work than the rate), and the load average when its clock started and stopped.
     */
    record Figure(double eventsPerSecond, double cpuMillisPerKiloEvent, String loadStart, String loadEnd) {}

    /**
     * A warm-up run prints its checks only, a measured run its figures too, the first round's where the CPU went; a
     * recorded run (after the rounds, not in the figures) runs under JFR.
     */
    enum Mode { WARM_UP, MEASURED, PROFILED, RECORDED }

    /**
     * The agents' consoles during a {@code serve} line. All agents log in to the stream's queue through the API
     * first; then they stay signed in without a push stream ({@code serve}), sign out ({@code signed-out}), or keep
     * a push stream open each ({@code push}).
     */
    enum Consoles { SIGNED_IN, SIGNED_OUT, PUSH }

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> lines = List.of((args.length > 2 ? args[2] : "baseline,serve,push").split(","));
        AmiBurst.Template call = AmiBurst.template();
        AftercareConfig.Demo demo = ConfigLoader.defaults().demo();
        AmiBurst.Cast cast = cast(demo.customers(), demo.seed());
        int calls = (int) ((target + call.events().size() - 1) / call.events().size());
        System.out.printf(Locale.ROOT, "stream: %d calls x %d events = %d events, queue %s; %d demo customers: %d"
                + " callers, %d agents%n", calls, call.events().size(), (long) calls * call.events().size(),
                call.queue(), demo.customers(), cast.callers().size(), cast.agents().size());
        int warmup = calls; // serve's code (jdbi, SQLite, Jackson, the pops) compiles for longer than the baseline's
        System.out.printf(Locale.ROOT, "warm-up (JIT): %d calls each%n", warmup);
        for (String line : lines) {
            run(line, call, cast, warmup, Mode.WARM_UP);
        }
        Map<String, List<Figure>> figures = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "measured, round %d of %d:%n", round, rounds);
            for (String line : lines) {
                figures.computeIfAbsent(line, k -> new ArrayList<>())
                        .add(run(line, call, cast, calls, round == 1 ? Mode.PROFILED : Mode.MEASURED));
            }
        }
        if (System.getProperty("bench.jfr") != null) {
            System.out.println("recorded with JFR (not in the figures):");
            for (String line : lines) {
                if (!line.equals("baseline")) {
                    run(line, call, cast, calls, Mode.RECORDED);
                }
            }
        }
        report(figures);
        System.exit(0); // Vert.x and the fake PBX are closed; be sure no thread lingers
    }

    /** Each line's rate per round and median, and its ratio to the baseline of the same round, and of the medians. */
    private static void report(Map<String, List<Figure>> figures) {
        List<Figure> base = figures.get("baseline");
        figures.forEach((line, runs) -> {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "RESULT %-10s median %,7.0f events/s, "
                    + "%.1f ms CPU per 1,000 events", line, median(runs.stream().mapToDouble(Figure::eventsPerSecond)
                    .toArray()), median(runs.stream().mapToDouble(Figure::cpuMillisPerKiloEvent).toArray())));
            if (base != null && !line.equals("baseline")) {
                double[] ratios = new double[runs.size()];
                for (int i = 0; i < runs.size(); i++) {
                    ratios[i] = runs.get(i).eventsPerSecond() / base.get(i).eventsPerSecond();
                }
                out.append(String.format(Locale.ROOT, ", ratio to the baseline: median %.2f", median(ratios)));
            }
            out.append("; rounds:");
            for (int i = 0; i < runs.size(); i++) {
                Figure f = runs.get(i);
                out.append(String.format(Locale.ROOT, " %,.0f/%.1f ms", f.eventsPerSecond(), f.cpuMillisPerKiloEvent()));
                if (base != null && !line.equals("baseline")) {
                    out.append(String.format(Locale.ROOT, " (%.2f)", f.eventsPerSecond()
                            / base.get(i).eventsPerSecond()));
                }
                out.append(String.format(Locale.ROOT, " [load %s -> %s]", f.loadStart(), f.loadEnd()));
            }
            System.out.println(out);
        });
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Figure run(String line, AmiBurst.Template call, AmiBurst.Cast cast, int calls, Mode mode)
            throws Exception {
        long events = (long) calls * call.events().size();
        return switch (line) {
            case "baseline" -> {
                ThreadCpu.settle();
                String loadStart = AmiBurst.loadAverage();
                AmiBurst.Counted counted = AmiBurst.countOnly("baseline", call, cast, calls, events);
                String loadEnd = AmiBurst.loadAverage();
                if (mode == Mode.PROFILED) {
                    counted.cpu().print("  CPU while the clock ran", counted.seconds());
                }
                yield new Figure(counted.eventsPerSecond(), counted.cpu().process() / 1e3 / events, loadStart,
                        loadEnd);
            }
            case "serve" -> serve(line, call, cast, calls, Consoles.SIGNED_IN, mode);
            case "signed-out" -> serve(line, call, cast, calls, Consoles.SIGNED_OUT, mode);
            case "push" -> serve(line, call, cast, calls, Consoles.PUSH, mode);
            default -> throw new IllegalArgumentException("lines: baseline, serve, signed-out, push; not " + line);
        };
    }

    /** The demo data's agents, and one caller a customer with orders, national form for North American numbers. */
    private static AmiBurst.Cast cast(int customers, long seed) throws IOException {
        Path dir = Files.createTempDirectory("serve-bench-cast");
        try (Database db = Database.open(ConfigLoader.defaults().db().withUrl("jdbc:sqlite:" + dir.resolve("c.db")))) {
            db.migrate();
            new DemoDataGenerator(db.jdbi(), Clock.systemUTC(), seed).generate(customers);
            return db.jdbi().withHandle(h -> new AmiBurst.Cast(
                    h.createQuery("SELECT MIN(p.e164) FROM customer_phones p WHERE EXISTS (SELECT 1 FROM orders o"
                            + " WHERE o.customer_id = p.customer_id) GROUP BY p.customer_id ORDER BY p.customer_id")
                            .mapTo(String.class).map(e164 -> e164.startsWith("+1") ? e164.substring(2) : e164).list(),
                    h.createQuery("SELECT login, name FROM agents ORDER BY login")
                            .map((rs, ctx) -> new AmiBurst.Agent(rs.getString(1), rs.getString(2))).list()));
        } finally {
            delete(dir);
        }
    }

    /** {@code serve}'s configuration: reference.yaml plus environment variables, as {@code Main} loads it. */
    private static AftercareConfig config(Path dir, int amiPort) {
        return ConfigLoader.load(Optional.empty(), Map.of(
                "AFTERCARE_DB_URL", "jdbc:sqlite:" + dir.resolve("aftercare.db"),
                "AFTERCARE_HTTP_BIND", "127.0.0.1", "AFTERCARE_HTTP_PORT", "0", "AFTERCARE_AGI_PORT", "0",
                "AFTERCARE_AMI_HOST", "127.0.0.1", "AFTERCARE_AMI_PORT", Integer.toString(amiPort),
                "AFTERCARE_AMI_USER", "hotline", "AFTERCARE_AMI_SECRET", "s3cret",
                "AFTERCARE_AUTH_BCRYPT_COST", "4")); // sign-ins only; nothing in the measured phase hashes
    }

    private static Figure serve(String name, AmiBurst.Template call, AmiBurst.Cast cast, int calls,
                                Consoles consoles, Mode mode) throws Exception {
        Path dir = Files.createTempDirectory("serve-bench");
        try (FakeAmiServer pbx = FakeAmiServer.builder().securityEvents(false).start()) {
            AftercareConfig config = config(dir, pbx.port());
            try (Database db = Database.open(config.db())) { // what `aftercare seed` writes
                db.migrate();
                new DemoDataGenerator(db.jdbi(), Clock.systemUTC(), config.demo().seed())
                        .generate(config.demo().customers());
            }
            try (App app = App.start(config, Clock.systemUTC())) {
                return measure(name, app, pbx, call, cast, calls, consoles, mode);
            }
        } finally {
            delete(dir);
        }
    }

    private static Figure measure(String name, App app, FakeAmiServer pbx, AmiBurst.Template call,
                                  AmiBurst.Cast cast, int calls, Consoles consoles, Mode mode) throws Exception {
        waitFor(() -> "connected".equals(app.linkStates().get(PBX)), "the AMI link");
        List<String> tokens = signIn(app.services().auth(), cast.agents());
        for (AmiBurst.Agent agent : cast.agents()) { // an agent logs in only to the queues assigned to them
            app.database().jdbi().useHandle(h -> h.execute("INSERT INTO agent_queues (agent_id, queue) SELECT id, ?"
                    + " FROM agents WHERE login = ? ON CONFLICT (agent_id, queue) DO NOTHING", call.queue(),
                    agent.login()));
        }
        PushReaders readers = consoles == Consoles.PUSH ? PushReaders.open(app.httpPort(), tokens) : null;
        for (int a = 0; a < tokens.size(); a++) {
            post(app.httpPort(), tokens.get(a), "/api/agents/login", String.format("{\"iface\": \"Local/%s@agents\","
                    + " \"queues\": [\"%s\"]}", cast.agents().get(a).login(), call.queue()));
        }
        waitFor(() -> membersOf(app, call.queue()) == cast.agents().size(), "the agents in queue " + call.queue());
        if (consoles == Consoles.SIGNED_OUT) { // still queue members: signing out does not log out of queues
            for (String token : tokens) {
                post(app.httpPort(), token, "/api/auth/logout", "{}");
            }
        }

        Decisions decisions = new Decisions();
        app.calls().tracking().addListener(decisions);
        long events = (long) calls * call.events().size();
        Jdbi jdbi = app.database().jdbi();
        BooleanSupplier stored = () -> decisions.end().get() && liveCalls(app) == 1
                && answeredAndEnded(jdbi, false) == calls;

        ThreadCpu.settle(); // start-up work (caller directory, product affinity) done
        String loadStart = AmiBurst.loadAverage();
        ThreadCpu before = ThreadCpu.take();
        var jfr = mode == Mode.RECORDED ? Jfr.start() : null;
        long start = System.nanoTime();
        AmiBurst.Producer producer = AmiBurst.stream(pbx, call, cast, calls);
        AmiBurst.watch(name, () -> decisions.answered().sum() * events / calls, events, stored);
        double seconds = (System.nanoTime() - start) / 1e9;
        String loadEnd = AmiBurst.loadAverage();
        ThreadCpu atStop = ThreadCpu.take();
        int poppedAtStop = readers == null ? 0 : readers.connected();
        producer.join();
        double popsAfter = ThreadCpu.waitIdle("screenpop", Duration.ofMinutes(5));
        ThreadCpu idle = ThreadCpu.take();
        if (jfr != null) {
            jfr.stop(name);
        }

        long ended = answeredAndEnded(jdbi, false);
        boolean lost = !decisions.each(calls) || ended != calls;
        System.out.printf(Locale.ROOT, "%s: call tracking's decisions offered/answered/wrap-up %d/%d/%d, %d of %d calls"
                + " stored answered and ended (%d from a known customer), in %.2f s: %.0f events/s (of the stream)%s%n",
                name, decisions.offered().sum(), decisions.answered().sum(), decisions.wrapups().sum(), ended, calls,
                answeredAndEnded(jdbi, true), seconds, events / seconds, lost ? "  EVENTS LOST" : "");
        if (mode == Mode.PROFILED || mode == Mode.RECORDED) {
            atStop.since(before).with(AmiBurst.STREAM, producer.cpuNanos().get())
                    .print("  CPU while the clock ran", seconds);
            if (popsAfter > 0.1) {
                System.out.printf(Locale.ROOT, "  pop workers still busy %.1f s after the clock stopped%n", popsAfter);
                idle.since(atStop).print("  CPU from then until they were idle", popsAfter);
            }
            if (readers != null) {
                System.out.printf(Locale.ROOT, "  connected pops delivered to push streams: %d of %d when the clock "
                        + "stopped, %d after%n", poppedAtStop, calls, readers.connected());
            }
        }
        if (readers != null) {
            readers.close();
        }
        return new Figure(events / seconds, atStop.since(before).process() / 1e3 / events, loadStart, loadEnd);
    }

    /**
     * Call tracking's decisions about the stream's calls, as its listeners hear them: each call must be offered to
     * its agent, answered, and start their wrap-up once; {@code end} is set when the end marker's call is known.
     */
    private record Decisions(LongAdder offered, LongAdder answered, LongAdder wrapups, AtomicBoolean end)
            implements java.util.function.Consumer<TrackingEvent> {
        Decisions() {
            this(new LongAdder(), new LongAdder(), new LongAdder(), new AtomicBoolean());
        }

        @Override
        public void accept(TrackingEvent e) {
            switch (e) {
                case TrackingEvent.AgentOffered o when AmiBurst.ofStream(o.linkedId()) -> offered.increment();
                case TrackingEvent.AgentAnswered a when AmiBurst.ofStream(a.linkedId()) -> answered.increment();
                case TrackingEvent.WrapupStarted w when AmiBurst.ofStream(w.linkedId()) -> wrapups.increment();
                case TrackingEvent.CallChanged c when c.contact().linkedId().equals(AmiBurst.END_ID) -> end.set(true);
                default -> { }
            }
        }

        boolean each(int calls) {
            return offered.sum() == calls && answered.sum() == calls && wrapups.sum() == calls;
        }
    }

    private static int liveCalls(App app) {
        try {
            return app.calls().tracking().ask(t -> t.liveCalls()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long answeredAndEnded(Jdbi jdbi, boolean knownCustomer) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM contacts c WHERE ended_at IS NOT NULL"
                + " AND answered_at IS NOT NULL" + (knownCustomer
                        ? " AND EXISTS (SELECT 1 FROM customer_phones p WHERE p.e164 = c.caller_e164)" : ""))
                .mapTo(Long.class).one());
    }

    private static long membersOf(App app, String queue) {
        try {
            List<AgentView> views = app.calls().tracking().agents().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return views.stream().filter(v -> v.queuesPaused().containsKey(queue)).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An agent account for each agent (role agent, its agent login), signed in: their bearer tokens. */
    private static List<String> signIn(AuthService auth, List<AmiBurst.Agent> agents) {
        List<String> tokens = new ArrayList<>();
        for (AmiBurst.Agent agent : agents) {
            String password = "pw-" + agent.login();
            auth.createAccount(new AuthService.AccountInput(agent.login(), agent.name(), "agent", agent.login(),
                    password));
            tokens.add(auth.login(agent.login(), password, "bench").token());
        }
        return tokens;
    }

    private static void post(int port, String token, String path, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20); // a benchmark's set-up, not a test
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Every agent's {@code /api/push} stream, each read on a thread of its own, counting connected pops. */
    private record PushReaders(List<InputStream> bodies, LongAdder popped) {
        static PushReaders open(int port, List<String> tokens) throws Exception {
            PushReaders readers = new PushReaders(new ArrayList<>(), new LongAdder());
            for (String token : tokens) {
                InputStream body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/push?access_token=" + token)).build(),
                        HttpResponse.BodyHandlers.ofInputStream()).body();
                readers.bodies().add(body);
                Thread.ofPlatform().daemon(true).name("bench-sse").start(() -> readers.read(body));
            }
            return readers;
        }

        private void read(InputStream body) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("event: connected")) {
                        popped.increment();
                    }
                }
            } catch (IOException closed) {
                // the benchmark or the app closed the stream
            }
        }

        int connected() {
            return popped.intValue();
        }

        void close() {
            for (InputStream body : bodies) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** A JFR recording with the profile settings, when {@code -Dbench.jfr=DIR} asks for one. */
    private record Jfr(jdk.jfr.Recording recording, Path dir) {
        static Jfr start() throws Exception {
            String dir = System.getProperty("bench.jfr");
            if (dir == null) {
                return null;
            }
            var recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            // JDK 25's CPU-time sampler also sees threads inside native code (SQLite's), which jdk.ExecutionSample
            // skips; older JDKs ignore the name.
            recording.enable("jdk.CPUTimeSample").with("throttle", "2ms");
            recording.start();
            return new Jfr(recording, Files.createDirectories(Path.of(dir)));
        }

        void stop(String name) throws IOException {
            recording.stop();
            recording.dump(dir.resolve(name + ".jfr"));
            recording.close();
            System.out.println("  JFR recording: " + dir.resolve(name + ".jfr"));
        }
    }
}
