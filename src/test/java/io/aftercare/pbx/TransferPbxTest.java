package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.fake.AmiPacket;
import io.aftercare.pbx.PbxWorld.ContactRow;
import io.aftercare.pbx.PbxWorld.SegmentRow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller moved from one queue's agent to another queue on a real Asterisk 22 (issue 15 item 2): by AMI Redirect
 * of the caller's channel, by AMI BlindTransfer of the agent's, and by an attended transfer (AMI Atxfer: the agent
 * consults the other queue's agent, the caller held, then completes with DTMF). Each agent's talk ends when their leg
 * leaves the call, each gets their wrap-up, and the contact keeps its first queue entry and every segment in order.
 */
class TransferPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite();
    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void aCallerRedirectedToAnotherQueueIsOneContactWithEachAgentsOwnTalk() {
        transferred("1850", "returns", 1, "technical", 2, call -> pbx.action("Action", "Redirect",
                "Channel", pbx.channel(call, "Local/1850@inbound-test", ";2"), "Context", "transfer-test",
                "Exten", "technical", "Priority", "1"));
    }

    @Test
    void aCallerBlindTransferredByTheAgentIsOneContactWithEachAgentsOwnTalk() {
        transferred("1851", "onboarding", 3, "supervisors", 4, call -> pbx.action("Action", "BlindTransfer",
                "Channel", pbx.channel(call, "Local/agent3@agents", ";1"), "Context", "transfer-test",
                "Exten", "supervisors"));
    }

    @Test
    void aCallerAttendedTransferredByTheAgentIsHeldUntilTheTransferCompletesAndKeepsTheFirstQueue() {
        world.hotline("1852", "repairs");
        world.logIn(5, "repairs");
        world.logIn(6, "vip");
        long loggedIn = System.currentTimeMillis();

        String call = pbx.originate(Caller.dialing("1852", "\"Ada Attended\" <+12125550165>").agentTalking(30)
                .agentMayTransfer());
        await().atMost(SETTLE).until(() -> pbx.events(call).stream().anyMatch(e -> e.type().equals("BridgeEnter")
                && e.getOrEmpty("Channel").startsWith("Local/1852@inbound-test"))); // agent 5 and the caller talk
        PbxWorld.pause(Duration.ofSeconds(1));
        // agent 5's phone would dial *2 7: Asterisk holds the caller and dials the vip queue for agent 5 to consult
        String agentLeg = pbx.channel(call, "Local/agent5@agents", ";1");
        AmiPacket response = pbx.action("Action", "Atxfer", "Channel", agentLeg, "Context", "transfer-test",
                "Exten", "7");
        assertThat(response.type()).as(response.headers().toString()).isEqualTo("Success");
        await().atMost(SETTLE).until(() -> pbx.queueLog(call).stream().anyMatch(e -> e.event().equals("CONNECT")
                && e.queue().equals("vip")));
        assertThat(world.agentView(5).path("state").asText()).as("agent 5 consults, the caller held")
                .isEqualTo("on_hold");
        PbxWorld.pause(Duration.ofSeconds(1));
        pbx.pressOn(agentLeg, "*2"); // features.conf's atxfercomplete
        List<QueueLogEntry> log = world.queueLogUntil(call, "ATTENDEDTRANSFER");
        PbxWorld.pause(Duration.ofSeconds(1));
        pbx.cli("channel request hangup " + pbx.channel(call, "Local/1852@inbound-test", ";1"));

        // Asterisk: Hold on agent 5's leg as the consultation starts, no Unhold, AttendedTransfer when it completes
        List<AmiPacket> events = pbx.events(call);
        assertThat(events).filteredOn(e -> e.type().equals("Hold") || e.type().equals("Unhold"))
                .extracting(e -> e.type() + " " + e.getOrEmpty("Channel")).containsExactly("Hold " + agentLeg);
        assertThat(pbx.events()).filteredOn(e -> e.type().equals("AttendedTransfer")).singleElement()
                .satisfies(e -> assertThat(e.getOrEmpty("Result")).isEqualTo("Success"));
        QueueLogEntry transfer = log.stream().filter(e -> e.event().equals("ATTENDEDTRANSFER")).findFirst()
                .orElseThrow(); // BRIDGE|bridge|hold time|talk time|position
        long held = pbx.timeOf(call, "Hold");
        long completed = events.stream().filter(e -> e.type().equals("AgentComplete")
                && e.getOrEmpty("Reason").equals("transfer")).map(RealPbx::millisOf).findFirst().orElseThrow();

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.queue()).as("the first queue entry").isEqualTo("repairs");
        assertThat(contact.answeredBy()).isEqualTo(agent(5));
        assertThat(contact.pbxTalkSeconds()).as("agent 5's talk and hold, as queue_log's ATTENDEDTRANSFER says")
                .isEqualTo(Long.parseLong(transfer.data(4)));
        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).filteredOn(s -> s.agent().equals(agent(5)))
                .extracting(SegmentRow::kind, SegmentRow::queue).containsExactly(tuple("ring", "repairs"),
                        tuple("talk", "repairs"), tuple("hold", "repairs"), tuple("wrapup", "repairs"));
        SegmentRow hold = segments.stream().filter(s -> s.kind().equals("hold")).findFirst().orElseThrow();
        assertThat(hold.startedAt()).as("from Asterisk's Hold").isEqualTo(held);
        assertThat(hold.endedAt()).as("to the transfer").isEqualTo(completed);
        assertThat(segments).filteredOn(s -> s.kind().equals("wrapup") && s.agent().equals(agent(5)))
                .singleElement().satisfies(w -> assertThat(w.startedAt()).isEqualTo(completed));
        assertThat(segments).filteredOn(s -> s.queue().equals("vip")).extracting(SegmentRow::kind, SegmentRow::agent)
                .containsExactly(tuple("queue", ""), tuple("ring", agent(6)), tuple("talk", agent(6)),
                        tuple("wrapup", agent(6)));
        SegmentRow consulted = segments.stream().filter(s -> s.kind().equals("talk") && s.agent().equals(agent(6)))
                .findFirst().orElseThrow();
        QueueLogEntry secondComplete = world.queueLogUntil(call, "COMPLETECALLER", "COMPLETEAGENT").stream()
                .filter(e -> e.queue().equals("vip") && e.event().startsWith("COMPLETE")).findFirst().orElseThrow();
        assertThat(consulted.seconds()).as("agent 6 talks from answering the consultation, as queue_log says")
                .isCloseTo(Double.parseDouble(secondComplete.data(2)), within(1.0));
        assertThat(world.agentStates(5, loggedIn)).containsSubsequence("on_call", "on_hold", "after_call_work")
                .doesNotContain("ready");
        assertThat(world.agentStates(6, loggedIn)).containsSubsequence("ringing", "on_call", "after_call_work");
        JsonNode repairs = world.queueReport("repairs").path("calls");
        assertThat(repairs.path("offered").asLong()).isEqualTo(1);
        assertThat(repairs.path("answered").asLong()).isEqualTo(1);
        assertThat(world.queueReport("vip").path("calls").path("offered").asLong())
                .as("the consultation is not an offer of vip, though queue_log has its ENTERQUEUE").isZero();
    }

    private void transferred(String hotline, String first, int firstAgent, String second, int secondAgent,
                             java.util.function.Function<String, AmiPacket> transfer) {
        world.hotline(hotline, first);
        world.logIn(firstAgent, first);
        world.logIn(secondAgent, second);
        long loggedIn = System.currentTimeMillis();

        String call = pbx.originate(Caller.dialing(hotline, "\"Tina Transfer\" <+1212555016" + firstAgent + ">")
                .agentTalking(30));
        await().atMost(SETTLE).until(() -> pbx.queueLog(call).stream().anyMatch(e -> e.event().equals("CONNECT")));
        PbxWorld.pause(Duration.ofSeconds(3));
        AmiPacket response = transfer.apply(call);
        assertThat(response.type()).as(response.headers().toString()).isEqualTo("Success");
        long transferredAt = System.currentTimeMillis();

        List<QueueLogEntry> log = await().atMost(Duration.ofSeconds(60)).until(() -> pbx.queueLog(call),
                l -> l.stream().filter(e -> e.event().equals("CONNECT")).count() == 2);
        assertThat(log).extracting(QueueLogEntry::queue).contains(first, second);
        // the second agent hangs up after AGENT_TALK: 30 s is too long to wait; end the caller instead
        PbxWorld.pause(Duration.ofSeconds(2));
        pbx.cli("channel request hangup " + pbx.channel(call, "Local/" + hotline + "@inbound-test", ";1"));

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.queue()).as("the first queue entry").isEqualTo(first);
        assertThat(contact.answeredBy()).isEqualTo(agent(firstAgent));
        assertThat(contact.queuedAt()).isLessThanOrEqualTo(contact.answeredAt());

        List<SegmentRow> segments = world.segments(call);
        List<SegmentRow> talks = segments.stream().filter(s -> s.kind().equals("talk")).toList();
        assertThat(talks).extracting(SegmentRow::agent).containsExactly(agent(firstAgent), agent(secondAgent));
        assertThat(talks.get(0).endedAt()).as("first agent's talk ends at the transfer")
                .isBetween(transferredAt - 1_500, transferredAt + 1_500);
        assertThat(talks.get(1).startedAt()).isGreaterThanOrEqualTo(talks.get(0).endedAt());
        assertThat(segments.stream().filter(s -> s.kind().equals("wrapup")).map(SegmentRow::agent).toList())
                .containsExactlyInAnyOrder(agent(firstAgent), agent(secondAgent));
        await().atMost(SETTLE).until(() -> world.agentStates(firstAgent, loggedIn).contains("after_call_work"));
        assertThat(world.agentView(firstAgent).path("state").asText()).isNotEqualTo("on_call");
    }
}
