package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.fake.AmiPacket;
import io.aftercare.pbx.PbxWorld.ContactRow;
import io.aftercare.pbx.PbxWorld.SegmentRow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller moved from one queue's agent to another queue on a real Asterisk 22 (issue 15 item 2): by AMI Redirect
 * of the caller's channel, and by AMI BlindTransfer of the agent's. Each agent's talk ends when their leg leaves
 * the bridge, each gets their wrap-up, and the contact keeps its first queue entry and every segment in order.
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
