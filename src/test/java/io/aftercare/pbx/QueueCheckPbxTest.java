package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.ami.AmiConnector;
import io.aftercare.ami.PbxSettings;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.telephony.PbxQueues.PbxQueue;
import io.aftercare.testing.TestApp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;

/**
 * The check of queues and agents against a real Asterisk 22's QueueStatus: a queue of queues.conf.sample is known,
 * an unknown one warns, a membership aftercare does not assign warns; and the fake app_queue answers QueueStatus
 * with the same queues, strategies and members.
 */
class QueueCheckPbxTest extends PbxScenario {
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite();

    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void aQueueOfTheSampleIsKnownAnUnknownOneWarnsAndAnUnassignedMembershipWarns() {
        TestApp app = world.app();
        assertThat(PbxWorld.json(app.patch("/api/queues/vip", "{\"wrapupSeconds\":20}").body()).path("warnings"))
                .isEmpty();
        JsonNode unknown = PbxWorld.json(app.post("/api/queues", "{\"name\":\"400\"}").body());
        assertThat(unknown.path("warnings").toString()).isEqualTo("[\"queue 400 is not configured in Asterisk pbx '"
                + world.pbxId() + "'\"]");

        world.logIn(9, "vip");
        JsonNode created = PbxWorld.json(app.post("/api/agent-profiles", "{\"login\":\"agent9\",\"name\":\"Agent 9\","
                + "\"memberInterface\":\"" + agent(9) + "\",\"stateInterface\":\"Custom:agent9\","
                + "\"queues\":[{\"queue\":\"general-support\"}]}").body());
        assertThat(created.path("warnings").toString()).isEqualTo("[\"agent interface " + agent(9) + " is a member of"
                + " queue vip in Asterisk pbx '" + world.pbxId() + "' but not assigned here\"]");
    }

    @Test
    void theFakeAppQueueAnswersQueueStatusAsAsteriskDoes() throws Exception {
        world.logIn(8, "general-support");
        assertThat(world.app().app().ami()).isPresent();
        AmiConnector real = world.app().app().ami().orElseThrow();
        List<PbxQueue> asterisk = real.queues(world.pbxId()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Map<String, String> strategies = new LinkedHashMap<>();
        asterisk.forEach(q -> strategies.put(q.name(), q.strategy()));
        assertThat(strategies).containsEntry("general-support", "rrmemory").containsEntry("vip", "leastrecent")
                .containsKeys("repairs", "returns", "technical", "onboarding", "supervisors");

        try (FakeAmiServer fake = FakeAmiServer.builder().queues(strategies).securityEvents(false).start();
             AmiConnector connector = new AmiConnector(List.of(new PbxSettings("fake", "127.0.0.1", fake.port(),
                     "hotline", "s3cret", Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10),
                     Duration.ZERO)), event -> { }, Clock.systemUTC())) {
            connector.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> "connected".equals(connector.states().get("fake")));
            for (PbxQueue q : asterisk) { // the same QueueAdds as Asterisk had (agent 8's, and any other test's)
                for (String member : q.members()) {
                    connector.add("fake", q.name(), member, member, "", 0, false, null).toCompletableFuture()
                            .get(5, TimeUnit.SECONDS);
                }
            }
            List<PbxQueue> simulated = connector.queues("fake").toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(simulated).containsExactlyInAnyOrderElementsOf(asterisk);
        }
    }
}
