package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.AmiPacket;
import io.aftercare.pbx.PbxWorld.ContactRow;
import io.aftercare.pbx.PbxWorld.SegmentRow;
import io.aftercare.testing.TestApp;
import io.aftercare.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16's call controls through aftercare's API on a real Asterisk 22 running the project's dialplan (with
 * features.conf.sample): hang-up, DTMF, blind and attended transfers, click-to-call reach the PBX, and aftercare
 * records what came of them as Asterisk's queue_log tells it; hold is refused with Asterisk's own words, since the
 * bundle has no pjsip. Each test has its own hotline, queues and agents.
 */
class CallControlsPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite(config -> config.withCalls(consultWait(config.calls()
            .withCustomerChannelTemplate("Local/${digits}@customer-test"))));

    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    /**
     * A loaded CI machine's Asterisk may take longer than the shipped 4 s to start a consultation call; the wait
     * itself is CallControlsIntegrationTest's.
     */
    private static AftercareConfig.Calls consultWait(AftercareConfig.Calls c) {
        return new AftercareConfig.Calls(c.holdMethod(), c.transferContext(), Duration.ofSeconds(20),
                c.outboundContext(), c.customerChannelTemplate(), c.outboundCallerId(), c.agentRingTimeout());
    }

    @Test
    void theAgentSendsDtmfIsRefusedHoldAndHangsUpAsTheirPhoneWould() {
        TestApp me = agentSignedIn(1, "technical");
        String call = connected("1860", "technical", "\"Dora Dtmf\" <+12125550171>");
        long loggedIn = System.currentTimeMillis() - 10_000;

        TestApp.Reply dtmf = me.post("/api/calls/" + call + "/dtmf", "{\"digits\": \"12#\"}");
        assertThat(dtmf.status()).as(dtmf.body()).isEqualTo(200);
        String caller = pbx.channel(call, "Local/1860@inbound-test", ";1");
        await().atMost(SETTLE).until(() -> digitsReceived(call, caller).equals("12#"));

        TestApp.Reply hold = me.post("/api/calls/" + call + "/hold", "{}");
        assertThat(hold.status()).as(hold.body()).isEqualTo(409);
        assertThat(PbxWorld.json(hold.body()).path("detail").asText())
                .contains("the PBX refused PJSIPNotify", "Invalid/unknown command: PJSIPNotify");

        TestApp.Reply hangup = me.post("/api/calls/" + call + "/hangup", "{}");
        assertThat(hangup.status()).as(hangup.body()).isEqualTo(200);
        assertThat(PbxWorld.json(hangup.body()).path("sent").get(0).path("message").asText())
                .isEqualTo("Channel Hungup");
        List<QueueLogEntry> log = world.queueLogUntil(call, "COMPLETEAGENT", "COMPLETECALLER");
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.answeredBy()).isEqualTo(agent(1));
        assertThat(contact.pbxTalkSeconds()).isEqualTo(Long.parseLong(log.get(2).data(2)));
        assertThat(world.segments(call)).extracting(SegmentRow::kind).containsExactly("queue", "ring", "talk",
                "wrapup");
        assertThat(world.agentStates(1, loggedIn)).containsSubsequence("on_call", "after_call_work");
    }

    @Test
    void aBlindTransferToAQueueIsOneContactAnsweredInTheFirstQueue() {
        TestApp me = agentSignedIn(2, "onboarding");
        world.logIn(3, "supervisors");
        String call = connected("1861", "onboarding", "\"Bert Blind\" <+12125550172>");

        TestApp.Reply transfer = me.post("/api/calls/" + call + "/transfer",
                "{\"mode\": \"blind\", \"queue\": \"supervisors\"}");
        assertThat(transfer.status()).as(transfer.body()).isEqualTo(200);
        assertThat(PbxWorld.json(transfer.body()).path("sent")).extracting(n -> n.path("action").asText() + " "
                + n.path("message").asText()).containsExactly("Setvar Variable Set",
                "BlindTransfer Transfer succeeded");
        List<QueueLogEntry> log = await().atMost(SETTLE).until(() -> pbx.queueLog(call),
                l -> l.stream().anyMatch(e -> e.event().equals("CONNECT") && e.queue().equals("supervisors")));
        assertThat(log).extracting(QueueLogEntry::queue, QueueLogEntry::event).contains(
                tuple("onboarding", "BLINDTRANSFER"), tuple("supervisors", "ENTERQUEUE"));
        hangUpCaller(call, "1861");

        ContactRow contact = world.endedContact(call);
        assertThat(contact.queue()).isEqualTo("onboarding");
        assertThat(contact.answeredBy()).isEqualTo(agent(2));
        assertThat(talks(call)).containsExactly(tuple(agent(2), "onboarding"), tuple(agent(3), "supervisors"));
        await().atMost(SETTLE).until(() -> "after_call_work".equals(world.agentView(2).path("state").asText()));
    }

    @Test
    void anAttendedTransferHoldsTheCallerWhileTheAgentConsultsThenHandsThemOver() {
        TestApp me = agentSignedIn(4, "returns");
        String call = connected("1862", "returns", "\"Ada Attended\" <+12125550173>");

        // nobody in vip yet: the consultation waits there until the agent completes, then the caller does
        TestApp.Reply transfer = me.post("/api/calls/" + call + "/transfer",
                "{\"mode\": \"attended\", \"queue\": \"vip\"}");
        assertThat(transfer.status()).as(transfer.body()).isEqualTo(200);
        assertThat(PbxWorld.json(transfer.body()).path("sent").get(1).path("message").asText())
                .isEqualTo("Atxfer successfully queued");
        String consultation = pbx.channel(call, "Local/1@aftercare-transfer", ";2");
        await().atMost(SETTLE).until(() -> pbx.queueLog(call).stream().anyMatch(e -> e.event().equals("ENTERQUEUE")
                && e.queue().equals("vip")));
        await().atMost(SETTLE).until(() -> "on_hold".equals(world.agentView(4).path("state").asText()));

        TestApp.Reply complete = me.post("/api/calls/" + call + "/transfer/complete", "{}");
        assertThat(complete.status()).as(complete.body()).isEqualTo(200);
        await().atMost(SETTLE).until(() -> pbx.queueLog(call).stream().anyMatch(e -> e.event().equals(
                "ATTENDEDTRANSFER")));
        assertThat(pbx.events()).filteredOn(e -> e.type().equals("AttendedTransfer")
                && e.getOrEmpty("OrigTransfererChannel").startsWith(agent(4))).singleElement()
                .satisfies(e -> assertThat(e.getOrEmpty("Result")).isEqualTo("Success"));
        world.logIn(5, "vip");
        await().atMost(SETTLE).until(() -> pbx.queueLog(call).stream().anyMatch(e -> e.event().equals("CONNECT")
                && e.queue().equals("vip")));
        assertThat(pbx.events(call)).anyMatch(e -> e.type().equals("AgentConnect")
                && e.getOrEmpty("Channel").equals(consultation));
        hangUpCaller(call, "1862");

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.queue()).isEqualTo("returns");
        assertThat(contact.answeredBy()).isEqualTo(agent(4));
        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).filteredOn(s -> s.agent().equals(agent(4))).extracting(SegmentRow::kind)
                .containsExactly("ring", "talk", "hold", "wrapup");
        assertThat(talks(call)).containsExactly(tuple(agent(4), "returns"), tuple(agent(5), "vip"));
    }

    @Test
    void anAttendedTransferToAnAgentCancelledGivesTheCallerBackToTheAgent() {
        TestApp me = agentSignedIn(7, "repairs");
        world.agentRecord(8);
        String call = connected("1863", "repairs", "\"Cy Cancel\" <+12125550174>");

        TestApp.Reply transfer = me.post("/api/calls/" + call + "/transfer",
                "{\"mode\": \"attended\", \"agent\": \"agent8\"}");
        assertThat(transfer.status()).as(transfer.body()).isEqualTo(200);
        await().atMost(SETTLE).until(() -> pbx.events(call).stream().anyMatch(e -> e.type().equals("DialEnd")
                && e.getOrEmpty("DestChannel").startsWith(agent(8)) && e.getOrEmpty("DialStatus").equals("ANSWER")));
        TestApp.Reply cancel = me.post("/api/calls/" + call + "/transfer/cancel", "{}");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        String agentLeg = pbx.channel(call, agent(7), ";1");
        await().atMost(SETTLE).until(() -> pbx.events(call).stream().anyMatch(e -> e.type().equals("Unhold")
                && e.getOrEmpty("Channel").equals(agentLeg)));
        assertThat(me.post("/api/calls/" + call + "/transfer/cancel", "{}").status()).as("nothing to cancel")
                .isEqualTo(409);
        assertThat(me.post("/api/calls/" + call + "/hangup", "{}").status()).isEqualTo(200);

        assertThat(world.queueLogUntil(call, "COMPLETEAGENT", "COMPLETECALLER")).extracting(QueueLogEntry::event)
                .containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");
        ContactRow contact = world.endedContact(call);
        assertThat(contact.answeredBy()).isEqualTo(agent(7));
        assertThat(world.segments(call)).filteredOn(s -> s.agent().equals(agent(7))).extracting(SegmentRow::kind)
                .containsExactly("ring", "talk", "hold", "talk", "wrapup");
        assertThat(world.segments(call)).as("the agent consulted").filteredOn(s -> s.agent().equals(agent(8)))
                .extracting(SegmentRow::kind).containsExactly("ring", "talk", "wrapup");
    }

    @Test
    void clickToCallRingsTheAgentThenDialsTheCustomerAsAnOutboundContact() {
        TestApp me = agentSignedIn(6, "general-support");
        long answers = world.customer("Cora Click", "standard", "+12125550160");
        long busy = world.customer("Bo Busy", "standard", "+12125550161");
        long loggedIn = System.currentTimeMillis();

        String answered = placed(me, answers);
        ContactRow call = world.endedContact(answered);
        assertThat(call.outcome()).isEqualTo("answered");
        assertThat(call.answeredBy()).isEqualTo(agent(6));
        assertThat(call.callerE164()).isEqualTo("+12125550160");
        assertThat(call.queue()).isNull();
        assertThat(world.rows("SELECT kind, customer_id FROM contacts WHERE linkedid = ?", answered))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("kind")).isEqualTo("click_to_call");
                    assertThat(((Number) r.get("customer_id")).longValue()).isEqualTo(answers);
                });
        // Asterisk: the agent's phone first (the Originate), then the customer's, dialled by the agent's leg
        AmiPacket customerAnswer = pbx.events(answered).stream().filter(e -> e.type().equals("DialEnd")
                && e.getOrEmpty("DestChannel").startsWith("Local/12125550160@customer-test")).findFirst().orElseThrow();
        assertThat(customerAnswer.getOrEmpty("DialStatus")).isEqualTo("ANSWER");
        assertThat(call.answeredAt()).isEqualTo(new java.math.BigDecimal(customerAnswer.getOrEmpty("Timestamp"))
                .movePointRight(3).longValue());
        assertThat(world.segments(answered)).extracting(SegmentRow::kind, SegmentRow::agent).containsExactly(
                tuple("ring", agent(6)), tuple("talk", agent(6)), tuple("wrapup", agent(6)));
        await().atMost(SETTLE).until(() -> "after_call_work".equals(world.agentView(6).path("state").asText()));
        assertThat(world.agentStates(6, loggedIn)).containsSubsequence("ringing", "on_call", "after_call_work");
        assertThat(pbx.queueLog()).filteredOn(e -> e.queue().equals("general-support") && e.event().equals("PAUSE"))
                .extracting(e -> e.data(1)).contains("acw");
        assertThat(me.post("/api/agents/wrapup-done", "{\"iface\": \"" + agent(6) + "\"}").status()).isEqualTo(200);

        String refused = placed(me, busy);
        assertThat(world.endedContact(refused).outcome()).isEqualTo("busy");
        assertThat(pbx.queueLog()).noneMatch(e -> e.callId().startsWith("click_to_call-"));
    }

    /** Agent {@code n} logged in to {@code queue}, with an account of their own; its view of the API. */
    private TestApp agentSignedIn(int n, String queue) {
        world.agentRecord(n);
        world.logIn(n, queue);
        return world.app().as(world.app().signIn("pbx-agent" + n, "agent", "agent" + n));
    }

    /** A caller on hotline {@code hotline}, routed to {@code queue}, once they talk with the agent there. */
    private String connected(String hotline, String queue, String callerId) {
        world.hotline(hotline, queue);
        String call = pbx.originate(Caller.dialing(hotline, callerId).agentTalking(60));
        await().atMost(SETTLE).until(() -> pbx.events(call).stream().filter(e -> e.type().equals("BridgeEnter"))
                .count() >= 2);
        PbxWorld.pause(Duration.ofSeconds(1));
        return call;
    }

    private void hangUpCaller(String call, String hotline) {
        PbxWorld.pause(Duration.ofSeconds(1));
        pbx.cli("channel request hangup " + pbx.channel(call, "Local/" + hotline + "@inbound-test", ";1"));
    }

    /** The digits the caller's end received, in order (DTMFEnd events on that channel). */
    private String digitsReceived(String call, String channel) {
        StringBuilder digits = new StringBuilder();
        pbx.events(call).stream().filter(e -> e.type().equals("DTMFEnd") && e.getOrEmpty("Channel").equals(channel))
                .forEach(e -> digits.append(e.getOrEmpty("Digit")));
        return digits.toString();
    }

    private List<org.assertj.core.groups.Tuple> talks(String call) {
        return world.segments(call).stream().filter(s -> s.kind().equals("talk"))
                .map(s -> tuple(s.agent(), s.queue())).toList();
    }

    /** Places a click-to-call to the customer and returns its Linkedid. */
    private String placed(TestApp me, long customer) {
        TestApp.Reply reply = me.post("/api/calls", Json.write(Map.of("customerId", customer)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode placed = PbxWorld.json(reply.body());
        assertThat(placed.path("linkedId").asText()).startsWith("click_to_call-");
        return placed.path("linkedId").asText();
    }
}
