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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Screen pop latency: from the {@code AgentConnect} event entering aftercare's AMI socket (written by the fake
 * AMI server) to the {@code connected} pop arriving on the agent's SSE push channel, with customers holding
 * 500 orders each, at a steady rate of call connects. The baseline in the same run is the light
 * {@code ringing} message of the same calls over the same path ({@code AgentCalled} to SSE). A plain main,
 * not a test; see doc/benchmarks.md for how to run it.
 *
 * <p>Arguments (all optional): connects per second (50), seconds (30), customers (200), orders per customer
 * (500), agents (50), warm-up seconds (5): the warm-up calls run first at the same rate, are left out of the
 * figures, and every pop of theirs is delivered before the measured calls start.
 */
public final class ScreenPopBenchmark {
    private static final Pattern LINKED_ID = Pattern.compile("\"linkedId\":\"([^\"]+)\"");
    private static final String PBX = "pbx1";

    private final Map<String, Long> ringSent = new ConcurrentHashMap<>();
    private final Map<String, Long> connectSent = new ConcurrentHashMap<>();
    private final List<long[]> ringLatencies = new ArrayList<>(); // {callIndex, nanos}
    private final List<long[]> connectLatencies = new ArrayList<>();
    private final List<long[]> trackedLatencies = new ArrayList<>(); // AgentConnect -> call tracking's listeners
    private final AtomicInteger popBytes = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int rate = arg(args, 0, 50);
        int seconds = arg(args, 1, 30);
        int customers = arg(args, 2, 200);
        int ordersEach = arg(args, 3, 500);
        int agents = arg(args, 4, 50);
        int warmup = arg(args, 5, 5);
        new ScreenPopBenchmark().run(rate, seconds, customers, ordersEach, agents, warmup);
        System.exit(0); // the fake PBX's and Vert.x's non-daemon threads are closed; be sure nothing lingers
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private void run(int rate, int seconds, int customers, int ordersEach, int agents, int warmup) throws Exception {
        Path dir = Files.createTempDirectory("aftercare-bench");
        try {
            measure(dir, rate, seconds, customers, ordersEach, agents, warmup);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private void measure(Path dir, int rate, int seconds, int customers, int ordersEach, int agents, int warmup)
            throws Exception {
        try (FakeAmiServer ami = FakeAmiServer.builder().credentials("bench", "bench-secret").start()) {
            AftercareConfig defaults = ConfigLoader.defaults();
            AftercareConfig config = defaults.withDb(TestDatabases.sqliteConfig(dir)).withHttpPort(0).withAgiPort(0)
                    .withAuth(defaults.auth().withBcryptCost(4))
                    .withAmi(new AftercareConfig.Ami(PBX, "127.0.0.1", ami.port(), "bench", "bench-secret",
                            defaults.ami().reconnectInitial(), defaults.ami().reconnectMax(), defaults.ami().pingInterval()));
            try (App app = App.start(config, Clock.systemUTC())) {
                long loadStart = System.nanoTime();
                List<String> phones = load(app.database().jdbi(), customers, ordersEach, agents);
                System.out.printf("loaded %d customers x %d orders (%d agents) in %.1f s%n", customers, ordersEach,
                        agents, (System.nanoTime() - loadStart) / 1e9);
                app.calls().tracking().addListener(event -> {
                    if (event instanceof io.aftercare.calls.TrackingEvent.AgentAnswered c) {
                        Long sent = connectSent.get(c.linkedId());
                        if (sent != null) {
                            long now = System.nanoTime();
                            synchronized (trackedLatencies) {
                                trackedLatencies.add(new long[] {callIndex(c.linkedId()), now - sent});
                            }
                        }
                    }
                });
                waitFor(() -> "connected".equals(app.linkStates().get(PBX)), Duration.ofSeconds(30), "AMI link up");
                List<Thread> readers = new ArrayList<>();
                List<InputStream> streams = new ArrayList<>();
                CountDownLatch open = new CountDownLatch(agents);
                AuthService auth = app.services().auth();
                List<String> tokens = new ArrayList<>();
                for (int a = 1; a <= agents; a++) { // accounts first: queue logins below make call tracking write
                    String user = "bench" + a;
                    auth.createAccount(new AuthService.AccountInput(user, user, "agent", agentLogin(a), "pw-" + user));
                    tokens.add(auth.login(user, "pw-" + user, "bench").token());
                }
                for (int a = 1; a <= agents; a++) {
                    String token = tokens.get(a - 1);
                    InputStream body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + app.httpPort() + "/api/push?access_token=" + token)).build(),
                            HttpResponse.BodyHandlers.ofInputStream()).body();
                    streams.add(body);
                    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + app.httpPort() + "/api/agents/login")).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"iface\": \"" + iface(a)
                                    + "\", \"queues\": [\"general-support\"]}")).build(),
                            HttpResponse.BodyHandlers.discarding()); // the agent is a queue member, as after Ready
                    readers.add(Thread.ofPlatform().daemon(true).name("sse-" + a).start(() -> read(body, open)));
                }
                open.await(10, TimeUnit.SECONDS);
                int skip = rate * warmup;
                int calls = skip + rate * seconds;
                System.out.printf("warm-up: %d calls at %d per second, then until every pop is delivered%n", skip, rate);
                drive(ami, phones, 0, skip, rate, agents);
                waitFor(() -> count(connectLatencies) >= skip && count(ringLatencies) >= skip,
                        Duration.ofSeconds(120), "every warm-up pop delivered");
                System.out.printf("measuring: %d calls, %d AgentConnect per second for %d s (load average %s)%n",
                        calls - skip, rate, seconds, loadAverage());
                long[] gcBefore = gc();
                drive(ami, phones, skip, calls, rate, agents);
                waitFor(() -> count(connectLatencies) >= calls && count(ringLatencies) >= calls,
                        Duration.ofSeconds(120), "every pop delivered");
                long[] gcAfter = gc();
                System.out.printf("done (load average %s); GC pauses meanwhile: %d, %d ms in all%n",
                        loadAverage(), gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
                streams.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                });
                report("ringing (baseline: AgentCalled -> light SSE message)", ringLatencies, skip);
                report("connected (AgentConnect -> full screen pop on SSE)", connectLatencies, skip);
                report("  of which AgentConnect -> call tracking listeners", trackedLatencies, skip);
                System.out.printf("mean connected pop size: %d bytes%n", popBytes.get() / Math.max(1, calls));
            }
        }
    }

    /** Stop-the-world pauses so far and their milliseconds (G1's concurrent and ZGC's cycle beans left out). */
    private static long[] gc() {
        long[] sum = new long[2];
        for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean.getName().contains("Concurrent") || bean.getName().contains("Cycles")) {
                continue;
            }
            sum[0] += Math.max(0, bean.getCollectionCount());
            sum[1] += Math.max(0, bean.getCollectionTime());
        }
        return sum;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int count(List<long[]> samples) {
        synchronized (samples) {
            return samples.size();
        }
    }

    private static String agentLogin(int a) {
        return String.format("agent%02d", a);
    }

    private static String iface(int a) {
        return "Local/" + agentLogin(a) + "@agents";
    }

    /** Customers with 500 orders of one or two lines each (serials on the first), a warranty and a case. */
    private static List<String> load(Jdbi jdbi, int customers, int ordersEach, int agents) {
        Random random = new Random(42);
        List<String> phones = new ArrayList<>();
        long now = System.currentTimeMillis();
        jdbi.useTransaction(h -> {
            for (int a = 1; a <= agents; a++) {
                h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES (?, ?, ?, 0)",
                        agentLogin(a), "Bench Agent " + a, iface(a));
                h.execute("INSERT INTO agent_queues (agent_id, queue) SELECT id, 'general-support' FROM agents"
                        + " WHERE login = ?", agentLogin(a)); // the queue the agents log in to
            }
            h.execute("INSERT INTO products (sku, name, category, warranty_months) VALUES"
                    + " ('PH-1', 'Phone', 'phone', 24), ('AC-1', 'Case', 'accessory', 0), ('AC-2', 'Charger', 'accessory', 0)");
            var customer = h.prepareBatch("INSERT INTO customers (id, name, tier, language, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 'en', ?, ?)");
            var phone = h.prepareBatch("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES (?, ?, ?)");
            var order = h.prepareBatch("INSERT INTO orders (id, order_number, customer_id, ordered_on, total_minor,"
                    + " currency, channel, created_at) VALUES (?, ?, ?, ?, ?, 'USD', 'web', ?)");
            var line = h.prepareBatch("INSERT INTO order_lines (id, order_id, line_no, sku, quantity, unit_price_minor)"
                    + " VALUES (?, ?, ?, ?, 1, ?)");
            var serial = h.prepareBatch("INSERT INTO order_line_serials (order_line_id, serial_number) VALUES (?, ?)");
            var warranty = h.prepareBatch("INSERT INTO warranties (customer_id, serial_number, sku, plan, starts_on,"
                    + " ends_on) VALUES (?, ?, 'PH-1', 'manufacturer', ?, ?)");
            var openCase = h.prepareBatch("INSERT INTO cases (customer_id, type, subject, sku, serial_number, opened_at,"
                    + " updated_at) VALUES (?, 'repair', 'Cracked screen', 'PH-1', ?, ?, ?)");
            long orderId = 0;
            long lineId = 0;
            LocalDate start = LocalDate.of(2015, 1, 1);
            for (int c = 1; c <= customers; c++) {
                String e164 = String.format("+1212%07d", 5_550_000 + c);
                phones.add(e164.substring(2)); // callers present national numbers, as carriers deliver them
                customer.add(c, "Bench Customer " + c, c % 10 == 0 ? "vip" : "standard", now, now);
                phone.add(e164, c, now);
                for (int o = 0; o < ordersEach; o++) {
                    orderId++;
                    LocalDate on = start.plusDays(o * 7L + random.nextInt(7));
                    order.add(orderId, "SO-" + orderId, c, on.toString(), 69_900 + 1_999, now);
                    lineId++;
                    line.add(lineId, orderId, 1, "PH-1", 69_900);
                    serial.add(lineId, "SN-" + orderId);
                    if (o % 2 == 0) {
                        lineId++;
                        line.add(lineId, orderId, 2, random.nextBoolean() ? "AC-1" : "AC-2", 1_999);
                    }
                    if (o == ordersEach - 1) {
                        warranty.add(c, "SN-" + orderId, on.toString(), on.plusYears(2).toString());
                        openCase.add(c, "SN-" + orderId, now, now);
                    }
                }
                if (c % 20 == 0 || c == customers) {
                    for (var batch : List.of(customer, phone, order, line, serial, warranty, openCase)) {
                        if (batch.size() > 0) {
                            batch.execute();
                        }
                    }
                }
            }
        });
        return phones;
    }

    /**
     * Each call: Newchannel, QueueCallerJoin and AgentCalled at its slot, AgentConnect 150 ms later, AgentComplete
     * and Hangup 700 ms later; call i goes to agent i mod agents, so an agent takes one call a second.
     */
    private void drive(FakeAmiServer ami, List<String> phones, int from, int to, int rate, int agents)
            throws Exception {
        ScheduledExecutorService pbx = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bench-pbx").factory());
        Random random = new Random(7L + from);
        long periodMicros = 1_000_000L / rate;
        CountDownLatch done = new CountDownLatch(to - from);
        long base = System.nanoTime() + 200_000_000L;
        for (int i = from; i < to; i++) {
            int call = i;
            int agent = 1 + i % agents;
            String caller = phones.get(random.nextInt(phones.size()));
            long at = base + (call - from) * periodMicros * 1000;
            pbx.schedule(() -> ring(ami, call, caller, agent), at - System.nanoTime(), TimeUnit.NANOSECONDS);
            pbx.schedule(() -> connect(ami, call, caller, agent), at + 150_000_000L - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
            pbx.schedule(() -> {
                complete(ami, call, caller, agent);
                done.countDown();
            }, at + 700_000_000L - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await((to - from) / rate + 60, TimeUnit.SECONDS);
        pbx.shutdown();
    }

    private static int callIndex(String linkedId) {
        return Integer.parseInt(linkedId.substring(linkedId.indexOf('.') + 1));
    }

    private static String linkedId(int call) {
        return "1795000000." + call;
    }

    private static String[] caller(int call, String number, String... extra) {
        String[] snapshot = {"Channel", "PJSIP/trunk-" + String.format("%08x", call), "ChannelState", "6",
                "ChannelStateDesc", "Up", "CallerIDNum", number, "CallerIDName", "Bench Caller",
                "ConnectedLineNum", "<unknown>", "ConnectedLineName", "<unknown>", "Language", "en", "AccountCode", "",
                "Context", "from-trunk", "Exten", "1800", "Priority", "1", "Uniqueid", linkedId(call),
                "Linkedid", linkedId(call)};
        String[] all = Arrays.copyOf(snapshot, snapshot.length + extra.length);
        System.arraycopy(extra, 0, all, snapshot.length, extra.length);
        return all;
    }

    private static String[] agentLeg(int call, String number, int agent, String... extra) {
        String[] dest = {"DestChannel", iface(agent) + "-" + String.format("%08x", call) + ";1", "DestChannelState", "6",
                "DestChannelStateDesc", "Up", "DestCallerIDNum", agentLogin(agent), "DestCallerIDName", "Agent",
                "DestConnectedLineNum", number, "DestConnectedLineName", "Bench Caller", "DestLanguage", "en",
                "DestAccountCode", "", "DestContext", "agents", "DestExten", agentLogin(agent), "DestPriority", "1",
                "DestUniqueid", linkedId(call) + "1", "DestLinkedid", linkedId(call)};
        String[] all = Arrays.copyOf(dest, dest.length + extra.length);
        System.arraycopy(extra, 0, all, dest.length, extra.length);
        return caller(call, number, all);
    }

    private void ring(FakeAmiServer ami, int call, String number, int agent) {
        ami.emit("Newchannel", caller(call, number));
        ami.emit("QueueCallerJoin", caller(call, number, "Queue", "general-support", "Position", "1", "Count", "1"));
        ringSent.put(linkedId(call), System.nanoTime());
        ami.emit("AgentCalled", agentLeg(call, number, agent, "Queue", "general-support", "Interface", iface(agent),
                "MemberName", "Bench Agent " + agent));
    }

    private void connect(FakeAmiServer ami, int call, String number, int agent) {
        connectSent.put(linkedId(call), System.nanoTime());
        ami.emit("AgentConnect", agentLeg(call, number, agent, "Queue", "general-support", "Interface", iface(agent),
                "MemberName", "Bench Agent " + agent, "HoldTime", "1", "RingTime", "0"));
    }

    private static void complete(FakeAmiServer ami, int call, String number, int agent) {
        ami.emit("AgentComplete", agentLeg(call, number, agent, "Queue", "general-support", "Interface", iface(agent),
                "MemberName", "Bench Agent " + agent, "HoldTime", "1", "TalkTime", "1", "Reason", "caller"));
        ami.emit("Hangup", caller(call, number, "Cause", "16", "Cause-txt", "Normal Clearing"));
    }

    /** Reads one agent's event stream, stamping each event as its last line arrives. */
    private void read(InputStream body, CountDownLatch open) {
        open.countDown();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
            String event = "message";
            String data = null;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty()) {
                    long arrived = System.nanoTime();
                    if (data != null) {
                        record(event, data, arrived);
                    }
                    event = "message";
                    data = null;
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
        } catch (IOException closed) {
            // the benchmark closed the stream
        }
    }

    private void record(String event, String data, long arrived) {
        Matcher m = LINKED_ID.matcher(data);
        if (!m.find()) {
            return;
        }
        String linked = m.group(1);
        int call = callIndex(linked);
        if (event.equals("ringing")) {
            Long sent = ringSent.get(linked);
            if (sent != null) {
                synchronized (ringLatencies) {
                    ringLatencies.add(new long[] {call, arrived - sent});
                }
            }
        } else if (event.equals("connected")) {
            Long sent = connectSent.get(linked);
            if (sent != null) {
                popBytes.addAndGet(data.length());
                synchronized (connectLatencies) {
                    connectLatencies.add(new long[] {call, arrived - sent});
                }
            }
        }
    }

    private static void report(String what, List<long[]> samples, int skip) {
        long[] nanos;
        synchronized (samples) {
            nanos = samples.stream().filter(s -> s[0] >= skip).mapToLong(s -> s[1]).sorted().toArray();
        }
        if (nanos.length == 0) {
            System.out.printf("%s: no samples%n", what);
            return;
        }
        System.out.printf("%-55s n=%d  p50=%.1f ms  p90=%.1f ms  p99=%.1f ms  max=%.1f ms%n", what, nanos.length,
                pct(nanos, 0.50), pct(nanos, 0.90), pct(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for: " + what);
            }
            Thread.sleep(50); // a benchmark's main thread, not a test
        }
    }
}
