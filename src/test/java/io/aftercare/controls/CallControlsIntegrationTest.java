package io.aftercare.controls;

import static io.aftercare.controls.ControlsWorld.AGENT1;
import static io.aftercare.controls.ControlsWorld.AGENT_LEG;
import static io.aftercare.controls.ControlsWorld.AGENT_PHONE;
import static io.aftercare.controls.ControlsWorld.CALL;
import static io.aftercare.controls.ControlsWorld.CALLER_LEG;
import static io.aftercare.controls.ControlsWorld.detail;
import static io.aftercare.controls.ControlsWorld.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Call controls through the HTTP API against the tests' AMI fake, on a call the real Asterisk placed (played through
 * the fake): which actions reach the PBX, on which channels, and what the API answers, Asterisk's refusals included.
 */
class CallControlsIntegrationTest {
    @TempDir
    Path dir;

    private ControlsWorld world;

    private ControlsWorld world(UnaryOperator<AftercareConfig> tweak) {
        world = new ControlsWorld(dir, tweak).talking();
        return world;
    }

    private ControlsWorld world() {
        return world(UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    /** An action as {@code Name header=value ...}: header names lower case and sorted, ActionID left out. */
    private static String line(AmiPacket action) {
        StringBuilder sb = new StringBuilder(action.getOrEmpty("Action").toLowerCase(java.util.Locale.ROOT));
        action.headers().stream().filter(h -> !h.name().equalsIgnoreCase("Action")
                        && !h.name().equalsIgnoreCase("ActionID"))
                .map(h -> h.name().toLowerCase(java.util.Locale.ROOT) + "=" + h.value()).sorted()
                .forEach(h -> sb.append(' ').append(h));
        return sb.toString();
    }

    @Test
    void anAgentHangsUpTheirPhoneLegOfTheirOwnCallOnly() {
        ControlsWorld w = world();
        assertThat(w.agent1.post("/api/calls/1796000000.1/hangup", "{}").status()).as("no such call").isEqualTo(404);
        TestApp.Reply notTheirs = w.agent2.post("/api/calls/" + CALL + "/hangup", "{}");
        assertThat(notTheirs.status()).isEqualTo(403);
        assertThat(detail(notTheirs)).contains("is not yours");
        assertThat(w.agent1.post("/api/calls/" + CALL + "/hangup", "{\"iface\": \"Local/agent2@agents\"}").status())
                .isEqualTo(403);
        assertThat(w.sent("Hangup")).isEmpty();

        TestApp.Reply hangup = w.agent1.post("/api/calls/" + CALL + "/hangup", "{}");
        assertThat(hangup.status()).as(hangup.body()).isEqualTo(200);
        assertThat(w.sent("Hangup")).extracting(CallControlsIntegrationTest::line)
                .containsExactly("hangup channel=" + AGENT_PHONE);
        assertThat(json(hangup.body()).path("agent").asText()).isEqualTo(AGENT1);
        assertThat(json(hangup.body()).path("sent").get(0).path("message").asText()).isEqualTo("Channel Hungup");

        w.endOfCall();
        await().atMost(Duration.ofSeconds(10)).until(() -> w.agent1.post("/api/calls/" + CALL + "/hangup", "{}")
                .status() == 404);
    }

    @Test
    void supervisorsActOnTheAgentTalkingUnlessTheyNameAnother() {
        ControlsWorld w = world();
        TestApp.Reply other = w.supervisor.post("/api/calls/" + CALL + "/hangup", "{\"iface\": \"Local/agent2@agents\"}");
        assertThat(other.status()).isEqualTo(409);
        assertThat(detail(other)).contains("Local/agent2@agents does not ring with, talk on or hold call " + CALL);
        assertThat(w.supervisor.post("/api/calls/" + CALL + "/hangup", "{}").status()).isEqualTo(200);
        assertThat(w.sent("Hangup")).extracting(CallControlsIntegrationTest::line)
                .containsExactly("hangup channel=" + AGENT_PHONE);
    }

    @Test
    void dtmfIsPlayedToTheCallersChannelOneDigitAtATime() {
        ControlsWorld w = world();
        for (String bad : new String[] {"{}", "{\"digits\": \"12x\"}", "{\"digits\": \"" + "1".repeat(33) + "\"}"}) {
            assertThat(w.agent1.post("/api/calls/" + CALL + "/dtmf", bad).status()).as(bad).isEqualTo(422);
        }
        TestApp.Reply sent = w.agent1.post("/api/calls/" + CALL + "/dtmf", "{\"digits\": \"1*#d\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(w.sent("PlayDTMF")).extracting(CallControlsIntegrationTest::line).containsExactly(
                "playdtmf channel=" + CALLER_LEG + " digit=1", "playdtmf channel=" + CALLER_LEG + " digit=*",
                "playdtmf channel=" + CALLER_LEG + " digit=#", "playdtmf channel=" + CALLER_LEG + " digit=D");
        assertThat(json(sent.body()).path("sent").findValuesAsText("message")).containsOnly("DTMF successfully queued");
    }

    @Test
    void holdAsksThePhoneWithNotifyAndAPbxWithoutItsRefusalIsSaidPlainly() {
        ControlsWorld w = world();
        TestApp.Reply refused = w.agent1.post("/api/calls/" + CALL + "/hold", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(detail(refused)).startsWith("the PBX refused PJSIPNotify on " + AGENT_PHONE + ": Invalid/unknown"
                + " command: PJSIPNotify. Use Action: ListCommands to show available commands. (this Asterisk has no"
                + " PJSIPNotify");

        w.pbx.pjsip(true); // a PBX with chan_pjsip: the agent's Local channel is no PJSIP channel
        TestApp.Reply local = w.agent1.post("/api/calls/" + CALL + "/unhold", "{}");
        assertThat(local.status()).isEqualTo(409);
        assertThat(detail(local)).contains(": Channel not found (hold by SIP NOTIFY needs the agent's PJSIP channel");
        assertThat(w.sent("PJSIPNotify")).extracting(CallControlsIntegrationTest::line).containsExactly(
                "pjsipnotify channel=" + AGENT_PHONE + " variable=Event=hold",
                "pjsipnotify channel=" + AGENT_PHONE + " variable=Event=talk");
    }

    @Test
    void holdIsRefusedWithoutAskingThePbxWhenItIsTheAgentsPhonesJob() {
        ControlsWorld w = world(c -> c.withCalls(c.calls().withHoldMethod(AftercareConfig.HoldMethod.NONE)));
        TestApp.Reply refused = w.agent1.post("/api/calls/" + CALL + "/hold", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(detail(refused)).contains("calls.hold_method: none");
        assertThat(w.sent("PJSIPNotify")).isEmpty();
    }

    @Test
    void aBlindTransferNamesTheTargetOnTheCallersChannelThenTransfersTheAgentsLeg() {
        ControlsWorld w = world();
        String path = "/api/calls/" + CALL + "/transfer";
        for (String bad : new String[] {"{}", "{\"mode\": \"blind\"}", "{\"mode\": \"warm\", \"queue\": \"vip\"}",
                "{\"mode\": \"blind\", \"queue\": \"vip\", \"agent\": \"agent2\"}",
                "{\"mode\": \"blind\", \"queue\": \"nowhere\"}", "{\"mode\": \"blind\", \"agent\": \"nobody\"}",
                "{\"mode\": \"blind\", \"agent\": \"agent1\"}"}) {
            assertThat(w.agent1.post(path, bad).status()).as(bad).isEqualTo(422);
        }
        assertThat(w.agent1.post(path, "{\"mode\": \"blind\", \"queue\": \"vip\"}").status()).isEqualTo(200);
        assertThat(w.agent1.post(path, "{\"mode\": \"blind\", \"agent\": \"agent2\"}").status()).isEqualTo(200);
        assertThat(w.sent("Setvar", "BlindTransfer")).extracting(CallControlsIntegrationTest::line).containsExactly(
                "setvar channel=" + CALLER_LEG + " value=vip variable=AC_TRANSFER_TO",
                "blindtransfer channel=" + AGENT_LEG + " context=aftercare-transfer exten=1",
                "setvar channel=" + CALLER_LEG + " value=Local/agent2@agents variable=AC_TRANSFER_TO",
                "blindtransfer channel=" + AGENT_LEG + " context=aftercare-transfer exten=2");
        assertThat(w.pbx.variable(CALLER_LEG, "AC_TRANSFER_TO")).contains("Local/agent2@agents");
    }

    @Test
    void anAttendedTransferAnswersOnceAsteriskHasPlacedTheConsultationThenCompletesOrCancels() {
        ControlsWorld w = world();
        String path = "/api/calls/" + CALL + "/transfer";
        assertThat(w.agent1.post(path + "/complete", "{}").status()).as("nothing to complete").isEqualTo(409);

        CompletableFuture<TestApp.Reply> started = CompletableFuture.supplyAsync(() -> w.agent1.post(path,
                "{\"mode\": \"attended\", \"queue\": \"vip\"}"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !w.sent("Atxfer").isEmpty());
        consultationPlaced(w);
        TestApp.Reply reply = started.join();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(w.sent("Setvar", "Atxfer")).extracting(CallControlsIntegrationTest::line).containsExactly(
                "setvar channel=" + AGENT_LEG + " value=vip variable=_AC_TRANSFER_TO",
                "atxfer channel=" + AGENT_LEG + " context=aftercare-transfer exten=1#");
        assertThat(w.agent1.post(path, "{\"mode\": \"attended\", \"queue\": \"vip\"}").status()).as("one at a time")
                .isEqualTo(409);

        assertThat(w.supervisor.post(path + "/cancel", "{}").status()).as("whose transfer?").isEqualTo(422);
        assertThat(w.agent1.post(path + "/cancel", "{}").status()).isEqualTo(200);
        assertThat(w.agent1.post(path + "/complete", "{}").status()).isEqualTo(200);
        assertThat(w.sent("CancelAtxfer", "Hangup")).extracting(CallControlsIntegrationTest::line).containsExactly(
                "cancelatxfer channel=" + AGENT_LEG, "hangup channel=" + AGENT_LEG);
    }

    @Test
    void anAttendedTransferAsteriskAcknowledgesButNeverStartsIsReportedAsSuch() {
        ControlsWorld w = world(c -> c.withCalls(new AftercareConfig.Calls(c.calls().holdMethod(),
                c.calls().transferContext(), Duration.ofMillis(500), c.calls().outboundContext(),
                c.calls().customerChannelTemplate(), c.calls().outboundCallerId(), c.calls().agentRingTimeout())));
        TestApp.Reply silent = w.agent1.post("/api/calls/" + CALL + "/transfer",
                "{\"mode\": \"attended\", \"agent\": \"agent2\"}");
        assertThat(silent.status()).isEqualTo(409);
        assertThat(detail(silent)).contains("placed no consultation call within 500 ms");

        w.pbx.atxferCode(""); // Asterisk's default features.conf
        TestApp.Reply noCode = w.agent1.post("/api/calls/" + CALL + "/transfer",
                "{\"mode\": \"attended\", \"agent\": \"agent2\"}");
        assertThat(noCode.status()).isEqualTo(409);
        assertThat(detail(noCode)).isEqualTo("the PBX refused Atxfer on " + AGENT_LEG + ": No attended transfer feature"
                + " code found (features.conf needs an atxfer code: dialplan/features.conf.sample)");
    }

    @Test
    void aLinkThatIsDownIsAServiceUnavailableNotARefusal() {
        ControlsWorld w = world();
        w.pbx.refuseConnections();
        w.pbx.dropConnections();
        await().atMost(Duration.ofSeconds(10)).until(() -> !json(w.app.get("/health").body()).path("ami")
                .path("pbx1").asText().equals("connected"));
        TestApp.Reply down = w.agent1.post("/api/calls/" + CALL + "/hangup", "{}");
        assertThat(down.status()).as(down.body()).isEqualTo(503);
        assertThat(detail(down)).startsWith("the AMI link to PBX pbx1 is ");
    }

    @Test
    void withoutAPbxTheControlsOfACallTrackingStillKnowsAnswerServiceUnavailable() {
        try (TestApp app = new TestApp(io.aftercare.testing.TestDatabases.sqlite(dir), java.time.Clock.systemUTC())) {
            app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface,"
                    + " created_at) VALUES ('agent1', 'Agent 1', 'Local/agent1@agents', 0)"));
            TestApp agent = app.as(app.signIn("a1", "agent", "agent1"));
            // a call taken over from a previous run's records, say: tracked, but no PBX to ask
            io.aftercare.ami.CapturedEvents.translated("pbx1", "pbx-captures/controls-hangup-dtmf.txt").stream()
                    .takeWhile(e -> !(e instanceof io.aftercare.telephony.events.PbxEvent.AgentCompleted))
                    .forEach(app.app().calls().tracking());
            TestApp.Reply none = agent.post("/api/calls/" + CALL + "/hangup", "{}");
            assertThat(none.status()).as(none.body()).isEqualTo(503);
            assertThat(detail(none)).isEqualTo("no PBX is attached (ami.host is empty): call controls need Asterisk");
        }
    }

    /** What Asterisk sends as an Atxfer starts: Hold on the agent's leg, then the consultation's Local channel. */
    private static void consultationPlaced(ControlsWorld w) {
        w.pbx.emit("Hold", "Channel", AGENT_LEG, "Uniqueid", "1796663164.16", "Linkedid", CALL);
        w.pbx.emit("Newchannel", "Channel", "Local/1@aftercare-transfer-00000009;1", "ChannelState", "0",
                "CallerIDNum", "<unknown>", "Context", "aftercare-transfer", "Exten", "1", "Priority", "1",
                "Uniqueid", "1796663165.20", "Linkedid", CALL);
    }
}
