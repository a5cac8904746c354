package io.aftercare.pbx;

import static io.aftercare.pbx.PbxWorld.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.pbx.PbxWorld.ContactRow;
import io.aftercare.pbx.PbxWorld.SegmentRow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * aftercare's AMI link to a real Asterisk 22 cut mid-call (a TCP proxy between them): a call that ends while the
 * link is down gets no invented duration, and a pause set in Asterisk meanwhile is left as it is (issue 15 item 4).
 */
class LinkLossPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite(true);
    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void aCallThatEndsWhileTheLinkIsDownGetsNoInventedTalkTimeAndAPauseSetMeanwhileStands() {
        world.hotline("1840", "technical");
        world.logIn(2, "technical");

        String call = pbx.originate(Caller.dialing("1840", "\"Lena Link\" <+12125550151>").agentTalking(6));
        await().atMost(SETTLE).until(() -> pbx.queueLog(call).stream().anyMatch(e -> e.event().equals("CONNECT")));
        // the link goes once aftercare has seen the answer (queue_log is written before the events travel)
        await().atMost(SETTLE).until(() -> "on_call".equals(world.agentView(2).path("state").asText()));
        world.amiProxy().cut();
        await().atMost(SETTLE).until(() -> !"connected".equals(PbxWorld.json(world.app().get("/health").body())
                .path("ami").path(world.pbxId()).asText()));

        List<QueueLogEntry> log = await().atMost(SETTLE).until(() -> pbx.queueLog(call),
                l -> l.stream().anyMatch(e -> e.event().startsWith("COMPLETE")));
        long realTalk = Long.parseLong(log.get(log.size() - 1).data(2));
        // a supervisor pauses the agent in Asterisk while aftercare cannot see it
        pbx.cli("queue pause member " + agent(2) + " queue technical reason meeting");
        world.amiProxy().restore();
        world.awaitLink();

        ContactRow contact = world.endedContact(call);
        assertThat(contact.outcome()).isEqualTo("answered");
        assertThat(contact.answeredBy()).isEqualTo(agent(2));
        boolean lostTrack = world.rows("SELECT lost_track FROM contacts WHERE linkedid = ?", call).stream()
                .anyMatch(r -> ((Number) r.get("lost_track")).intValue() == 1);
        SegmentRow talk = world.segments(call).stream().filter(s -> s.kind().equals("talk")).findFirst().orElseThrow();
        if (!lostTrack) {
            assertThat(talk.seconds()).as("talk time, when aftercare claims to know it").isBetween(realTalk - 1.5,
                    realTalk + 1.5);
        }

        PbxWorld.pause(Duration.ofSeconds(4)); // whatever aftercare would do about after-call work, it has done by now
        assertThat(world.agentView(2).path("state").asText()).isIn("after_call_work", "paused");
        List<QueueLogEntry> afterMeeting = pbx.queueLog().stream().dropWhile(e -> !(e.event().equals("PAUSE")
                && e.data(1).equals("meeting"))).toList();
        assertThat(afterMeeting).extracting(QueueLogEntry::event).as("nobody touched the supervisor's pause")
                .containsExactly("PAUSE");
    }
}
