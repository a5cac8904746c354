package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.SseClient;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallboard end to end over HTTP: call events fed to call tracking as the AMI translator would show up in the
 * snapshot and, within a second, on the event stream; stored calls become today's figures.
 */
class WallboardIntegrationTest {
    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String AGENT1 = "Local/agent1@agents";

    @TempDir
    Path dir;

    private TestApp app;
    private String supervisor;

    @BeforeEach
    void world() {
        app = new TestApp(TestDatabases.sqlite(dir), CLOCK);
        supervisor = app.signIn("sue", "supervisor", null);
        feed(new PbxEvent.MemberAdded("pbx1", at(-600), "vip", AGENT1, "Agent One", false, ""));
        feed(new PbxEvent.MemberAdded("pbx1", at(-600), "vip", "Local/agent2@agents", "Agent Two", true, "lunch"));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void feed(PbxEvent event) {
        app.app().calls().tracking().accept(event);
    }

    static Instant at(int seconds) {
        return NOW.plusSeconds(seconds);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.app().httpPort() + path;
    }

    private JsonNode snapshot(String query) throws Exception {
        TestApp.Reply reply = app.as(supervisor).get("/api/wallboard" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return Json.mapper().readTree(reply.body());
    }

    static JsonNode queue(JsonNode snapshot, String name) {
        for (JsonNode q : snapshot.get("queues")) {
            if (q.get("queue").asText().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + name + " in " + snapshot);
    }

    private void call(String linked, int offset, boolean answer) {
        String uid = linked + "1";
        feed(new PbxEvent.ChannelCreated("pbx1", at(offset - 40), linked, uid, "PJSIP/trunk-1", "2125550123", "A", "1800"));
        feed(new PbxEvent.QueueJoined("pbx1", at(offset - 30), linked, uid, "vip", 1, "2125550123", "A"));
        if (answer) {
            feed(new PbxEvent.AgentRinging("pbx1", at(offset - 28), linked, uid, "vip", AGENT1, "Agent One", ""));
            feed(new PbxEvent.AgentConnected("pbx1", at(offset - 25), linked, uid, "vip", AGENT1, "Agent One", 5));
        }
    }

    @Test
    void snapshotShowsWaitingCallsAgentsAndAlertsPerQueue() throws Exception {
        call("100.1", 0, false);
        call("100.2", -50, false); // queued 80 s ago: past the 60 s red for longest wait
        await().atMost(WAIT).until(() -> queue(snapshot(""), "vip").get("waiting").asInt() == 2);
        JsonNode vip = queue(snapshot(""), "vip");
        assertThat(vip.get("longestWaitSeconds").asLong()).isEqualTo(80);
        assertThat(vip.at("/alerts/longestWait").asText()).isEqualTo("red");
        assertThat(vip.at("/alerts/waiting").asText()).isEqualTo("ok");
        assertThat(vip.at("/agents/loggedIn").asInt()).isEqualTo(2);
        assertThat(vip.at("/agents/ready").asInt()).isEqualTo(1);
        assertThat(vip.at("/agents/paused").asInt()).isEqualTo(1);
        assertThat(vip.at("/agents/pausedByReason/lunch").asInt()).isEqualTo(1);
        JsonNode agents = snapshot("").get("agents");
        assertThat(agents).hasSize(2);
        assertThat(agents.get(0).get("state").asText()).isEqualTo("ready");
        assertThat(queue(snapshot(""), "general-support").get("waiting").asInt()).isZero();
    }

    @Test
    void todaysFiguresComeFromStoredCalls() throws Exception {
        call("200.1", 0, true);
        feed(new PbxEvent.ChannelHungUp("pbx1", at(-5), "200.1", "200.11", "PJSIP/trunk-1", 16));
        await().atMost(WAIT).until(() -> {
            JsonNode vip = queue(snapshot(""), "vip");
            return vip.at("/today/calls/offered").asInt() == 1 && vip.at("/today/calls/answered").asInt() == 1;
        });
        JsonNode vip = queue(snapshot(""), "vip");
        assertThat(vip.at("/today/calls/asaSeconds").asDouble()).isEqualTo(5.0);
        assertThat(vip.at("/thresholds/serviceLevelAmber").asDouble()).isEqualTo(0.8); // a ratio, as service levels are
        assertThat(vip.at("/today/calls/serviceLevelAnswered").asDouble()).isEqualTo(1.0);
        assertThat(vip.at("/today/day").asText()).isEqualTo("2026-11-20");
        assertThat(snapshot("?zone=Pacific/Kiritimati").get("zone").asText()).isEqualTo("Pacific/Kiritimati");
    }

    @Test
    void snapshotShowsTheFloorTimeOutsWaitingCallersAndPauseLimits() throws Exception {
        app.app().database().jdbi().useHandle(h -> {
            h.execute("INSERT INTO customers (id, name, tier, created_at, updated_at)"
                    + " VALUES (41, 'Maria Garcia', 'gold', 0, 0)");
            h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES ('+12125550123', 41, 0)");
            long q = at(-900).toEpochMilli(); // timed out to voicemail after 5 minutes
            h.execute("INSERT INTO contacts (pbx_id, linkedid, queue, entered_at, queued_at, dequeued_at, ended_at,"
                    + " outcome) VALUES ('pbx1', '90.1', 'vip', ?, ?, ?, ?, 'timeout')", q, q, q + 300_000, q + 330_000);
            h.execute("INSERT INTO segments (pbx_id, linkedid, kind, queue, started_at, ended_at)"
                    + " VALUES ('pbx1', '90.1', 'queue', 'vip', ?, ?)", q, q + 300_000);
        });
        call("600.1", 0, false);
        await().atMost(WAIT).until(() -> queue(snapshot(""), "vip").at("/callers/0/caller").asText().equals("Maria G.")
                && snapshot("").at("/floor/today/calls/timedOut").asInt() == 1);
        JsonNode s = snapshot("");
        JsonNode vip = queue(s, "vip");
        assertThat(vip.at("/callers/0/position").asInt()).isEqualTo(1);
        assertThat(vip.at("/callers/0/tier").asText()).isEqualTo("gold");
        assertThat(vip.at("/callers/0/waitSeconds").asLong()).isEqualTo(30);
        assertThat(vip.toString()).doesNotContain("2125550123");
        assertThat(vip.at("/today/calls/timedOut").asInt()).isEqualTo(1);
        assertThat(vip.at("/today/calls/offered").asInt()).isEqualTo(2); // the waiting call is stored too
        assertThat(vip.at("/today/calls/abandonRate").isNull()).isTrue(); // time-outs are in no rate
        assertThat(vip.at("/alerts/abandonRate").asText()).isEqualTo("ok");
        assertThat(vip.at("/thresholds/abandonRateAmber").asDouble()).isEqualTo(0.05); // a ratio, as the rate is
        assertThat(vip.at("/thresholds/ahtRedSeconds").asInt()).isEqualTo(480);
        assertThat(vip.at("/today/trend/bucketSeconds").asInt()).isEqualTo(1800);
        assertThat(vip.at("/today/survey/from").asText()).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(vip.at("/recent/survey/from").asText()).isEqualTo("2026-11-13T10:00:00Z");
        assertThat(vip.at("/recent/fcr/to").asText()).isEqualTo("2026-11-13T10:00:00Z");
        assertThat(s.at("/floor/waiting").asInt()).isEqualTo(1);
        assertThat(s.at("/floor/agents/loggedIn").asInt()).isEqualTo(2);
        JsonNode paused = s.get("agents").get(1);
        assertThat(paused.get("reason").asText()).isEqualTo("lunch");
        assertThat(paused.get("pauseLimitSeconds").asLong()).isEqualTo(3600);
        assertThat(paused.get("pauseLevel").asText()).isEqualTo("ok"); // 10 minutes of a 60-minute lunch
    }

    @Test
    void anAgentShowsWhomTheyTalkToThroughTheirAfterCallWork() throws Exception {
        app.app().database().jdbi().useHandle(h -> {
            h.execute("INSERT INTO customers (id, name, tier, created_at, updated_at) VALUES (42, 'Li Wei', 'vip', 0, 0)");
            h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES ('+12125550123', 42, 0)");
        });
        call("700.1", 0, true);
        await().atMost(WAIT).until(() -> snapshot("").at("/agents/0/call/caller").asText().equals("Li W."));
        JsonNode agent = snapshot("").get("agents").get(0);
        assertThat(agent.get("state").asText()).isEqualTo("on_call");
        assertThat(agent.at("/call/queue").asText()).isEqualTo("vip");
        assertThat(agent.at("/call/tier").asText()).isEqualTo("vip");
        feed(new PbxEvent.ChannelHungUp("pbx1", at(-5), "700.1", "700.11", "PJSIP/trunk-1", 16));
        await().atMost(WAIT).until(() -> snapshot("").at("/agents/0/state").asText().equals("after_call_work"));
        assertThat(snapshot("").at("/agents/0/call/caller").asText()).isEqualTo("Li W.");
    }

    @Test
    void supervisorsGetTheConfiguredPauseReasonsShortestFirstAndADisplayDoesNot() {
        TestApp.Reply reply = app.as(supervisor).get("/api/wallboard/pause-reasons");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"reasons\":[{\"reason\":\"break\",\"limitSeconds\":900},"
                + "{\"reason\":\"lunch\",\"limitSeconds\":3600},{\"reason\":\"training\",\"limitSeconds\":7200}],"
                + "\"otherLimitSeconds\":600}");
        assertThat(app.as(app.apiToken("tv", "display")).get("/api/wallboard/pause-reasons").status())
                .isEqualTo(403);
    }

    @Test
    void unknownZoneIsRejected() {
        TestApp.Reply reply = app.as(supervisor).get("/api/wallboard?zone=Mars/Olympus");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("Mars/Olympus");
        assertThat(app.as(null).get("/api/wallboard").status()).isEqualTo(401);
    }

    @Test
    void streamSendsASnapshotThenEachChangeWithinASecond() throws Exception {
        try (SseClient stream = new SseClient(url("/api/wallboard/stream?access_token=" + supervisor))) {
            assertThat(stream.status()).isEqualTo(200);
            JsonNode first = Json.mapper().readTree(stream.next("snapshot", WAIT).data());
            assertThat(queue(first, "vip").get("waiting").asInt()).isZero();
            long sent = System.nanoTime();
            call("300.1", 0, false);
            JsonNode delta;
            do {
                delta = Json.mapper().readTree(stream.next("delta", WAIT).data());
            } while (!delta.get("queues").toString().contains("\"waiting\":1"));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aReconnectWithLastEventIdGetsAFreshSnapshot() throws Exception {
        String lastId;
        try (SseClient stream = new SseClient(url("/api/wallboard/stream?access_token=" + supervisor))) {
            lastId = stream.next("snapshot", WAIT).id();
        }
        call("400.1", 0, false);
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/api/wallboard/stream?access_token=" + supervisor)))
                .header("Last-Event-ID", lastId).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(response.body()))) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            String line;
            boolean retry = false;
            while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                retry |= line.startsWith("retry: ");
                assertThat(line).doesNotStartWith("event: delta");
            }
            assertThat(retry).isTrue();
            assertThat(line).isNotNull();
            JsonNode snap = Json.mapper().readTree(line.substring(6));
            assertThat(queue(snap, "vip").get("waiting").asInt()).isEqualTo(1);
        }
    }
}
