package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.fake.AmiPacket;
import io.aftercare.web.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's virtual hold on a real Asterisk 22 running the project's dialplan: a caller waiting in a queue is
 * offered a callback (aftercare withdraws them with AMI QueueWithdrawCaller), presses 1 and is hung up on; aftercare's
 * placeholder holds their place in the queue; aftercare restarts meanwhile; when an agent logs in, app_queue rings
 * them with the placeholder, and once they answer the customer is dialled. The caller's call ends as a callback
 * (not an abandon), the callback's own call is stitched to it, and nobody is dialled twice.
 */
class VirtualHoldPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final String CUSTOMER = "12125550160"; // [customer-test]: answers at once
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite(config -> config.withCalls(config.calls()
            .withCustomerChannelTemplate("Local/${digits}@customer-test")));

    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void aCallerWhoPresses1IsCalledBackInTheirPlaceAgentFirstAndOnlyOnceAcrossARestart() {
        world.agentRecord(1);
        world.hotline("1880", "repairs");
        assertThat(world.app().patch("/api/queues/repairs", "{\"callbackOfferAfterSeconds\": 2}").status())
                .isEqualTo(200);

        // nobody staffs the queue: the caller waits, hears the offer after 2 s, and presses 1 during it
        String call = pbx.originate(Caller.dialing("1880", "\"Vera Hold\" <+" + CUSTOMER + ">").pressing("1", 6));
        AmiPacket withdrawn = await().atMost(SETTLE).until(() -> pbx.events(call).stream()
                .filter(e -> e.type().equals("VarSet") && e.getOrEmpty("Variable").equals("QUEUESTATUS")
                        && e.getOrEmpty("Value").equals("WITHDRAW")).findFirst().orElse(null), e -> e != null);
        assertThat(withdrawn).isNotNull();
        PbxWorld.ContactRow original = world.endedContact(call);
        assertThat(original.outcome()).isEqualTo("callback");

        Map<String, Object> callback = await().atMost(SETTLE).until(() -> world.rows(
                "SELECT id, state, action_id, origin_linkedid, queue, e164 FROM callbacks"), l -> l.size() == 1
                && "queued".equals(l.get(0).get("state")) && l.get(0).get("action_id") != null).get(0);
        assertThat(callback.get("origin_linkedid")).isEqualTo(call);
        assertThat(callback.get("e164")).isEqualTo("+" + CUSTOMER);
        String attempt = (String) callback.get("action_id");
        assertThat(attempt).isEqualTo("callback-" + callback.get("id") + "-1");
        // the placeholder holds the caller's place: it is in the queue, unanswered
        await().atMost(SETTLE).until(() -> pbx.events(attempt).stream().anyMatch(e -> e.type().equals("QueueCallerJoin")
                && e.getOrEmpty("Queue").equals("repairs") && e.getOrEmpty("Position").equals("1")));

        world.restartAftercare(); // an instance that never placed it takes over: it must not place it again
        PbxWorld.pause(Duration.ofSeconds(3));
        // the agent logs in (PbxWorld.logIn would wait to see them ready: the placeholder rings them at once)
        pbx.deviceState(1, "NOT_INUSE");
        assertThat(world.app().post("/api/agents/login", Json.write(Map.of("iface", agent(1), "name", "Agent 1",
                "stateInterface", "Custom:agent1", "queues", List.of("repairs")))).status()).isEqualTo(200);

        Map<String, Object> done = await().atMost(SETTLE).until(() -> world.rows(
                "SELECT state, agent, attempts, answered_at, waiting_since FROM callbacks"),
                l -> "completed".equals(l.get(0).get("state"))).get(0);
        assertThat(done.get("agent")).isEqualTo(agent(1));
        assertThat(((Number) done.get("attempts")).intValue()).isEqualTo(1);
        assertThat(((Number) done.get("waiting_since")).longValue()).isLessThanOrEqualTo(original.queuedAt());

        // agent first, then the customer, each once
        List<AmiPacket> events = pbx.events();
        // (an OriginateResponse goes to aftercare's session only: the placeholders that joined the queue tell)
        assertThat(events.stream().filter(e -> e.type().equals("QueueCallerJoin")
                && e.getOrEmpty("Linkedid").startsWith("callback-"))).hasSize(1);
        AmiPacket agentAnswered = events.stream().filter(e -> e.type().equals("AgentConnect")
                && e.getOrEmpty("Linkedid").equals(attempt)).findFirst().orElseThrow();
        List<AmiPacket> customerDials = events.stream().filter(e -> e.type().equals("DialEnd")
                && e.getOrEmpty("DestChannel").startsWith("Local/" + CUSTOMER + "@customer-test")).toList();
        assertThat(customerDials).hasSize(1);
        assertThat(customerDials.get(0).getOrEmpty("DialStatus")).isEqualTo("ANSWER");
        assertThat(RealPbx.millisOf(customerDials.get(0))).isGreaterThanOrEqualTo(RealPbx.millisOf(agentAnswered));

        // the callback's own call: stitched to the original by its callback row, answered by the agent
        PbxWorld.ContactRow back = world.endedContact(attempt);
        assertThat(back.outcome()).isEqualTo("answered");
        assertThat(back.answeredBy()).isEqualTo(agent(1));
        assertThat(world.rows("SELECT kind FROM contacts WHERE linkedid = ?", attempt).get(0).get("kind"))
                .isEqualTo("callback");
        // in the queue's figures the caller is a callback, not an abandon
        var report = world.queueReport("repairs");
        assertThat(report.path("calls").path("callbacks").asLong()).isEqualTo(1);
        assertThat(report.path("calls").path("abandoned").asLong()).isZero();
    }

    @Test
    void aCallerWhoKeepsWaitingRejoinsAtTheirPlaceAndTheirWaitCountsFromTheirFirstEntry() {
        world.agentRecord(2);
        world.hotline("1881", "returns");
        assertThat(world.app().patch("/api/queues/returns", "{\"callbackOfferAfterSeconds\": 2}").status())
                .isEqualTo(200);
        // the first caller is offered the callback and presses nothing; the second, anonymous, is never offered one
        String first = pbx.originate(Caller.dialing("1881", "\"Wes Waiting\" <+12125550163>"));
        PbxWorld.pause(Duration.ofSeconds(1));
        String second = pbx.originate(Caller.dialing("1881", "\"Anon\" <anonymous>"));
        AmiPacket rejoined = await().atMost(SETTLE).until(() -> pbx.events(first).stream()
                .filter(e -> e.type().equals("QueueCallerJoin")).skip(1).findFirst().orElse(null), e -> e != null);
        assertThat(rejoined.getOrEmpty("Position")).as("back at the head of the line, ahead of the later caller")
                .isEqualTo("1");
        assertThat(rejoined.getOrEmpty("Count")).isEqualTo("2");
        assertThat(pbx.events(second).stream().filter(e -> e.type().equals("QueueCallerJoin"))).hasSize(1);

        pbx.deviceState(2, "NOT_INUSE");
        assertThat(world.app().post("/api/agents/login", Json.write(Map.of("iface", agent(2), "name", "Agent 2",
                "stateInterface", "Custom:agent2", "queues", List.of("returns")))).status()).isEqualTo(200);
        PbxWorld.ContactRow answered = world.endedContact(first);
        assertThat(answered.outcome()).isEqualTo("answered");
        long firstJoin = RealPbx.millisOf(pbx.events(first).stream().filter(e -> e.type().equals("QueueCallerJoin"))
                .findFirst().orElseThrow());
        assertThat(answered.queuedAt()).as("the wait counts from the first entry").isBetween(firstJoin - 1000,
                firstJoin + 1000);
        assertThat(world.rows("SELECT COUNT(*) AS n FROM callbacks WHERE origin_linkedid = ?", first).get(0).get("n"))
                .isEqualTo(0);
        pbx.cli("channel request hangup all");
    }
}
