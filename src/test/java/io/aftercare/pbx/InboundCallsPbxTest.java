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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inbound calls through a real Asterisk 22 running the project's own dialplan: what aftercare stores (contacts,
 * segments, agent states, routing decisions, IVR visits, cases, the queue report) must agree with Asterisk's own
 * queue_log. One PBX and one aftercare serve every test; each test has its own hotline, caller, queue and agent,
 * so the tests do not see each other's calls.
 */
class InboundCallsPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(30);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite();
    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void shippedDialplanQueuesAndManagerAccountLoadCleanly() {
        // dialplan/README.md: "read the log for warnings"; minivm.conf is the bundle's, not ours
        assertThat(pbx.bootWarnings()).allMatch(w -> w.contains("app_minivm.c"), "only the bundle's own warnings");
        assertThat(pbx.cli("dialplan show aftercare-inbound")).contains("AGI(agi://${AC_AGI}/route");
        assertThat(pbx.cli("dialplan show globals")).contains("AC_AGI=127.0.0.1:" + world.app().app().agiPort());
        String queues = pbx.cli("queue show");
        List<String> aftercareQueues = world.rows("SELECT name FROM queues ORDER BY name").stream()
                .map(r -> (String) r.get("name")).toList();
        assertThat(aftercareQueues).allSatisfy(q -> assertThat(queues).as("queue show").contains(q + " has "));
        assertThat(pbx.cli("manager show connected")).contains(RealPbx.AMI_USER);
    }

    @Test
    void knownCallerIsRoutedByCallerIdToTheirQueueAndAnsweredByALoggedInAgent() {
        long customer = world.customer("Vera Vip", "vip", "+12125550101");
        world.logIn(1, "vip");
        long loggedIn = System.currentTimeMillis();
        int warnings = pbx.warnings().size();

        String call = pbx.originate(Caller.dialing("1800", "\"Vera Vip\" <+12125550101>").agentTalking(3));

        List<QueueLogEntry> log = world.queueLogUntil(call, "COMPLETEAGENT", "COMPLETECALLER");
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");
        assertThat(log).extracting(QueueLogEntry::queue).containsOnly("vip");
        QueueLogEntry connect = log.get(1);
        QueueLogEntry complete = log.get(2);
        assertThat(connect.agent()).isEqualTo("Agent 1");

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.queue()).isEqualTo("vip");
        assertThat(contact.answeredBy()).isEqualTo(agent(1));
        assertThat(contact.callerE164()).isEqualTo("+12125550101").isEqualTo(log.get(0).data(2));
        assertThat(contact.pbxWaitSeconds()).isEqualTo(Long.parseLong(connect.data(1)));
        assertThat(world.pbxTalkSeconds(call)).isEqualTo(Long.parseLong(complete.data(2)));

        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).extracting(SegmentRow::kind).containsExactly("queue", "ring", "talk", "wrapup");
        assertThat(segments).extracting(SegmentRow::queue).containsOnly("vip");
        assertThat(segments.subList(1, 4)).extracting(SegmentRow::agent).containsOnly(agent(1));
        SegmentRow talk = segments.get(2);
        assertThat(segments.get(0).seconds()).isCloseTo(Double.parseDouble(connect.data(1)), within(1.0));
        assertThat(talk.seconds()).isCloseTo(Double.parseDouble(complete.data(2)), within(1.0));
        assertThat(segments.get(3).startedAt()).isEqualTo(talk.endedAt());

        assertThat(world.agentStates(1, loggedIn)).containsSubsequence("ringing", "on_call", "after_call_work")
                .doesNotContain("logged_out", "paused");
        assertThat(world.agentView(1).path("state").asText()).isEqualTo("after_call_work");

        assertThat(world.rows("SELECT rule_name, queue, customer_id FROM routing_decisions WHERE linkedid = ?", call))
                .hasSize(1).first().satisfies(d -> {
                    assertThat(d).containsEntry("rule_name", "VIP customers").containsEntry("queue", "vip");
                    assertThat(((Number) d.get("customer_id")).longValue()).isEqualTo(customer);
                });
        JsonNode pop = PbxWorld.json(world.app().get("/api/calls/" + call + "/screenpop").body());
        assertThat(pop.path("customer").path("name").asText()).isEqualTo("Vera Vip");
        assertReportAgreesWithQueueLog("vip");
        assertThat(pbx.warnings().subList(warnings, pbx.warnings().size())).isEmpty();
    }

    @Test
    void unknownCallerChoosesAQueueInTheIvrWithDtmf() {
        world.logIn(2, "technical");
        int warnings = pbx.warnings().size();

        String call = pbx.originate(Caller.dialing("1800", "\"Ursula Unknown\" <+12125550199>").pressing("3", 3)
                .agentTalking(2));

        List<QueueLogEntry> log = world.queueLogUntil(call, "COMPLETEAGENT", "COMPLETECALLER");
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");
        assertThat(log).extracting(QueueLogEntry::queue).containsOnly("technical");
        assertThat(log.get(1).agent()).isEqualTo("Agent 2");

        assertThat(world.rows("SELECT rule_name, queue, ivr_menu, customer_id FROM routing_decisions"
                + " WHERE linkedid = ?", call)).hasSize(1).first().satisfies(d -> {
                    assertThat(d).containsEntry("rule_name", "Unknown caller").containsEntry("ivr_menu", "main");
                    assertThat(d.get("customer_id")).isNull();
                });
        assertThat(world.rows("SELECT menu, digits, outcome, queue FROM ivr_selections WHERE linkedid = ?", call))
                .containsExactly(Map.of("menu", "main", "digits", "3", "outcome", "option", "queue", "technical"));

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.queue()).isEqualTo("technical");
        assertThat(contact.answeredBy()).isEqualTo(agent(2));
        assertThat(contact.callerE164()).isEqualTo("+12125550199");
        assertThat(contact.queuedAt() - contact.enteredAt()).as("time in the IVR before the queue").isGreaterThan(2_000);
        assertThat(world.pbxTalkSeconds(call)).isEqualTo(Long.parseLong(log.get(2).data(2)));
        assertThat(world.segments(call)).extracting(SegmentRow::kind).containsExactly("queue", "ring", "talk", "wrapup");
        assertReportAgreesWithQueueLog("technical");
        assertThat(pbx.warnings().subList(warnings, pbx.warnings().size())).isEmpty();
    }

    @Test
    void anInvalidKeyInTheIvrIsAnsweredWithAPromptAsteriskHas() {
        int warnings = pbx.warnings().size();

        String call = pbx.originate(Caller.dialing("1800", "\"Ivan Invalid\" <+12125550107>").pressing("9", 3)
                .hangingUpAfter(4));

        world.endedContact(call);
        assertThat(world.rows("SELECT digits, outcome FROM ivr_selections WHERE linkedid = ?", call))
                .containsExactly(Map.of("digits", "9", "outcome", "hangup"));
        assertThat(pbx.events(call)).filteredOn(e -> e.type().equals("AGIExecEnd"))
                .extracting(e -> e.getOrEmpty("Command")).contains("STREAM FILE aftercare/en/invalid-option \"\"");
        assertThat(pbx.warnings().subList(warnings, pbx.warnings().size())).as("a prompt Asterisk cannot find")
                .isEmpty();
    }

    @Test
    void callerWhoHangsUpInAQueueWithoutAgentsIsAnAbandon() {
        world.customer("Sam Standard", "standard", "+12125550102");
        int warnings = pbx.warnings().size();

        // no rule matches a standard customer without case or recent order: the default queue, where nobody is
        String call = pbx.originate(Caller.dialing("1800", "\"Sam Standard\" <+12125550102>").hangingUpAfter(8));

        List<QueueLogEntry> log = world.queueLogUntil(call, "ABANDON");
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "ABANDON");
        QueueLogEntry abandon = log.get(1);
        assertThat(abandon.queue()).isEqualTo("general-support");
        int waited = Integer.parseInt(abandon.data(3)); // position|original position|wait time
        assertThat(waited).isGreaterThanOrEqualTo(5); // past the queue's short-abandon limit

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("abandoned");
        assertThat(contact.queue()).isEqualTo("general-support");
        assertThat(contact.answeredBy()).isNull();
        assertThat(contact.answeredAt()).isNull();
        assertThat(contact.pbxWaitSeconds()).isEqualTo((long) waited);
        assertThat(contact.dequeuedAt()).isNotNull();
        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).extracting(SegmentRow::kind).containsExactly("queue");
        assertThat(segments.get(0).seconds()).isCloseTo(waited, within(1.0));
        assertReportAgreesWithQueueLog("general-support");
        assertThat(pbx.warnings().subList(warnings, pbx.warnings().size())).isEmpty();
    }

    @Test
    void knownCallerToAClosedQueueGetsACallbackAndNeverQueues() {
        long customer = world.customer("Carla Closed", "standard", "+12125550103");
        world.hotline("1899", "supervisors");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(world.app().send("PUT", "/api/queues/supervisors/hours", Json.write(Map.of("timeZone", "UTC",
                "afterHoursAction", "callback", "weekly", List.of(Map.of("day", "MONDAY", "opens", "08:00",
                        "closes", "18:00")), "holidays", List.of(Map.of("date", today, "name", "test holiday")))))
                .status()).isEqualTo(200);
        await().atMost(SETTLE).until(() -> PbxWorld.json(world.app().get("/api/routing/explain?caller=%2B12125550103"
                + "&dnid=1899").body()).path("afterHours").path("action").asText().equals("callback"));
        int warnings = pbx.warnings().size();

        String call = pbx.originate(Caller.dialing("1899", "\"Carla Closed\" <+12125550103>"));

        ContactRow contact = world.endedContact(call);
        assertThat(pbx.queueLog(call)).isEmpty();
        assertThat(contact.outcome()).isEqualTo("ivr");
        assertThat(contact.callerE164()).isEqualTo("+12125550103");
        assertThat(contact.queue()).isNull();
        assertThat(contact.queuedAt()).isNull();
        assertThat(world.segments(call)).isEmpty();
        assertThat(contact.endedAt() - contact.enteredAt()).as("after-hours and callback prompts played")
                .isGreaterThan(2_000);
        assertThat(world.rows("SELECT rule_name, queue FROM routing_decisions WHERE linkedid = ?", call))
                .containsExactly(Map.of("rule_name", "Test line 1899", "queue", "supervisors"));
        assertThat(world.rows("SELECT type, status, subject FROM cases WHERE customer_id = ?", customer))
                .hasSize(1).first().satisfies(c -> {
                    assertThat(c).containsEntry("type", "callback").containsEntry("status", "open");
                    assertThat((String) c.get("subject")).contains("+12125550103", "supervisors");
                });
        assertThat(world.queueReport("supervisors").path("calls").path("offered").asLong()).isZero();
        assertThat(pbx.warnings().subList(warnings, pbx.warnings().size())).isEmpty();
    }

    @Test
    void contactNamesTheRoutingDecisionThatSentIt() {
        String call = pbx.originate(Caller.dialing("1800", "\"Rob Route\" <+12125550104>").hangingUpAfter(2));

        ContactRow contact = world.endedContact(call);
        List<Map<String, Object>> decision = world.rows("SELECT id FROM routing_decisions WHERE linkedid = ?", call);
        assertThat(decision).hasSize(1);
        assertThat(contact.routingDecisionId()).isEqualTo(((Number) decision.get(0).get("id")).longValue());
    }

    @Test
    void agentGoesFromRingingStraightToOnCall() {
        world.hotline("1803", "returns");
        world.logIn(3, "returns");
        long loggedIn = System.currentTimeMillis();

        String call = pbx.originate(Caller.dialing("1803", "\"Rita Ring\" <+12125550105>").agentTalking(2));

        world.queueLogUntil(call, "COMPLETEAGENT", "COMPLETECALLER");
        world.endedContact(call);
        await().atMost(SETTLE).until(() -> world.agentStates(3, loggedIn).contains("after_call_work"));
        assertThat(world.agentStates(3, loggedIn)).containsExactly("ringing", "on_call", "after_call_work");
    }

    @Test
    void callerOfACallThatNeverQueuesIsStored() {
        String call = pbx.originate(Caller.dialing("1800", "\"Ian Ivr\" <+12125550106>").hangingUpAfter(2));

        ContactRow contact = world.endedContact(call);
        assertThat(pbx.queueLog(call)).isEmpty();
        assertThat(contact.outcome()).isEqualTo("ivr");
        assertThat(contact.callerE164()).isEqualTo("+12125550106");
        assertThat(world.rows("SELECT caller_raw, caller_name FROM contacts WHERE linkedid = ?", call))
                .containsExactly(Map.of("caller_raw", "+12125550106", "caller_name", "Ian Ivr"));
    }

    @Test
    void afterCallWorkIsAftercaresAcwPauseAndTheNextCallWaitsUntilTheAgentEndsIt() {
        world.hotline("1804", "repairs");
        world.logIn(4, "repairs");
        long loggedIn = System.currentTimeMillis();

        String first = pbx.originate(Caller.dialing("1804", "\"Wanda Wrapup\" <+12125550108>").agentTalking(2));
        world.queueLogUntil(first, "COMPLETEAGENT", "COMPLETECALLER");
        await().atMost(SETTLE).until(() -> pauses("Agent 4", "repairs").contains("PAUSE acw"));
        assertThat(world.agentView(4).path("state").asText()).isEqualTo("after_call_work");

        // queues.conf.sample has wrapuptime = 0: only aftercare's pause keeps the next caller from the agent
        String second = pbx.originate(Caller.dialing("1804", "\"Walter Waiting\" <+12125550109>").agentTalking(2));
        await().atMost(SETTLE).until(() -> !pbx.queueLog(second).isEmpty());
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> pbx.queueLog(second).size() == 1
                && "after_call_work".equals(world.agentView(4).path("state").asText()));

        var done = world.app().post("/api/agents/wrapup-done", Json.write(Map.of("iface", agent(4))));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        List<QueueLogEntry> log = world.queueLogUntil(second, "COMPLETEAGENT", "COMPLETECALLER");
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");
        assertThat(log.get(1).agent()).isEqualTo("Agent 4");
        assertThat(Long.parseLong(log.get(1).data(1))).as("waited through the after-call work").isGreaterThanOrEqualTo(4);
        // the second call's pause follows its AgentComplete: it may reach the queue log a moment after COMPLETEAGENT
        await().atMost(SETTLE).untilAsserted(() -> assertThat(pauses("Agent 4", "repairs"))
                .containsSubsequence("PAUSE acw", "UNPAUSE ", "PAUSE acw"));

        world.endedContact(second);
        await().atMost(SETTLE).until(() -> world.agentStates(4, loggedIn).stream().filter("after_call_work"::equals)
                .count() == 2);
        assertThat(world.agentStates(4, loggedIn)).containsExactly("ringing", "on_call", "after_call_work", "ready",
                "ringing", "on_call", "after_call_work");
        List<SegmentRow> wrapup = world.segments(first).stream().filter(s -> s.kind().equals("wrapup")).toList();
        assertThat(wrapup).singleElement().satisfies(w -> assertThat(w.seconds()).isGreaterThanOrEqualTo(4));
    }

    /** The agent's PAUSE and UNPAUSE lines in the queue's queue_log, each as "EVENT reason". */
    private List<String> pauses(String agentName, String queue) {
        return pbx.queueLog().stream().filter(e -> e.agent().equals(agentName) && e.queue().equals(queue)
                && e.event().endsWith("PAUSE")).map(e -> e.event() + " " + e.data(1)).toList();
    }

    /** Today's queue report counts what Asterisk's queue_log counts for the queue. */
    private void assertReportAgreesWithQueueLog(String queue) {
        List<QueueLogEntry> log = pbx.queueLog().stream().filter(e -> e.queue().equals(queue)).toList();
        JsonNode calls = world.queueReport(queue).path("calls");
        assertThat(calls.path("offered").asLong()).as("offered").isEqualTo(QueueLogEntry.count(log, "ENTERQUEUE"));
        assertThat(calls.path("answered").asLong()).as("answered").isEqualTo(QueueLogEntry.count(log, "CONNECT"));
        assertThat(calls.path("abandoned").asLong() + calls.path("shortAbandoned").asLong()).as("abandoned")
                .isEqualTo(QueueLogEntry.count(log, "ABANDON"));
    }
}
