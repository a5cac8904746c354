package io.aftercare.pbx;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.config.AftercareConfig;
import io.aftercare.persistence.JdbcValues;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.RestartablePorts;
import io.aftercare.testing.TcpProxy;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * aftercare attached to a {@link RealPbx} as the README's "Attach a real Asterisk" says: the {@link TestApp} on a
 * SQLite file with the real clock, logged in to Asterisk's AMI with the sample account, its FastAGI port written
 * into the dialplan. Helpers do what an admin or agent would through the HTTP API and read what aftercare stored.
 * Not thread-safe.
 */
public final class PbxWorld implements AutoCloseable {
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final RealPbx pbx;
    private final Path dir;
    private final TcpProxy proxy;
    private final UnaryOperator<AftercareConfig> tweak;
    private TestApp app;

    private PbxWorld(RealPbx pbx, Path dir, TcpProxy proxy, UnaryOperator<AftercareConfig> tweak, TestApp app) {
        this.pbx = pbx;
        this.dir = dir;
        this.proxy = proxy;
        this.tweak = tweak;
        this.app = app;
    }

    /** Starts aftercare, then Asterisk configured with aftercare's FastAGI port, and waits for the AMI link. */
    public static PbxWorld start(Path dir) {
        return start(dir, false);
    }

    /** As {@link #start(Path)}; with {@code proxied}, aftercare's AMI link runs through {@link #amiProxy()}. */
    public static PbxWorld start(Path dir, boolean proxied) {
        return start(dir, proxied, UnaryOperator.identity());
    }

    /** As {@link #start(Path, boolean)}, aftercare's test configuration changed by {@code tweak} first. */
    public static PbxWorld start(Path dir, boolean proxied, UnaryOperator<AftercareConfig> tweak) {
        RealPbx pbx = RealPbx.prepare(dir.resolve("asterisk")); // skips the test here when there is no bundle
        forgetDatabase(dir);
        TcpProxy proxy = proxied ? new TcpProxy(pbx.amiPort()) : null;
        // aftercare's FastAGI comes back on the same port when a test restarts it (Asterisk's dialplan names it)
        PbxWorld world = new PbxWorld(pbx, dir, proxy, tweak, aftercare(pbx, proxy, tweak, dir,
                RestartablePorts.pick()));
        try {
            pbx.start(world.app.app().agiPort());
            world.awaitLink();
            return world;
        } catch (RuntimeException | Error e) {
            world.close();
            throw e;
        }
    }

    /** aftercare on the world's database, its FastAGI on {@code agiPort}, its AMI client on the PBX. */
    private static TestApp aftercare(RealPbx pbx, TcpProxy proxy, UnaryOperator<AftercareConfig> tweak, Path dir,
                                     int agiPort) {
        int amiPort = proxy == null ? pbx.amiPort() : proxy.port();
        return new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC(), config -> tweak.apply(config
                .withAgiPort(agiPort).withAmi(new AftercareConfig.Ami(config.ami().pbxId(), "127.0.0.1", amiPort,
                        RealPbx.AMI_USER, pbx.amiSecret(), Duration.ofMillis(250), Duration.ofSeconds(2),
                        config.ami().pingInterval()))));
    }

    /** The proxy aftercare's AMI link runs through, when the world was started proxied. */
    public TcpProxy amiProxy() {
        if (proxy == null) {
            throw new IllegalStateException("this world was started without an AMI proxy");
        }
        return proxy;
    }

    /** Waits until aftercare reports its AMI link up. */
    public void awaitLink() {
        await().atMost(SETTLE).until(() -> "connected".equals(
                json(app.get("/health").body()).path("ami").path(pbxId(app)).asText()));
    }

    /**
     * Stops aftercare as an operator would (the PBX and its calls go on) and starts it again on the same database
     * and FastAGI port, then waits for the AMI link.
     */
    public void restartAftercare() {
        int agiPort = app.app().agiPort();
        app.close();
        app = aftercare(pbx, proxy, tweak, dir, agiPort);
        awaitLink();
    }

    private static void forgetDatabase(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("aftercare-test.db")).toList()) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RealPbx pbx() {
        return pbx;
    }

    public TestApp app() {
        return app;
    }

    public String pbxId() {
        return pbxId(app);
    }

    private static String pbxId(TestApp app) {
        return app.app().config().ami().pbxId();
    }

    /** Creates a customer through the API and waits until the route knows the number; returns its id. */
    public long customer(String name, String tier, String phone) {
        TestApp.Reply created = app.post("/api/customers", Json.write(Map.of("name", name, "tier", tier,
                "language", "en", "phones", List.of(phone))));
        if (created.status() != 201) {
            throw new IllegalStateException("customer not created: " + created);
        }
        long id = json(created.body()).get("id").asLong();
        await().atMost(SETTLE).until(() -> json(app.get("/api/routing/explain?caller="
                + phone.replace("+", "%2B")).body()).path("context").path("customerId").asLong() == id);
        return id;
    }

    /** A routing rule, first of all, sending calls to {@code number} to {@code queue}. */
    public void hotline(String number, String queue) {
        TestApp.Reply r = app.post("/api/routing/rules", Json.write(Map.of("name", "Test line " + number,
                "position", 1, "when", Map.of("hotline", number), "then", Map.of("queue", queue))));
        if (r.status() != 201) {
            throw new IllegalStateException("rule for " + number + " not created: " + r);
        }
    }

    /** Today's (UTC) row of {@code queue} in the queue report; an empty node when it has none. */
    public JsonNode queueReport(String queue) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        TestApp.Reply reply = app.get("/api/reports/queues?from=" + today + "&to=" + today.plusDays(1)
                + "&interval=day&queue=" + queue);
        if (reply.status() != 200) {
            throw new IllegalStateException("queue report: " + reply);
        }
        for (JsonNode row : json(reply.body())) {
            if (row.path("queue").asText().equals(queue)) {
                return row;
            }
        }
        return json("{}");
    }

    /** Lets real time pass (calls on the PBX go on meanwhile). */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Interface of agent {@code n}, as queue members and aftercare name it. */
    public static String agent(int n) {
        return "Local/agent" + n + "@agents";
    }

    /**
     * Adds agent {@code n} (login {@code agentN}, interface {@link #agent}) to the agents table, as an admin's
     * import would, so cases can name them owner and an account can act as them; returns the agent's id.
     */
    public long agentRecord(int n) {
        return app.app().database().jdbi().withHandle(h -> h.createQuery("INSERT INTO agents (login, name, interface,"
                        + " created_at) VALUES (:login, :name, :iface, :now) RETURNING id").bind("login", "agent" + n)
                .bind("name", "Agent " + n).bind("iface", agent(n)).bind("now", System.currentTimeMillis())
                .mapTo(Long.class).one());
    }

    /**
     * Agent {@code n}'s phone becomes available, then the agent logs in to {@code queues} through aftercare's API
     * (which sends QueueAdd); waits until aftercare shows them ready.
     */
    public void logIn(int n, String... queues) {
        pbx.deviceState(n, "NOT_INUSE");
        TestApp.Reply r = app.post("/api/agents/login", Json.write(Map.of("iface", agent(n), "name", "Agent " + n,
                "stateInterface", "Custom:agent" + n, "queues", List.of(queues))));
        if (r.status() != 200) {
            throw new IllegalStateException("agent " + n + " not logged in: " + r);
        }
        await().atMost(SETTLE).until(() -> "ready".equals(agentView(n).path("state").asText()));
    }

    /** aftercare's live view of agent {@code n} ({@code GET /api/agents}); a missing node when it has none. */
    public JsonNode agentView(int n) {
        for (JsonNode a : json(app.get("/api/agents").body())) {
            if (a.path("agent").asText().equals(agent(n))) {
                return a;
            }
        }
        return json("{}").path("none");
    }

    /** The stored contact once it has ended (and, for an answered call, its wrap-up has begun). */
    public ContactRow endedContact(String linkedId) {
        return await().atMost(SETTLE).until(() -> contact(linkedId), c -> c != null && c.endedAt() != null);
    }

    /**
     * Asterisk's talk time stored for the call, once it is: when the caller's channel goes first, app_queue's
     * AgentComplete (which carries it) comes after the call's end.
     */
    public Long pbxTalkSeconds(String linkedId) {
        return await().atMost(SETTLE).until(() -> {
            ContactRow c = contact(linkedId);
            return c == null ? null : c.pbxTalkSeconds();
        }, java.util.Objects::nonNull);
    }

    public ContactRow contact(String linkedId) {
        return app.app().database().jdbi().withHandle(h -> h.createQuery("SELECT * FROM contacts WHERE pbx_id = :p"
                        + " AND linkedid = :l").bind("p", pbxId()).bind("l", linkedId)
                .map((rs, ctx) -> ContactRow.of(rs)).findOne().orElse(null));
    }

    public List<SegmentRow> segments(String linkedId) {
        return app.app().database().jdbi().withHandle(h -> h.createQuery("SELECT * FROM segments WHERE pbx_id = :p"
                        + " AND linkedid = :l ORDER BY started_at, id").bind("p", pbxId()).bind("l", linkedId)
                .map((rs, ctx) -> new SegmentRow(rs.getString("kind"), rs.getString("agent"), rs.getString("queue"),
                        rs.getLong("started_at"), nullable(rs, "ended_at"))).list());
    }

    /** Agent {@code n}'s stored state changes since {@code fromMillis}, oldest first. */
    public List<String> agentStates(int n, long fromMillis) {
        return app.app().database().jdbi().withHandle(h -> h.createQuery("SELECT state FROM agent_state_log"
                        + " WHERE pbx_id = :p AND agent = :a AND at >= :t ORDER BY at, id").bind("p", pbxId())
                .bind("a", agent(n)).bind("t", fromMillis).mapTo(String.class).list());
    }

    /** The call's queue_log lines once one of the events {@code last} is among them. */
    public List<QueueLogEntry> queueLogUntil(String linkedId, String... last) {
        List<String> ends = List.of(last);
        return await().atMost(SETTLE).until(() -> pbx.queueLog(linkedId),
                l -> l.stream().anyMatch(e -> ends.contains(e.event())));
    }

    /** Rows of any table for the call, for checks the typed rows do not cover. */
    public List<Map<String, Object>> rows(String sql, Object... args) {
        return app.app().database().jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapToMap().list();
        });
    }

    static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long nullable(ResultSet rs, String column) throws SQLException {
        return JdbcValues.nullableLong(rs, rs.findColumn(column));
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            if (proxy != null) {
                proxy.close();
            }
            pbx.close();
        }
    }

    /** A stored {@code contacts} row; instants in epoch milliseconds. */
    public record ContactRow(String callerE164, String queue, String answeredBy, long enteredAt, Long queuedAt,
                             Long answeredAt, Long dequeuedAt, Long endedAt, String outcome, Long pbxWaitSeconds,
                             Long pbxTalkSeconds, Long routingDecisionId) {
        static ContactRow of(ResultSet rs) throws SQLException {
            return new ContactRow(rs.getString("caller_e164"), rs.getString("queue"), rs.getString("answered_by"),
                    rs.getLong("entered_at"), nullable(rs, "queued_at"), nullable(rs, "answered_at"),
                    nullable(rs, "dequeued_at"), nullable(rs, "ended_at"), rs.getString("outcome"),
                    nullable(rs, "pbx_wait_seconds"), nullable(rs, "pbx_talk_seconds"),
                    nullable(rs, "routing_decision_id"));
        }
    }

    /** A stored {@code segments} row; instants in epoch milliseconds, {@code endedAt} null while open. */
    public record SegmentRow(String kind, String agent, String queue, long startedAt, Long endedAt) {
        /** Seconds from start to end; -1 while open. */
        public double seconds() {
            return endedAt == null ? -1 : (endedAt - startedAt) / 1000.0;
        }
    }
}
