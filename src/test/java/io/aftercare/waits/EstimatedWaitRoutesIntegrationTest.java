package io.aftercare.waits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/queues/{name}/estimated-wait} in the running service: the live floor read from call tracking
 * (fed as the AMI translator would), staff only.
 */
class EstimatedWaitRoutesIntegrationTest {
    static final Instant NOW = Instant.parse("2026-11-16T10:30:00Z");

    @TempDir
    Path dir;

    @Test
    void supervisorsSeeTheEstimateOfTheLiveFloorAgentsDoNot() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.fixed(NOW, ZoneOffset.UTC))) {
            String supervisor = app.signIn("sue", "supervisor", null);
            app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface,"
                    + " created_at) VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
            String agent = app.signIn("al", "agent", "agent1");
            TestApp.Reply empty = app.as(supervisor).get("/api/queues/vip/estimated-wait");
            assertThat(empty.status()).as(empty.body()).isEqualTo(200);
            JsonNode none = Json.mapper().readTree(empty.body());
            assertThat(none.get("basis").asText()).isEqualTo("no_agents");
            assertThat(none.get("waitSeconds").isNull()).isTrue();
            assertThat(none.properties()).extracting(java.util.Map.Entry::getKey).containsExactlyInAnyOrder("queue",
                    "waitSeconds", "basis", "confidence", "ahead", "staffed", "free", "liveSeconds", "historySeconds",
                    "handledCalls", "waitedCalls");

            var tracking = app.app().calls().tracking();
            tracking.accept(new PbxEvent.MemberAdded("pbx1", NOW.minusSeconds(600), "vip", "Local/a1@agents", "A1",
                    false, ""));
            tracking.accept(new PbxEvent.MemberAdded("pbx1", NOW.minusSeconds(600), "vip", "Local/a2@agents", "A2",
                    true, "lunch"));
            tracking.accept(new PbxEvent.ChannelCreated("pbx1", NOW.minusSeconds(40), "1.1", "1.1", "PJSIP/trunk-1",
                    "2125550123", "A", "1800"));
            tracking.accept(new PbxEvent.QueueJoined("pbx1", NOW.minusSeconds(30), "1.1", "1.1", "vip", 1,
                    "2125550123", "A"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                TestApp.Reply reply = app.as(supervisor).get("/api/queues/vip/estimated-wait");
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                JsonNode e = Json.mapper().readTree(reply.body());
                assertThat(e.get("queue").asText()).isEqualTo("vip");
                assertThat(e.get("ahead").asInt()).isEqualTo(1);
                assertThat(e.get("staffed").asInt()).isEqualTo(1); // the one on lunch is not
                assertThat(e.get("free").asInt()).isEqualTo(1);
                // one ready agent for one caller ahead: nothing stored tells how fast, so no figure
                assertThat(e.get("basis").asText()).isEqualTo("no_data");
                assertThat(e.has("waitSeconds")).isTrue();
                assertThat(e.get("handledCalls").asLong()).isZero();
            });
            assertThat(app.as(agent).get("/api/queues/vip/estimated-wait").status()).isEqualTo(403);
            assertThat(app.as(null).get("/api/queues/vip/estimated-wait").status()).isEqualTo(401);
        }
    }
}
