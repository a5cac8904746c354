package io.aftercare.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/agent-profiles} against the fake app_queue (queues general-support and vip): an admin creates agent
 * 1001 and its account, a supervisor assigns its queues, the agent logs in only to those, with the assigned penalty
 * and the agent's state interface; changes are checked against the PBX's QueueStatus.
 */
class AgentProfilesIntegrationTest {
    @TempDir
    Path dir;
    FakeAmiServer pbx;
    TestApp app;

    @BeforeEach
    void start() throws IOException {
        pbx = FakeAmiServer.builder().securityEvents(false).start();
        app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC(), config -> config.withAmi(
                new AftercareConfig.Ami(config.ami().pbxId(), "127.0.0.1", pbx.port(), "hotline", "s3cret",
                        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10))));
        await().atMost(Duration.ofSeconds(10)).until(() -> json(app.get("/health").body()).path("ami")
                .path("pbx1").asText().equals("connected"));
    }

    @AfterEach
    void stop() {
        app.close();
        pbx.close();
    }

    @Test
    void anAgentCreatedByTheApiGetsAnAccountAndLogsInOnlyToAssignedQueues() {
        assertThat(app.post("/api/accounts", account()).body()).contains("no agent with login 1001");
        TestApp.Reply created = app.post("/api/agent-profiles", "{\"login\":\"1001\",\"name\":\"Ann Agent\","
                + "\"memberInterface\":\"Local/1001@from-queue/n\",\"stateInterface\":\"PJSIP/1001\","
                + "\"queues\":[{\"queue\":\"general-support\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(json(created.body()).path("warnings")).isEmpty();
        assertThat(app.post("/api/accounts", account()).status()).isEqualTo(201);
        TestApp ann = app.as(app.app().services().auth().login("ann", "password-ann", "test").token());
        TestApp boss = app.as(app.signIn("sue", "supervisor", null));

        TestApp.Reply assigned = boss.send("PUT", "/api/agent-profiles/1001/queues",
                "{\"queues\":[{\"queue\":\"general-support\",\"penalty\":2},{\"queue\":\"vip\",\"penalty\":5}]}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> app.get("/api/audit").body()
                .contains("agent 1001: [general-support:2, vip:5]"));
        assertThat(boss.patch("/api/agent-profiles/1001", "{\"name\":\"Ann\"}").status()).as("admin only")
                .isEqualTo(403);
        assertThat(ann.get("/api/agent-profiles").status()).isEqualTo(403);
        assertThat(json(ann.get("/api/agents/me").body()).path("allQueues").toString())
                .isEqualTo("[\"general-support\",\"vip\"]");

        boss.send("PUT", "/api/agent-profiles/1001/queues", "{\"queues\":[{\"queue\":\"vip\",\"penalty\":5}]}");
        String login = "{\"iface\":\"Local/1001@from-queue/n\",\"queues\":[\"general-support\",\"vip\"]}";
        TestApp.Reply refused = ann.post("/api/agents/login", login);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("you may log in only to the queues assigned to you (vip); not assigned:"
                + " general-support");
        assertThat(pbx.receivedActions("QueueAdd")).isEmpty();

        TestApp.Reply in = ann.post("/api/agents/login", "{\"iface\":\"Local/1001@from-queue/n\",\"queues\":[\"vip\"]}");
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        AmiPacket add = pbx.receivedActions("QueueAdd").getFirst();
        assertThat(List.of(add.getOrEmpty("Queue"), add.getOrEmpty("Interface"), add.getOrEmpty("Penalty"),
                add.getOrEmpty("StateInterface"), add.getOrEmpty("MemberName")))
                .containsExactly("vip", "Local/1001@from-queue/n", "5", "PJSIP/1001", "Ann Agent");
    }

    @Test
    void anAgentWithNoQueueMayLogInToNoneButASupervisorMayPutThemAnywhere() {
        app.post("/api/agent-profiles", "{\"login\":\"1002\",\"name\":\"Bo\",\"memberInterface\":\"PJSIP/1002\"}");
        app.post("/api/accounts", "{\"username\":\"bo\",\"displayName\":\"Bo\",\"role\":\"agent\","
                + "\"agentLogin\":\"1002\",\"password\":\"password-bo\"}");
        TestApp bo = app.as(app.app().services().auth().login("bo", "password-bo", "test").token());
        assertThat(json(bo.get("/api/agents/me").body()).path("allQueues")).isEmpty();
        TestApp.Reply refused = bo.post("/api/agents/login", "{\"iface\":\"PJSIP/1002\",\"queues\":[\"vip\"]}");
        assertThat(refused.body()).contains("no queue is assigned to you");

        TestApp boss = app.as(app.signIn("sue", "supervisor", null));
        assertThat(boss.post("/api/agents/login", "{\"iface\":\"PJSIP/1002\",\"queues\":[\"vip\"]}").status())
                .isEqualTo(200);
        // now a member of vip in Asterisk, which aftercare does not assign: the next change says so
        await().atMost(Duration.ofSeconds(5)).until(() -> !pbx.receivedActions("QueueAdd").isEmpty());
        TestApp.Reply changed = app.patch("/api/agent-profiles/1002", "{\"language\":\"fr\"}");
        assertThat(json(changed.body()).path("warnings").toString()).isEqualTo("[\"agent interface PJSIP/1002 is a"
                + " member of queue vip in Asterisk pbx 'pbx1' but not assigned here\"]");
    }

    @Test
    void aQueueTheAsteriskDoesNotHaveIsSavedWithAWarningAndAPbxDownIsNotChecked() {
        TestApp.Reply created = app.post("/api/queues", "{\"name\":\"400\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(json(created.body()).path("warnings").toString())
                .isEqualTo("[\"queue 400 is not configured in Asterisk pbx 'pbx1'\"]");
        assertThat(json(app.patch("/api/queues/vip", "{\"wrapupSeconds\":30}").body()).path("warnings")).isEmpty();
        TestApp.Reply agent = app.post("/api/agent-profiles", "{\"login\":\"1003\",\"name\":\"Cy\","
                + "\"memberInterface\":\"PJSIP/1003\",\"queues\":[{\"queue\":\"400\"},{\"queue\":\"vip\"}]}");
        assertThat(json(agent.body()).path("warnings").toString())
                .isEqualTo("[\"queue 400 is not configured in Asterisk pbx 'pbx1'\"]");

        pbx.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> !json(app.get("/health").body()).path("ami")
                .path("pbx1").asText().equals("connected"));
        TestApp.Reply down = app.patch("/api/queues/vip", "{\"wrapupSeconds\":40}");
        assertThat(down.status()).as("never refused because the PBX is down").isEqualTo(200);
        assertThat(json(down.body()).path("warnings").get(0).asText()).startsWith("not checked: PBX 'pbx1' not"
                + " connected");
    }

    @Test
    void interfacesAreCheckedAndAnAgentStillReferredToIsNotDeleted() {
        for (String bad : List.of("PJSIP/1001\\r\\nAction: Originate", "PJSIP/10,01", "PJSIP/1001|x", "1001",
                "PJSIP/ 1001", "Local/1001@from-queue/n;1")) {
            TestApp.Reply r = app.post("/api/agent-profiles", "{\"login\":\"1001\",\"name\":\"A\","
                    + "\"memberInterface\":\"" + bad + "\"}");
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.body()).as(bad).contains("memberInterface must be Tech/resource");
        }
        assertThat(app.post("/api/agent-profiles", "{\"login\":\"1001\",\"name\":\"A\",\"memberInterface\":"
                + "\"PJSIP/1001\",\"stateInterface\":\"hint:1001@ext-local\",\"queues\":[{\"queue\":\"nope\"}]}")
                .body()).contains("no queue nope");
        assertThat(app.post("/api/agent-profiles", "{\"login\":\"1001\",\"name\":\"A\",\"memberInterface\":"
                + "\"PJSIP/1001\",\"stateInterface\":\"hint:1001@ext-local\"}").status()).isEqualTo(201);
        assertThat(app.post("/api/agent-profiles", "{\"login\":\"1009\",\"name\":\"B\",\"memberInterface\":"
                + "\"PJSIP/1001\"}").status()).as("one interface, one agent").isEqualTo(409);
        assertThat(app.patch("/api/agent-profiles/1001", "{\"login\":\"1002\"}").status()).isEqualTo(422);
        app.post("/api/accounts", account());
        TestApp.Reply refused = app.send("DELETE", "/api/agent-profiles/1001", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("accounts ann");
        app.post("/api/agent-profiles", "{\"login\":\"1005\",\"name\":\"E\",\"memberInterface\":\"PJSIP/1005\","
                + "\"queues\":[{\"queue\":\"vip\",\"penalty\":1}]}");
        assertThat(app.send("DELETE", "/api/queues/vip", null).body()).contains("agents 1005");
        assertThat(app.send("DELETE", "/api/agent-profiles/1005", null).status()).isEqualTo(200);
        assertThat(app.get("/api/agent-profiles/1005").status()).isEqualTo(404);
    }

    private static String account() {
        return Json.write(Map.of("username", "ann", "displayName", "Ann", "role", "agent", "agentLogin", "1001",
                "password", "password-ann"));
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
