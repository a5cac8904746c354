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
 * aftercare restarted while calls are live on a real Asterisk 22: what it stores afterwards must still agree with
 * Asterisk's queue_log (issue 15 item 3).
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
