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
import io.aftercare.testing.TestApp;
import io.aftercare.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls whose route rings the case owner first ({@code Dial(${AC_PREFERRED_AGENT})} before {@code Queue()} in the
 * project's own dialplan), through a real Asterisk 22: the owner's ring and talk are tracked like a queue call's,
 * the call counts in the route's queue, the owner sees the screen pop and saves the disposition, and an owner who
 * is paused or busy is never rung. Each test has its own hotline, customer, queue and agents.
 */
class PreferredAgentPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(30);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite();
    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void ownerWhoAnswersHandlesTheCallAsTheirQueuesAnsweredCall() {
        world.logIn(1, "repairs");
        ownerOf(1, "repair", "1800", "Otto Owner", "+12125550201"); // the seeded rule "Open repair case"
        long loggedIn = System.currentTimeMillis();
        int warnings = pbx.warnings().size();

        // the seeded rule "Open repair case": queue repairs, the case owner rung first for 20 s
        String call = pbx.originate(Caller.dialing("1800", "\"Otto Owner\" <+12125550201>").agentTalking(3));

        ContactRow contact = world.endedContact(call);
        assertThat(pbx.queueLog(call)).as("app_queue never saw the call").isEmpty();
        AmiPacket answered = dialEnd(call, agent(1));
        assertThat(answered.getOrEmpty("DialStatus")).isEqualTo("ANSWER");
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.queue()).isEqualTo("repairs");
        assertThat(contact.answeredBy()).isEqualTo(agent(1));
        assertThat(contact.callerE164()).isEqualTo("+12125550201");

        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).extracting(SegmentRow::kind).containsExactly("ring", "talk", "wrapup");
        assertThat(segments).extracting(SegmentRow::agent).containsOnly(agent(1));
        assertThat(segments).extracting(SegmentRow::queue).containsOnly("repairs");
        SegmentRow ring = segments.get(0);
        SegmentRow talk = segments.get(1);
        assertThat(contact.queuedAt()).as("offered when the owner's phone began to ring").isEqualTo(ring.startedAt());
        assertThat(contact.answeredAt()).isEqualTo(ring.endedAt()).isEqualTo(talk.startedAt());
        assertThat(talk.seconds()).isCloseTo(cdrBillSeconds(call, agent(1)), within(1.0));
        assertThat(segments.get(2).startedAt()).isEqualTo(talk.endedAt());

        assertThat(world.agentStates(1, loggedIn)).containsSubsequence("ringing", "on_call", "after_call_work")
                .doesNotContain("logged_out", "paused");
        assertThat(world.agentView(1).path("state").asText()).isEqualTo("after_call_work");

        TestApp ownerApp = world.app().as(world.app().signIn("owner1", "agent", "agent1"));
        TestApp.Reply pop = ownerApp.get("/api/calls/" + call + "/screenpop");
        assertThat(pop.status()).as(pop.body()).isEqualTo(200);
        assertThat(PbxWorld.json(pop.body()).path("customer").path("name").asText()).isEqualTo("Otto Owner");
        TestApp.Reply disposed = ownerApp.post("/api/calls/" + call + "/disposition", Json.write(Map.of(
                "reasonCode", "repair-status", "resolved", false)));
        assertThat(disposed.status()).as(disposed.body()).isEqualTo(201);
        await().atMost(SETTLE).until(() -> "ready".equals(world.agentView(1).path("state").asText()));

        JsonNode calls = world.queueReport("repairs").path("calls");
        assertThat(calls.path("offered").asLong()).isEqualTo(1);
        assertThat(calls.path("answered").asLong()).isEqualTo(1);
        assertThat(calls.path("abandoned").asLong()).isZero();
        assertThat(pbx.warnings().subList(warnings, pbx.warnings().size())).isEmpty();
    }

    @Test
    void ownerWhoDoesNotAnswerHandsTheCallToTheQueueAsOneContact() {
        caseOwnerRule("1802", "return", "returns", 3);
        world.logIn(3, "returns");
        world.logIn(2, "returns");
        pbx.cli("queue set penalty 5 on " + agent(2) + " in returns"); // the queue tries agent 3 first
        ownerOf(2, "return", "1802", "Nora Noanswer", "+12125550202");
        long loggedIn = System.currentTimeMillis();
        int warnings = pbx.warnings().size();

        String call = pbx.originate(Caller.dialing("1802", "\"Nora Noanswer\" <+12125550202>").unansweredBy(2)
                .agentTalking(2));

        List<QueueLogEntry> log = world.queueLogUntil(call, "COMPLETEAGENT", "COMPLETECALLER");
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");
        assertThat(log.get(1).agent()).isEqualTo("Agent 3");
        assertThat(dialEnd(call, agent(2)).getOrEmpty("DialStatus")).isEqualTo("NOANSWER");

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.queue()).isEqualTo("returns");
        assertThat(contact.answeredBy()).isEqualTo(agent(3));
        assertThat(contact.pbxWaitSeconds()).as("Asterisk's own wait: the queue's part").isEqualTo(
                Long.parseLong(log.get(1).data(1)));
        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).extracting(SegmentRow::kind, SegmentRow::agent).containsExactly(
                tuple("ring", agent(2)), tuple("queue", ""),
                tuple("ring", agent(3)), tuple("talk", agent(3)),
                tuple("wrapup", agent(3)));
        assertThat(segments).extracting(SegmentRow::queue).containsOnly("returns");
        SegmentRow ownerRing = segments.get(0);
        assertThat(ownerRing.seconds()).isCloseTo(3.0, within(1.0));
        assertThat(contact.queuedAt()).as("offered when the owner's phone began to ring").isEqualTo(
                ownerRing.startedAt());
        assertThat(segments.get(1).seconds()).isCloseTo(Double.parseDouble(log.get(1).data(1)), within(1.0));
        assertThat((contact.answeredAt() - contact.queuedAt()) / 1000.0).as("the caller's whole wait")
                .isCloseTo(ownerRing.seconds() + segments.get(1).seconds(), within(0.5));
        assertThat(world.agentStates(2, loggedIn)).containsSubsequence("ringing", "ready").doesNotContain("on_call");

        JsonNode calls = world.queueReport("returns").path("calls");
        assertThat(calls.path("offered").asLong()).isEqualTo(1).isEqualTo(QueueLogEntry.count(log, "ENTERQUEUE"));
        assertThat(calls.path("answered").asLong()).isEqualTo(1).isEqualTo(QueueLogEntry.count(log, "CONNECT"));
        assertThat(pbx.warnings().subList(warnings, pbx.warnings().size())).isEmpty();
    }

    @Test
    void callerWhoHangsUpWhileTheOwnerRingsAbandonsTheRoutesQueue() {
        caseOwnerRule("1805", "callback", "supervisors", 20);
        world.logIn(8, "supervisors");
        ownerOf(8, "callback", "1805", "Hank Hangup", "+12125550205");
        long loggedIn = System.currentTimeMillis();

        String call = pbx.originate(Caller.dialing("1805", "\"Hank Hangup\" <+12125550205>").unansweredBy(8)
                .hangingUpAfter(7));

        ContactRow contact = world.endedContact(call);
        assertThat(dialEnd(call, agent(8)).getOrEmpty("DialStatus")).isEqualTo("CANCEL");
        assertThat(pbx.queueLog(call)).as("app_queue never saw the call").isEmpty();
        assertThat(contact.outcome()).isEqualTo("abandoned");
        assertThat(contact.queue()).isEqualTo("supervisors");
        assertThat(contact.answeredAt()).isNull();
        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).extracting(SegmentRow::kind, SegmentRow::agent).containsExactly(tuple("ring", agent(8)));
        assertThat(contact.queuedAt()).isEqualTo(segments.get(0).startedAt());
        assertThat(contact.dequeuedAt()).isEqualTo(segments.get(0).endedAt());
        assertThat(segments.get(0).seconds()).isGreaterThan(5); // past the queue's short-abandon limit
        assertThat(world.agentStates(8, loggedIn)).containsSubsequence("ringing", "ready")
                .doesNotContain("on_call", "after_call_work");
        JsonNode calls = world.queueReport("supervisors").path("calls");
        assertThat(calls.path("offered").asLong()).isEqualTo(1);
        assertThat(calls.path("abandoned").asLong()).isEqualTo(1);
        assertThat(calls.path("answered").asLong()).isZero();
    }

    @Test
    void pausedOwnerIsNotRungAndTheCallQueuesAtOnce() {
        caseOwnerRule("1803", "technical", "technical", 20);
        world.logIn(5, "technical");
        world.logIn(4, "technical");
        ownerOf(4, "technical", "1803", "Paula Paused", "+12125550203");
        assertThat(world.app().post("/api/agents/pause", Json.write(Map.of("iface", agent(4), "reason", "lunch")))
                .status()).isEqualTo(200);
        String why = notRungFirst("+12125550203", "1803");
        assertThat(why).contains(agent(4), "paused");

        String call = pbx.originate(Caller.dialing("1803", "\"Paula Paused\" <+12125550203>").agentTalking(2));

        assertQueuedAtOnceWithoutRinging(call, 4, 5, "technical");
        assertThat(world.rows("SELECT preferred_agent, reason FROM routing_decisions WHERE linkedid = ?", call))
                .hasSize(1).first().satisfies(d -> {
                    assertThat(d.get("preferred_agent")).isNull();
                    assertThat((String) d.get("reason")).contains("paused");
                });
    }

    @Test
    void busyOwnerIsNotRungAndTheQueueDoesNotRingThemEither() {
        caseOwnerRule("1804", "complaint", "onboarding", 20);
        world.logIn(7, "onboarding");
        world.logIn(6, "onboarding");
        ownerOf(6, "complaint", "1804", "Bea Busy", "+12125550204");
        pbx.deviceState(6, "INUSE"); // the owner's phone is on a call aftercare did not place
        assertThat(notRungFirst("+12125550204", "1804")).contains(agent(6), "in use");

        String call = pbx.originate(Caller.dialing("1804", "\"Bea Busy\" <+12125550204>").agentTalking(2));

        assertQueuedAtOnceWithoutRinging(call, 6, 7, "onboarding");
        assertThat(pbx.events(call)).as("ringinuse = no: the queue never rang the busy owner")
                .noneMatch(e -> e.type().equals("AgentCalled") && e.getOrEmpty("Interface").equals(agent(6)));
    }

    private void assertQueuedAtOnceWithoutRinging(String call, int owner, int answering, String queue) {
        List<QueueLogEntry> log = world.queueLogUntil(call, "COMPLETEAGENT", "COMPLETECALLER");
        assertThat(log).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETEAGENT");
        assertThat(log.get(1).agent()).isEqualTo("Agent " + answering);
        assertThat(pbx.events(call)).as("no direct ring of the owner")
                .noneMatch(e -> e.type().equals("DialBegin") && e.getOrEmpty("DestChannel").startsWith(agent(owner)));
        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.queue()).isEqualTo(queue);
        assertThat(contact.answeredBy()).isEqualTo(agent(answering));
        List<SegmentRow> segments = world.segments(call);
        assertThat(segments).extracting(SegmentRow::kind).containsExactly("queue", "ring", "talk", "wrapup");
        assertThat(segments.subList(1, 4)).extracting(SegmentRow::agent).containsOnly(agent(answering));
        assertThat(contact.queuedAt()).isEqualTo(segments.get(0).startedAt());
        JsonNode calls = world.queueReport(queue).path("calls");
        assertThat(calls.path("offered").asLong()).isEqualTo(1).isEqualTo(QueueLogEntry.count(log, "ENTERQUEUE"));
        assertThat(calls.path("answered").asLong()).isEqualTo(1).isEqualTo(QueueLogEntry.count(log, "CONNECT"));
    }

    /** A rule for calls to {@code hotline} from a customer with an open case of the type: ring its owner first. */
    private void caseOwnerRule(String hotline, String caseType, String queue, int waitSeconds) {
        TestApp.Reply r = world.app().post("/api/routing/rules", Json.write(Map.of("name", "Owner line " + hotline,
                "position", 1, "when", Map.of("hotline", hotline, "openCaseType", caseType), "then", Map.of("queue",
                        queue, "preferredAgent", "case_owner", "preferredWaitSeconds", waitSeconds))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /**
     * Agent {@code n} (logged in beforehand) owns an open case of a new customer {@code name} at {@code phone};
     * waits until a call from them to {@code hotline} would ring the agent first.
     */
    private void ownerOf(int n, String caseType, String hotline, String name, String phone) {
        long owner = world.agentRecord(n);
        long customer = world.customer(name, "standard", phone);
        TestApp.Reply created = world.app().post("/api/cases", Json.write(Map.of("customerId", customer, "type",
                caseType, "subject", "test " + caseType, "serialNumber", "SN-" + customer, "ownerAgentId", owner)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(SETTLE).until(() -> agent(n).equals(explain(phone, hotline).path("decision")
                .path("preferredAgent").asText()));
    }

    /** Waits until a call from {@code phone} to {@code hotline} would ring nobody first; returns the route's why. */
    private String notRungFirst(String phone, String hotline) {
        JsonNode decision = await().atMost(SETTLE).until(() -> explain(phone, hotline).path("decision"),
                d -> d.path("preferredAgent").isNull() || d.path("preferredAgent").isMissingNode());
        return decision.path("reason").asText();
    }

    private JsonNode explain(String phone, String hotline) {
        return PbxWorld.json(world.app().get("/api/routing/explain?caller=" + phone.replace("+", "%2B") + "&dnid="
                + hotline).body());
    }

    /** The DialEnd of the call's direct ring to {@code iface}, as the harness received it. */
    private AmiPacket dialEnd(String call, String iface) {
        return await().atMost(SETTLE).until(() -> pbx.events(call).stream().filter(e -> e.type().equals("DialEnd")
                && e.getOrEmpty("DestChannel").startsWith(iface + "-")).findFirst().orElse(null), e -> e != null);
    }

    /**
     * Asterisk's CDR billsec of the agent's own channel of the call ({@code Local/...;2}, from its answer to its
     * hang-up; Master.csv, written when the call ends): the caller's CDR counts from the dialplan's Answer().
     */
    private double cdrBillSeconds(String call, String iface) {
        Path csv = pbx.runDir().resolve("log/cdr-csv/Master.csv");
        List<String> channels = pbx.channelsOf(call);
        return await().atMost(SETTLE).until(() -> cdrLines(csv).stream().map(l -> l.split(","))
                        .filter(f -> unquote(f[5]).startsWith(iface + "-") && channels.contains(unquote(f[16])))
                        .findFirst().map(f -> Double.parseDouble(unquote(f[13]))).orElse(null),
                s -> s != null);
    }

    private static List<String> cdrLines(Path csv) {
        try {
            return Files.exists(csv) ? Files.readAllLines(csv) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unquote(String s) {
        return s.replace("\"", "");
    }
}
