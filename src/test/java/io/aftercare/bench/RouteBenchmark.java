package io.aftercare.bench;

import io.aftercare.App;
import io.aftercare.agi.AgiCall;
import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.FastAgiServer;
import io.aftercare.agi.SafeAgiScript;
import io.aftercare.agi.ScriptRegistry;
import io.aftercare.config.ConfigLoader;
import io.aftercare.demo.DemoDataGenerator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;

/**
 * The "FastAGI route" benchmark (a main class, not a test): starts aftercare on a fresh SQLite file with N demo
 * customers, serves from one FastAGI server the {@code route} script and a trivial script that sets one variable,
 * and plays concurrent raw-socket Asterisk sessions against each, printing sessions/s, p50 and p99 and the ratios
 * to the trivial script. The timed runs take callers no warm-up took.
 * Usage: {@code RouteBenchmark [customers=100000] [sessions=20000] [concurrency=50]}; {@code AFTERCARE_*} environment
 * settings override its own (a PostgreSQL or an already generated SQLite {@code AFTERCARE_DB_URL}, lookup threads,
 * {@code AFTERCARE_AGI_DIRECTORY_ENABLED=false} for a route that reads the database on every call).
 * Prints the process CPU per session beside each rate. Not thread-safe; run once.
 */
public final class RouteBenchmark {
    /** Timed parts per script, alternating which script goes first. */
    private static final int ROUNDS = 2;
    /** Warm-up runs per script before the timed ones. */
    private static final int WARM_UPS = 3;

    private RouteBenchmark() {}

    /** The baseline: a script that only sets QUEUE, through the same base class and server as route. */
    static final class TrivialScript extends SafeAgiScript {
        TrivialScript() {
            super("general-support");
        }

        @Override
        protected void run(AgiCall call, AgiChannel channel) throws AgiException {
            set(channel, DialplanVariables.QUEUE, "general-support");
        }
    }

    /** One measured run of one script. */
    record Figures(String script, int sessions, double seconds, long[] sortedNanos, int errors, int fallbacks,
                   long cpuNanos) {
        double perSecond() {
            return sessions / seconds;
        }

        /** CPU of the whole process (server, client, JIT, GC) per session: less noisy than the rate on shared cores. */
        double cpuMicrosPerSession() {
            return cpuNanos / 1e3 / sessions;
        }

        double millisAt(double quantile) {
            int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, i)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%-8s %6d sessions in %6.2f s: %8.0f sessions/s  p50 %6.2f ms  p99 %6.2f ms  errors %d"
                    + "  fallbacks %d  process CPU %.0f us/session", script, sessions, seconds, perSecond(),
                    millisAt(0.50), millisAt(0.99), errors, fallbacks, cpuMicrosPerSession());
        }
    }

    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dir = Files.createTempDirectory("aftercare-bench");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "AFTERCARE_DB_URL", "jdbc:sqlite:" + dir.resolve("bench.db"),
                "AFTERCARE_HTTP_BIND", "127.0.0.1", "AFTERCARE_HTTP_PORT", "0", "AFTERCARE_AGI_PORT", "0",
                "AFTERCARE_PHONE_DEFAULT_REGION", "US"));
        System.getenv().forEach((k, v) -> { // e.g. AFTERCARE_AGI_LOOKUP_THREADS=4, or a PostgreSQL AFTERCARE_DB_URL
            if (k.startsWith("AFTERCARE_")) {
                env.put(k, v);
            }
        });
        var config = ConfigLoader.load(Optional.empty(), env);
        Clock clock = Clock.systemUTC();
        try (App app = App.start(config, clock)) {
            bench(app, config, clock, customers, sessions, concurrency);
        } finally {
            try (var files = Files.walk(dir)) { // the database is ~150 MB at 100,000 customers
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void bench(App app, io.aftercare.config.AftercareConfig config, Clock clock, int customers,
                              int sessions, int concurrency) throws Exception {
        var jdbi = app.database().jdbi();
        int present = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM customers").mapTo(Integer.class).one());
        if (present == 0) {
            System.out.println(new DemoDataGenerator(jdbi, clock, 42).generate(customers));
        } else { // a database given in AFTERCARE_DB_URL, generated by an earlier run
            System.out.printf("%d customers already in the database: none generated%n", present);
        }
        List<String> callers = new ArrayList<>(jdbi.withHandle(h -> h.createQuery(
                "SELECT e164 FROM customer_phones ORDER BY e164").mapTo(String.class).list()));
        java.util.Collections.shuffle(callers, new java.util.Random(42));
        System.out.printf("%d caller numbers; %d concurrent clients; %d sessions per script; %d cores%n",
                callers.size(), concurrency, sessions, Runtime.getRuntime().availableProcessors());
        if (app.routing().directory().ready()) {
            app.routing().directoryCatchUp().join(); // customers generated after start are journalled: read them
        }
        System.out.printf("caller directory: %s%n", app.routing().directory().ready()
                ? app.routing().directory().size() + " customers in memory"
                : "off (AFTERCARE_AGI_DIRECTORY_ENABLED=false): every route reads the database");
        lookupAlone(app, callers);
        Callers slices = new Callers(callers);
        // the timed runs take callers no warm-up took (while there are enough): nothing they read was warmed
        // up by an earlier call of the same caller, and a cache of callers would gain nothing
        List<String> trivialWarm = slices.next(sessions);
        List<String> routeWarm = slices.next(sessions);
        List<String> trivialTimed = slices.next(sessions);
        List<String> routeTimed = slices.next(sessions);
        ScriptRegistry scripts = ScriptRegistry.builder().register("route", app.routing().routeScript())
                .register("trivial", new TrivialScript())
                .build();
        try (FastAgiServer server = FastAgiServer.start(config.agi(), scripts)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            // Warm-up, every path, WARM_UPS times: with its queue long, C2 raises its thresholds, and after one run
            // of 20,000 sessions the route's methods (rule engine, decision, recorder) were still in the profiling
            // tier, compiled for good only during the timed runs (-XX:+PrintCompilation); a long-running aftercare
            // has them compiled. The warm-ups replay their own callers.
            for (int w = 0; w < WARM_UPS; w++) {
                run(address, "trivial", trivialWarm, sessions, concurrency);
                run(address, "route", routeWarm, sessions, concurrency);
            }
            // the timed sessions in ROUNDS parts per script, alternating T R, R T: a slow drift of the
            // shared machine or a JIT recompilation after a switch weighs on both scripts alike
            Figures trivial = null;
            Figures route = null;
            int part = sessions / ROUNDS;
            for (int r = 0; r < ROUNDS; r++) {
                List<String> t = trivialTimed.subList(r * part, (r + 1) * part);
                List<String> x = routeTimed.subList(r * part, (r + 1) * part);
                for (String script : r % 2 == 0 ? List.of("trivial", "route") : List.of("route", "trivial")) {
                    Figures f = run(address, script, script.equals("trivial") ? t : x, part, concurrency);
                    System.out.println("  part " + (r + 1) + ": " + f);
                    if (script.equals("trivial")) {
                        trivial = trivial == null ? f : merge(trivial, f);
                    } else {
                        route = route == null ? f : merge(route, f);
                    }
                }
            }
            report(trivial, route);
        }
    }

    private static void report(Figures trivial, Figures route) {
        System.out.println(trivial);
        System.out.println(route);
        System.out.printf("route/trivial throughput %.2f (target >= 0.80); p99 ratio %.2f (target <= 1.50);"
                + " trivial/route process CPU per session %.2f (the throughput ratio the CPU allows)%n",
                route.perSecond() / trivial.perSecond(), route.millisAt(0.99) / trivial.millisAt(0.99),
                trivial.cpuMicrosPerSession() / route.cpuMicrosPerSession());
    }

    /** Hands out consecutive slices of the shuffled callers, starting over when they run out. */
    private static final class Callers {
        private final List<String> all;
        private int next;

        Callers(List<String> all) {
            this.all = all;
        }

        List<String> next(int n) {
            List<String> slice = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                slice.add(all.get(next++ % all.size()));
            }
            return slice;
        }
    }

    /** The routing lookup without FastAGI, on one thread: what each route session adds to a trivial one. */
    private static void lookupAlone(App app, List<String> callers) {
        var routing = app.routing().service();
        for (int round = 0; round < 2; round++) { // the first round warms up
            int n = 5_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String caller = callers.get(Math.floorMod(i * 40_503L + round, callers.size()));
                routing.decide(routing.context(routing.readCaller(caller), "en", "1800"));
            }
            double micros = (System.nanoTime() - t0) / 1e3 / n;
            if (round == 1) {
                System.out.printf("lookup alone (parse, context, rules; one thread, no AGI): %.0f us per call%n", micros);
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Figures merge(Figures a, Figures b) {
        long[] all = new long[a.sortedNanos().length + b.sortedNanos().length];
        System.arraycopy(a.sortedNanos(), 0, all, 0, a.sortedNanos().length);
        System.arraycopy(b.sortedNanos(), 0, all, a.sortedNanos().length, b.sortedNanos().length);
        Arrays.sort(all);
        return new Figures(a.script(), a.sessions() + b.sessions(), a.seconds() + b.seconds(), all,
                a.errors() + b.errors(), a.fallbacks() + b.fallbacks(), a.cpuNanos() + b.cpuNanos());
    }

    /**
     * Waits until the JIT has compiled nothing for a second (at most 30 s). On two cores shared with 50 client
     * threads the C2 compiler thread gets little CPU, so its queue lags the warm-up by seconds: without this wait
     * the timed runs measured code still running in its profiling tier and the compiler's own CPU (perf: the C2
     * thread took 60-110 us per session in the timed runs), which moved the ratio by 0.1 from run to run.
     */
    private static void jitSettles() throws InterruptedException {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + 30_000_000_000L;
        long before = jit.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long now = jit.getTotalCompilationTime();
            if (now == before) {
                return;
            }
            before = now;
        }
    }

    private static Figures run(InetSocketAddress address, String script, List<String> callers, int sessions,
                               int concurrency) throws Exception {
        jitSettles();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger fallbacks = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency,
                Thread.ofPlatform().name("bench-client-", 0).daemon(true).factory());
        List<Future<long[]>> results = new ArrayList<>();
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        for (int c = 0; c < concurrency; c++) {
            results.add(clients.submit(() -> {
                RawAgiSession session = new RawAgiSession(address);
                long[] latencies = new long[sessions / concurrency + 2];
                int count = 0;
                int i;
                while ((i = next.getAndIncrement()) < sessions) {
                    String caller = callers.get(i % callers.size());
                    long t0 = System.nanoTime();
                    try {
                        session.call(script, caller, "1795340440." + i);
                        if (session.fallback()) {
                            fallbacks.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        errors.incrementAndGet();
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : results) {
            parts.add(f.get());
        }
        long ended = System.nanoTime();
        double seconds = (ended - started) / 1e9;
        if (Boolean.getBoolean("bench.phases")) { // System.nanoTime is CLOCK_MONOTONIC: perf record -k CLOCK_MONOTONIC
            long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
            System.out.printf("phase %s %d %d (JVM uptime %d to %d ms)%n", script, started, ended,
                    uptime - (ended - started) / 1_000_000, uptime);
        }
        clients.shutdown();
        long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long cpu = processCpuNanos() - cpuStarted;
        return new Figures(script, sessions, seconds, all, errors.get(), fallbacks.get(), cpu);
    }
}
