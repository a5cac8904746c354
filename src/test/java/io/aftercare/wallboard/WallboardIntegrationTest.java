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
