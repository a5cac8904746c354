package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.pbx.PbxWorld.ContactRow;
import io.aftercare.pbx.PbxWorld.SegmentRow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * aftercare restarted while calls are live on a real Asterisk 22, and Asterisk restarted or crashed under aftercare:
 * what aftercare stores afterwards must still agree with Asterisk's queue_log (issue 15 item 3), and the calls after
 * are tracked. An Asterisk restart logs every agent out of its queues; each test logs its own agents in.
 */
class RestartPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite();
    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void callsAnAsteriskRestartHangsUpEndAsItReportsThemAndItsAgentsAreLoggedOut() {
        LiveCalls live = liveCalls("1833", "repairs", 5, "1834", "onboarding");
        String talking = live.talking();
        String waiting = live.waiting();

        pbx.restart(); // core restart now: Asterisk hangs every call up, then starts afresh
        List<QueueLogEntry> talked = world.queueLogUntil(talking, "COMPLETEAGENT", "COMPLETECALLER");
        List<QueueLogEntry> gaveUp = world.queueLogUntil(waiting, "ABANDON");
        ContactRow answered = world.endedContact(talking);
        assertThat(answered.outcome()).isEqualTo("answered");
        assertThat(answered.pbxTalkSeconds()).isEqualTo(pbx.talkTimeSent(talking, agent(5)));
        assertThat(world.segments(talking).stream().filter(s -> s.kind().equals("talk")).findFirst().orElseThrow()
                .seconds()).isCloseTo(Double.parseDouble(talked.getLast().data(2)), within(1.5));
        ContactRow abandoned = world.endedContact(waiting);
        assertThat(abandoned.outcome()).isIn("abandoned", "short_abandon");
        assertThat(abandoned.pbxWaitSeconds()).isEqualTo(Long.parseLong(gaveUp.getLast().data(3)));
        assertThat(world.rows("SELECT lost_track FROM contacts WHERE linkedid IN (?, ?)", talking, waiting))
                .extracting(r -> ((Number) r.get("lost_track")).intValue()).containsOnly(0);

        // the restarted Asterisk has no queue members (persistentmembers = no): the agent is logged out, not on a call
        world.awaitLink();
        await().atMost(SETTLE).until(() -> "logged_out".equals(world.agentView(5).path("state").asText()));
        assertThat(pbx.cli("queue show repairs")).contains("No Members");
        assertThat(world.agentStates(5, live.since())).containsSubsequence("on_call", "after_call_work",
                "logged_out");
    }

    @Test
    void callsAnAsteriskCrashLostAreClosedAsLostTrackAndItsAgentTakesTheNextCall() {
        LiveCalls live = liveCalls("1835", "general-support", 6, "1836", "technical");
        String talking = live.talking();
        String waiting = live.waiting();
        long killed = System.currentTimeMillis();

        pbx.killAndStartAgain(); // Asterisk dies without a word, then its service manager starts it again
        ContactRow answered = world.endedContact(talking);
        ContactRow lost = world.endedContact(waiting);
        // Asterisk never finished them: no COMPLETE, no ABANDON in its queue_log
        assertThat(pbx.queueLog(talking)).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT");
        assertThat(pbx.queueLog(waiting)).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE");
        assertThat(world.rows("SELECT lost_track FROM contacts WHERE linkedid IN (?, ?)", talking, waiting))
                .extracting(r -> ((Number) r.get("lost_track")).intValue()).containsOnly(1);
        assertThat(answered.outcome()).as("answered, its end unseen").isEqualTo("answered");
        assertThat(answered.endedAt()).as("at its last known event, the answer's").isBetween(answered.answeredAt(),
                answered.answeredAt() + 1_000).isLessThan(killed);
        assertThat(answered.pbxTalkSeconds()).isNull();
        assertThat(lost.outcome()).isEqualTo("lost_track");
        assertThat(lost.endedAt()).isLessThan(killed);
        JsonNode technical = world.queueReport("technical").path("calls");
        assertThat(technical.path("lostTrack").asLong()).isEqualTo(1);
        assertThat(technical.path("abandoned").asLong() + technical.path("shortAbandoned").asLong()
                + technical.path("waiting").asLong()).isZero();
        assertThat(world.queueReport("general-support").path("calls").path("handled").asLong())
                .as("a call whose end nobody saw is not in AHT").isZero();

        await().atMost(SETTLE).until(() -> "logged_out".equals(world.agentView(6).path("state").asText()));
        assertThat(world.agentStates(6, live.since())).containsSubsequence("on_call", "logged_out")
                .last().isEqualTo("logged_out");
        assertNextCallIsTracked("1835", 6, "general-support");
    }

    /** Two live calls' Linkedids, and when the agent who talks on the first had logged in. */
    private record LiveCalls(String talking, String waiting, long since) {}

    /**
     * Agent {@code n} logs in to {@code queue} and talks on a call to {@code hotline}; a call to {@code waitLine} waits
     * in {@code waitQueue}, where nobody is logged in; both 1 s on, once aftercare has seen them so.
     */
    private LiveCalls liveCalls(String hotline, String queue, int n, String waitLine, String waitQueue) {
        world.hotline(hotline, queue);
        world.hotline(waitLine, waitQueue);
        world.logIn(n, queue);
        long loggedIn = System.currentTimeMillis();
        String talking = pbx.originate(Caller.dialing(hotline, "\"Tess " + hotline + "\" <+1212555" + hotline + ">")
                .agentTalking(30));
        String waiting = pbx.originate(Caller.dialing(waitLine, "\"Walt " + waitLine + "\" <+1212555" + waitLine
                + ">").hangingUpAfter(30));
        // aftercare has seen the answer and the wait before Asterisk goes
        await().atMost(SETTLE).until(() -> "on_call".equals(world.agentView(n).path("state").asText())
                && world.contact(waiting) != null && world.contact(waiting).queuedAt() != null);
        PbxWorld.pause(Duration.ofSeconds(1));
        return new LiveCalls(talking, waiting, loggedIn);
    }

    /** Agent {@code n} logs in again and the next call to {@code hotline} is tracked as queue_log records it. */
    private void assertNextCallIsTracked(String hotline, int n, String queue) {
        world.logIn(n, queue);
        String next = pbx.originate(Caller.dialing(hotline, "\"Nat Next\" <+1212555"
                + (Integer.parseInt(hotline) + 100) + ">").agentTalking(1));
        List<QueueLogEntry> log = world.queueLogUntil(next, "COMPLETEAGENT", "COMPLETECALLER");
        ContactRow contact = world.endedContact(next);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.answeredBy()).isEqualTo(agent(n));
        assertThat(contact.pbxTalkSeconds()).isEqualTo(pbx.talkTimeSent(next, agent(n)));
        List<SegmentRow> segments = world.segments(next);
        assertThat(segments).extracting(SegmentRow::kind).containsExactly("queue", "ring", "talk", "wrapup");
        assertThat(segments.get(2).seconds()).isCloseTo(Double.parseDouble(log.getLast().data(2)), within(1.5));
    }

    @Test
    void callsLiveWhileAftercareRestartsAreTrackedToTheirRealEnd() {
        world.hotline("1830", "vip");
        world.hotline("1831", "supervisors"); // nobody logged in there: the caller waits
        world.logIn(1, "vip");
        long loggedIn = System.currentTimeMillis();

        String talking = pbx.originate(Caller.dialing("1830", "\"Tom Talk\" <+12125550141>").agentTalking(12));
        await().atMost(SETTLE).until(() -> pbx.queueLog(talking).stream().anyMatch(e -> e.event().equals("CONNECT")));
        await().atMost(SETTLE).until(() -> "on_call".equals(world.agentView(1).path("state").asText()));
        String waiting = pbx.originate(Caller.dialing("1831", "\"Wanda Wait\" <+12125550142>").hangingUpAfter(16));
        await().atMost(SETTLE).until(() -> !pbx.queueLog(waiting).isEmpty());

        world.restartAftercare();

        await().atMost(SETTLE).untilAsserted(() -> {
            JsonNode board = board();
            assertThat(queueBoard(board, "supervisors").path("waiting").asInt()).as("waiting caller on the wallboard")
                    .isEqualTo(1);
            assertThat(world.agentView(1).path("state").asText()).isEqualTo("on_call");
        });

        List<QueueLogEntry> talked = await().atMost(SETTLE).until(() -> pbx.queueLog(talking),
                l -> l.stream().anyMatch(e -> e.event().startsWith("COMPLETE")));
        QueueLogEntry complete = talked.get(talked.size() - 1);
        ContactRow answered = world.endedContact(talking);
        assertThat(answered.outcome()).isEqualTo("answered");
        assertThat(answered.queue()).isEqualTo("vip");
        assertThat(answered.answeredBy()).isEqualTo(agent(1));
        assertThat(world.rows("SELECT lost_track FROM contacts WHERE linkedid = ?", talking))
                .extracting(r -> ((Number) r.get("lost_track")).intValue()).containsExactly(0);
        assertThat(answered.pbxTalkSeconds()).isEqualTo(Long.parseLong(complete.data(2)));
        List<SegmentRow> segments = world.segments(talking);
        assertThat(segments).extracting(SegmentRow::kind).containsExactly("queue", "ring", "talk", "wrapup");
        assertThat(segments.subList(0, 3)).allSatisfy(s -> assertThat(s.endedAt()).as(s.kind() + " closed")
                .isNotNull());
        SegmentRow talk = segments.stream().filter(s -> s.kind().equals("talk")).findFirst().orElseThrow();
        assertThat(talk.seconds()).isCloseTo(Double.parseDouble(complete.data(2)), within(1.5));
        await().atMost(SETTLE).until(() -> world.agentStates(1, loggedIn).contains("after_call_work"));

        List<QueueLogEntry> abandoned = await().atMost(SETTLE).until(() -> pbx.queueLog(waiting),
                l -> l.stream().anyMatch(e -> e.event().equals("ABANDON")));
        ContactRow gaveUp = world.endedContact(waiting);
        assertThat(gaveUp.outcome()).isEqualTo("abandoned");
        assertThat(gaveUp.queue()).isEqualTo("supervisors");
        assertThat(gaveUp.pbxWaitSeconds()).isEqualTo(Long.parseLong(abandoned.get(abandoned.size() - 1).data(3)));
        for (String queue : List.of("vip", "supervisors")) {
            List<QueueLogEntry> log = pbx.queueLog().stream().filter(e -> e.queue().equals(queue)).toList();
            JsonNode calls = world.queueReport(queue).path("calls");
            assertThat(calls.path("offered").asLong()).as(queue + " offered").isEqualTo(count(log, "ENTERQUEUE"));
            assertThat(calls.path("answered").asLong()).as(queue + " answered").isEqualTo(count(log, "CONNECT"));
            assertThat(calls.path("abandoned").asLong() + calls.path("shortAbandoned").asLong())
                    .as(queue + " abandoned").isEqualTo(count(log, "ABANDON"));
        }
    }

    @Test
    void afterCallWorkRunningWhileAftercareRestartsEndsOnTimeAfterIt() {
        world.hotline("1832", "returns");
        world.logIn(3, "returns");
        // the queue's wrap-up timeout is read at start: the restarted aftercare uses 8 s
        world.app().app().database().jdbi().useHandle(h -> h.execute(
                "UPDATE queues SET wrapup_seconds = 8 WHERE name = 'returns'"));

        String call = pbx.originate(Caller.dialing("1832", "\"Walt Wrap\" <+12125550143>").agentTalking(2));
        await().atMost(SETTLE).until(() -> pbx.queueLog().stream().anyMatch(e -> e.agent().equals("Agent 3")
                && e.event().equals("PAUSE") && e.data(1).equals("acw")));
        world.restartAftercare();

        await().atMost(SETTLE).until(() -> "after_call_work".equals(world.agentView(3).path("state").asText()));
        await().atMost(SETTLE).until(() -> pbx.queueLog().stream().anyMatch(e -> e.agent().equals("Agent 3")
                && e.event().startsWith("UNPAUSE")));
        await().atMost(SETTLE).until(() -> "ready".equals(world.agentView(3).path("state").asText()));
        SegmentRow wrapup = world.segments(call).stream().filter(s -> s.kind().equals("wrapup")).findFirst()
                .orElseThrow();
        assertThat(wrapup.seconds()).as("the wrap-up timeout, counted from its start before the restart")
                .isCloseTo(8.0, within(0.5));
    }

    private JsonNode board() {
        return PbxWorld.json(world.app().get("/api/wallboard").body());
    }

    private static JsonNode queueBoard(JsonNode board, String queue) {
        for (JsonNode q : board.path("queues")) {
            if (q.path("queue").asText().equals(queue)) {
                return q;
            }
        }
        return PbxWorld.json("{}");
    }

    private static long count(List<QueueLogEntry> log, String event) {
        return log.stream().filter(e -> e.event().equals(event)).count();
    }
}
