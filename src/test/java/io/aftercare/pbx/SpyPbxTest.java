package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.TestApp;
import io.aftercare.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18's listen, whisper and barge on a real Asterisk 22 running the project's dialplan: a supervisor's
 * {@code POST /api/calls/{linkedId}/spy} rings their phone (a test-only Local channel that answers) into
 * {@code [aftercare-spy]}, and Asterisk runs ChanSpy on the agent's leg of the call.
 */
class SpyPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final String PHONE = "Local/supervisor@supervisor-test";
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite();

    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void aSupervisorsPhoneRunsChanSpyOnTheAgentsLegInTheModeAsked() {
        world.agentRecord(1);
        world.logIn(1, "technical");
        TestApp agent = world.app().as(world.app().signIn("pbx-agent1", "agent", "agent1"));
        TestApp supervisor = world.app().as(world.app().signIn("pbx-supervisor", "supervisor", null));
        world.hotline("1870", "technical");
        String call = pbx.originate(Caller.dialing("1870", "\"Sam Spied\" <+12125550180>").agentTalking(60));
        await().atMost(SETTLE).until(() -> pbx.events(call).stream().filter(e -> e.type().equals("BridgeEnter"))
                .count() >= 2);
        PbxWorld.pause(Duration.ofSeconds(1));
        String agentLeg = pbx.channel(call, agent(1), ";1");

        String body = "{\"mode\": \"whisper\", \"phone\": \"" + PHONE + "\"}";
        assertThat(agent.post("/api/calls/" + call + "/spy", body).status()).isEqualTo(403);
        TestApp.Reply started = supervisor.post("/api/calls/" + call + "/spy", body);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        JsonNode spy = PbxWorld.json(started.body());
        assertThat(spy.path("channel").asText()).isEqualTo(agentLeg);
        assertThat(spy.path("message").asText()).isEqualTo("Originate successfully queued");

        // Asterisk: ChanSpyStart from the supervisor's channel on the agent's leg, ChanSpy() running there
        AmiPacket start = await().atMost(SETTLE).until(() -> pbx.events().stream()
                .filter(e -> e.type().equals("ChanSpyStart")).findFirst().orElse(null), e -> e != null);
        assertThat(start.getOrEmpty("SpyerChannel")).startsWith(PHONE + "-").endsWith(";1");
        assertThat(start.getOrEmpty("SpyeeChannel")).isEqualTo(agentLeg);
        String spyer = start.getOrEmpty("SpyerChannel");
        String verbose = pbx.cli("core show channel " + spyer);
        assertThat(verbose).contains("Application: ChanSpy", "Data: " + agentLeg + ",qdEw", "aftercare-spy");

        // the agent's leg hangs up (their phone does): E ends the session
        pbx.cli("channel request hangup " + pbx.channel(call, agent(1), ";2"));
        await().atMost(SETTLE).until(() -> pbx.events().stream().anyMatch(e -> e.type().equals("ChanSpyStop")
                && e.getOrEmpty("SpyerChannel").equals(spyer)));
        // the supervisor's call is no contact: its Linkedid is aftercare's ChannelId, nocontact-spy-...
        assertThat(pbx.events().stream().filter(e -> e.type().equals("Newchannel")
                && e.getOrEmpty("Channel").equals(spyer)).findFirst().orElseThrow().getOrEmpty("Linkedid"))
                .startsWith("nocontact-spy-");
        assertThat(world.endedContact(call).outcome()).isEqualTo("answered");
        assertThat(world.rows("SELECT linkedid FROM contacts")).as("only the agent's call")
                .extracting(r -> r.get("linkedid")).containsExactly(call);
    }

    @Test
    void aSupervisorPausesAnotherAgentWithAReasonAndMovesThemToAnotherQueue() {
        world.agentRecord(2);
        world.logIn(2, "technical");
        TestApp supervisor = world.app().as(world.app().signIn("pbx-supervisor2", "supervisor", null));
        String iface = agent(2);
        assertThat(supervisor.post("/api/agents/pause", Json.write(Map.of("iface", iface, "reason", "coaching")))
                .status()).isEqualTo(200);
        await().atMost(SETTLE).until(() -> pbx.queueLog().stream().anyMatch(e -> e.event().equals("PAUSE")
                && e.queue().equals("technical") && e.data(1).equals("coaching")));
        await().atMost(SETTLE).until(() -> "paused".equals(world.agentView(2).path("state").asText()));

        // moved: into repairs, out of technical, as the board's queue menu does it
        assertThat(supervisor.post("/api/agents/login", Json.write(Map.of("iface", iface, "name", "Agent 2",
                "stateInterface", "Custom:agent2", "queues", List.of("repairs")))).status()).isEqualTo(200);
        assertThat(supervisor.post("/api/agents/logout", Json.write(Map.of("iface", iface, "queues",
                List.of("technical")))).status()).isEqualTo(200);
        await().atMost(SETTLE).until(() -> pbx.cli("queue show repairs").contains(iface)
                && !pbx.cli("queue show technical").contains(iface));
        assertThat(world.rows("SELECT action FROM audit_log WHERE actor = 'pbx-supervisor2' ORDER BY id"))
                .extracting(r -> r.get("action")).contains("agent-pause", "agent-login", "agent-logout");
    }
}
