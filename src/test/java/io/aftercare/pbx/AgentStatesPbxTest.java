package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.pbx.PbxWorld.ContactRow;
import io.aftercare.pbx.PbxWorld.SegmentRow;
import io.aftercare.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Agent states on a real Asterisk 22: a pause with a reason set through aftercare holds calls back until the
 * unpause, an agent who lets a call ring out is recorded as Asterisk's queue_log records it, and an agent who holds
 * the caller is on hold as Asterisk's Hold and Unhold say. Each test has its own hotline, queue and agents.
 */
class AgentStatesPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite();
    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void anAgentWhoHoldsTheCallerIsOnHoldAndTheHoldCountsInTheCallsHandlingTime() {
        world.hotline("1822", "vip");
        world.logIn(7, "vip");
        long loggedIn = System.currentTimeMillis();

        // agent 7 talks 1 s, holds 2 s (their phone signals hold: Asterisk's Hold and Unhold), then talks 1 s
        String call = pbx.originate(Caller.dialing("1822", "\"Hal Hold\" <+12125550133>").agentHolding(2)
                .agentTalking(1));
        await().atMost(SETTLE).until(() -> "on_hold".equals(world.agentView(7).path("state").asText()));
        List<QueueLogEntry> log = world.queueLogUntil(call, "COMPLETEAGENT", "COMPLETECALLER");
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");
        long talked = Long.parseLong(log.get(2).data(2)); // app_queue's TalkTime: hold included, queue_log has no hold
        String agentPhone = pbx.channel(call, "Local/agent7@agents", ";2");
        assertThat(pbx.events(call)).filteredOn(e -> e.type().equals("Hold") || e.type().equals("Unhold"))
                .extracting(e -> e.type() + " " + e.getOrEmpty("Channel"))
                .containsExactly("Hold " + agentPhone, "Unhold " + agentPhone);

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.pbxTalkSeconds()).isEqualTo(pbx.talkTimeSent(call, agent(7)));
        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).extracting(SegmentRow::kind).containsExactly("queue", "ring", "talk", "hold", "talk",
                "wrapup");
        SegmentRow hold = segments.get(3);
        assertThat(hold.startedAt()).as("from Asterisk's Hold").isEqualTo(pbx.timeOf(call, "Hold"));
        assertThat(hold.endedAt()).as("to its Unhold").isEqualTo(pbx.timeOf(call, "Unhold"));
        assertThat(hold.seconds()).isCloseTo(2.0, within(0.5));
        assertThat(segments.get(2).seconds() + hold.seconds() + segments.get(4).seconds())
                .as("talk and hold add up to app_queue's TalkTime").isCloseTo(talked, within(1.5));
        assertThat(world.agentStates(7, loggedIn)).containsSubsequence("ringing", "on_call", "on_hold", "on_call",
                "after_call_work");

        // the agent ends their after-call work: the call is handled, its hold in the queue's AHT
        assertThat(world.app().post("/api/agents/unpause", Json.write(Map.of("iface", agent(7)))).status())
                .isEqualTo(200);
        JsonNode vip = await().atMost(SETTLE).until(() -> world.queueReport("vip").path("calls"),
                c -> c.path("handled").asLong() == 1);
        assertThat(vip.path("holdSeconds").asDouble()).isCloseTo(hold.seconds(), within(0.001));
        assertThat(vip.path("ahtSeconds").asDouble()).isCloseTo(vip.path("talkSeconds").asDouble()
                + vip.path("holdSeconds").asDouble() + vip.path("wrapupSeconds").asDouble(), within(0.002));
    }

    @Test
    void aPauseWithAReasonHoldsCallsBackUntilTheAgentIsReadyAgain() {
        world.hotline("1820", "repairs");
        world.logIn(6, "repairs");
        long loggedIn = System.currentTimeMillis();
        assertThat(world.app().post("/api/agents/pause", Json.write(Map.of("iface", agent(6), "reason",
                "training"))).status()).isEqualTo(200);
        await().atMost(SETTLE).until(() -> "paused".equals(world.agentView(6).path("state").asText()));
        assertThat(world.agentView(6).path("reason").asText()).isEqualTo("training");
        assertThat(pbx.queueLog()).anySatisfy(e -> {
            assertThat(e.event()).isEqualTo("PAUSE");
            assertThat(e.queue()).isEqualTo("repairs");
            assertThat(e.data(1)).isEqualTo("training");
        });

        String call = pbx.originate(Caller.dialing("1820", "\"Paula Pause\" <+12125550131>").agentTalking(2));
        await().atMost(SETTLE).until(() -> !pbx.queueLog(call).isEmpty());
        PbxWorld.pause(Duration.ofSeconds(4)); // the paused agent is not rung meanwhile
        assertThat(pbx.queueLog(call)).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE");
        assertThat(world.agentView(6).path("state").asText()).isEqualTo("paused");

        assertThat(world.app().post("/api/agents/unpause", Json.write(Map.of("iface", agent(6)))).status())
                .isEqualTo(200);
        List<QueueLogEntry> log = await().atMost(SETTLE).until(() -> pbx.queueLog(call),
                l -> l.stream().anyMatch(e -> e.event().startsWith("COMPLETE")));
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.answeredBy()).isEqualTo(agent(6));
        assertThat(contact.pbxWaitSeconds()).isEqualTo(Long.parseLong(log.get(1).data(1))).isGreaterThanOrEqualTo(4);
        await().atMost(SETTLE).until(() -> world.agentStates(6, loggedIn).contains("after_call_work"));
        assertThat(world.agentStates(6, loggedIn)).containsSubsequence("paused", "ready", "ringing", "on_call",
                "after_call_work");
    }

    @Test
    void anAgentWhoLetsTheCallRingOutIsRecordedAndTheNextAgentAnswers() {
        world.hotline("1821", "onboarding");
        world.logIn(4, "onboarding");
        long loggedIn = System.currentTimeMillis();

        String call = pbx.originate(Caller.dialing("1821", "\"Nora Noanswer\" <+12125550132>").unansweredBy(4)
                .agentTalking(2));
        List<QueueLogEntry> rang = await().atMost(SETTLE).until(() -> pbx.queueLog(call),
                l -> l.stream().anyMatch(e -> e.event().equals("RINGNOANSWER")));
        QueueLogEntry noAnswer = rang.stream().filter(e -> e.event().equals("RINGNOANSWER")).findFirst().orElseThrow();
        assertThat(noAnswer.agent()).isEqualTo("Agent 4");
        // agent 4 goes; agent 5 comes and takes the call
        assertThat(world.app().post("/api/agents/logout", Json.write(Map.of("iface", agent(4), "queues",
                List.of("onboarding")))).status()).isEqualTo(200);
        world.logIn(5, "onboarding");

        List<QueueLogEntry> log = await().atMost(SETTLE).until(() -> pbx.queueLog(call),
                l -> l.stream().anyMatch(e -> e.event().startsWith("COMPLETE")));
        QueueLogEntry connect = log.stream().filter(e -> e.event().equals("CONNECT")).findFirst().orElseThrow();
        assertThat(connect.agent()).isEqualTo("Agent 5");

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.answeredBy()).isEqualTo(agent(5));
        assertThat(contact.pbxWaitSeconds()).isEqualTo(Long.parseLong(connect.data(1)));
        List<SegmentRow> segments = world.segments(call);
        List<SegmentRow> rings = segments.stream().filter(s -> s.kind().equals("ring")).toList();
        assertThat(rings).extracting(SegmentRow::agent).containsExactly(agent(4), agent(5));
        assertThat(rings.get(0).seconds()).as("agent 4 rang as long as queue_log says")
                .isCloseTo(Long.parseLong(noAnswer.data(1)) / 1000.0, within(1.0));
        assertThat(segments).extracting(SegmentRow::kind).endsWith("talk", "wrapup");
        assertThat(world.agentStates(4, loggedIn)).startsWith("ringing").doesNotContain("on_call");
    }
}
