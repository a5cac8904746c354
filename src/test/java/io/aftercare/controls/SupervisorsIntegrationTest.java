package io.aftercare.controls;

import static io.aftercare.controls.ControlsWorld.AGENT1;
import static io.aftercare.controls.ControlsWorld.AGENT_LEG;
import static io.aftercare.controls.ControlsWorld.CALL;
import static io.aftercare.controls.ControlsWorld.detail;
import static io.aftercare.controls.ControlsWorld.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervisors' tools through the HTTP API against the tests' AMI fake. Listen, whisper and barge (POST
 * /api/calls/{linkedId}/spy): who may, the Originate of the supervisor's phone into {@code [aftercare-spy]} with the
 * agent's channel and the mode, the audit entry, and input that must never reach the PBX. Acting on another agent:
 * log them in, pause them, move them between queues, set the queues they may log in to; an agent may do none of it to
 * a colleague.
 */
class SupervisorsIntegrationTest {
    private static final String AGENT2 = "{\"iface\": \"Local/agent2@agents\"";

    @TempDir
    Path dir;

    private ControlsWorld world;

    @BeforeEach
    void start() {
        world = new ControlsWorld(dir, UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private static TestApp.Reply spy(TestApp who, String body) {
        return who.post("/api/calls/" + CALL + "/spy", body);
    }

    @Test
    void aSupervisorsPhoneRingsIntoChanSpyOnTheAgentsLegAndTheUseIsAudited() {
        assertThat(spy(world.supervisor, "{\"phone\": \"PJSIP/2001\"}").status()).as("no call yet").isEqualTo(404);
        world.talking();
        TestApp.Reply agent = spy(world.agent1, "{\"phone\": \"PJSIP/2001\"}");
        assertThat(agent.status()).as("agents may not listen, not even to their own call").isEqualTo(403);

        TestApp.Reply started = spy(world.supervisor, "{\"mode\": \"whisper\", \"phone\": \"PJSIP/2001\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode spy = json(started.body());
        assertThat(spy.path("linkedId").asText()).isEqualTo(CALL);
        assertThat(spy.path("agent").asText()).isEqualTo(AGENT1);
        assertThat(spy.path("channel").asText()).isEqualTo(AGENT_LEG);
        assertThat(spy.path("mode").asText()).isEqualTo("whisper");
        assertThat(spy.path("phone").asText()).isEqualTo("PJSIP/2001");

        AmiPacket originate = world.sent("Originate").get(0);
        assertThat(originate.getOrEmpty("Channel")).isEqualTo("PJSIP/2001");
        assertThat(originate.getOrEmpty("Context")).isEqualTo("aftercare-spy");
        assertThat(originate.getOrEmpty("Exten")).isEqualTo("s");
        assertThat(originate.getOrEmpty("Priority")).isEqualTo("1");
        assertThat(originate.getOrEmpty("Async")).isEqualToIgnoringCase("true");
        assertThat(originate.getOrEmpty("CallerID")).isEqualTo("\"Whisper " + AGENT1 + "\" <spy>");
        assertThat(originate.getOrEmpty("ChannelId")).as("its Linkedid: a call that is no contact")
                .startsWith("nocontact-spy-");
        assertThat(originate.getAll("Variable")).containsExactlyInAnyOrder("AC_SPY_CHANNEL=" + AGENT_LEG,
                "AC_SPY_MODE=whisper");

        TestApp.Reply admin = spy(world.app, "{\"mode\": \"BARGE\", \"phone\": \"Local/2001@phones/n\"}");
        assertThat(admin.status()).as(admin.body()).isEqualTo(201);
        assertThat(world.sent("Originate").get(1).getAll("Variable")).contains("AC_SPY_MODE=barge");

        // the fake plays the supervisors' calls (channels, OriginateResponse): call tracking ignores them
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> world.app.app().database()
                .jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM contacts WHERE linkedid <> :call")
                        .bind("call", CALL).mapTo(Integer.class).one()) == 0);

        List<JsonNode> entries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            entries.clear();
            json(world.app.get("/api/audit?action=spy").body()).path("items").forEach(entries::add);
            return entries.size() >= 3;
        });
        assertThat(entries).extracting(e -> e.path("status").asInt()).contains(201, 404);
        JsonNode whisper = entries.stream().filter(e -> e.path("actor").asText().equals("s1")
                && e.path("status").asInt() == 201).findFirst().orElseThrow();
        assertThat(whisper.path("detail").asText()).isEqualTo("mode whisper, agent " + AGENT1 + " (" + AGENT_LEG
                + "), call " + CALL + ", phone PJSIP/2001");
    }

    @Test
    void aSupervisorWithAnAgentOfTheirOwnIsRungThereAndNoAgentTalkingIsAConflict() {
        world.talking();
        TestApp linked = world.app.as(world.app.signIn("s2", "supervisor", "agent2"));
        TestApp.Reply started = spy(linked, "{}");
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        AmiPacket originate = world.sent("Originate").get(0);
        assertThat(originate.getOrEmpty("Channel")).isEqualTo("Local/agent2@agents");
        assertThat(originate.getAll("Variable")).contains("AC_SPY_MODE=listen");

        TestApp.Reply notTalking = spy(world.supervisor, "{\"phone\": \"PJSIP/2001\", \"iface\": \"Local/agent2@agents\"}");
        assertThat(notTalking.status()).isEqualTo(409);
        assertThat(detail(notTalking)).isEqualTo("Local/agent2@agents does not ring with, talk on or hold call " + CALL);
    }

    @Test
    void hostileOrMissingInputIsRefusedBeforeThePbxIsAsked() {
        world.talking();
        for (String phone : List.of("PJSIP/2001\\r\\nAction: Hangup\\r\\nChannel: " + AGENT_LEG, "${SHELL(id)}",
                "PJSIP/${AC_SPY_CHANNEL}", "PJSIP/2001,qB", "PJSIP/2001)", "2001", "PJSIP/")) {
            TestApp.Reply refused = spy(world.supervisor, "{\"phone\": \"" + phone + "\"}");
            assertThat(refused.status()).as(phone + ": " + refused.body()).isEqualTo(422);
        }
        assertThat(spy(world.supervisor, "{}").status()).as("no phone of their own").isEqualTo(422);
        assertThat(detail(spy(world.supervisor, "{\"mode\": \"spy\", \"phone\": \"PJSIP/2001\"}")))
                .isEqualTo("mode must be listen, whisper or barge");
        assertThat(world.sent("Originate")).isEmpty();
    }

    private static String line(AmiPacket a, String... headers) {
        StringBuilder sb = new StringBuilder(a.getOrEmpty("Action"));
        for (String h : headers) {
            sb.append(' ').append(h).append('=').append(a.getOrEmpty(h));
        }
        return sb.toString();
    }

    @Test
    void aSupervisorLogsInPausesAndMovesAnotherAgentWhoCannotDoItToAColleague() {
        TestApp boss = world.supervisor;
        TestApp.Reply in = boss.post("/api/agents/login", AGENT2 + ", \"queues\": [\"general-support\"]}");
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        TestApp.Reply paused = boss.post("/api/agents/pause", AGENT2 + ", \"reason\": \"coaching\"}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        TestApp.Reply out = boss.post("/api/agents/logout", AGENT2 + ", \"queues\": [\"general-support\"]}");
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        TestApp.Reply moved = boss.post("/api/agents/login", AGENT2 + ", \"queues\": [\"vip\"]}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        assertThat(world.sent("QueueAdd", "QueuePause", "QueueRemove")).extracting(a -> switch (a.getOrEmpty(
                "Action")) {
            case "QueuePause" -> line(a, "Interface", "Paused", "Reason");
            default -> line(a, "Queue", "Interface");
        }).containsExactly("QueueAdd Queue=general-support Interface=Local/agent2@agents",
                "QueuePause Interface=Local/agent2@agents Paused=true Reason=coaching",
                "QueueRemove Queue=general-support Interface=Local/agent2@agents",
                "QueueAdd Queue=vip Interface=Local/agent2@agents");

        TestApp.Reply assigned = boss.send("PUT", "/api/agent-profiles/agent2/queues",
                "{\"queues\": [{\"queue\": \"vip\", \"penalty\": 0}]}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);

        TestApp colleague = world.agent1;
        for (String path : new String[] {"/api/agents/login", "/api/agents/logout"}) {
            assertThat(colleague.post(path, AGENT2 + ", \"queues\": [\"vip\"]}").status()).as(path).isEqualTo(403);
        }
        assertThat(colleague.post("/api/agents/pause", AGENT2 + ", \"reason\": \"x\"}").status()).isEqualTo(403);
        assertThat(colleague.send("PUT", "/api/agent-profiles/agent2/queues", "{\"queues\": []}").status()).isEqualTo(403);
        // what a supervisor does to an agent is in the audit trail
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(world.app.get("/api/audit?limit=100").body()).contains("\"path\":\"/api/agents/pause\"",
                        "\"path\":\"/api/agents/logout\""));
        assertThat(json(world.app.get("/api/audit?action=agent-pause").body()).path("items").get(0).path("detail")
                .asText()).isEqualTo("Local/agent2@agents, reason coaching");
        assertThat(json(world.app.get("/api/audit?action=agent-logout").body()).path("items").get(0).path("detail")
                .asText()).isEqualTo("Local/agent2@agents from [general-support]");
    }
}
