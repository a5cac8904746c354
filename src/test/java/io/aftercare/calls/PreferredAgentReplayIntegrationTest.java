package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.Transcript;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls whose dialplan rang the case owner with {@code Dial()} before {@code Queue()}, replayed from captures of the
 * real Asterisk 22 ({@code src/test/resources/pbx-captures/}, taken by {@code PreferredAgentPbxTest}) through the
 * AMI client, the translator and the tracker into SQLite.
 */
class PreferredAgentReplayIntegrationTest {
    @TempDir
    Path dir;

    /** What the tracking pipeline stored, and the agent events it told its listeners, after a replay. */
    record Replayed(Transcript.Ami capture, ContactRecord contact, List<SegmentRecord> segments,
                    List<String> ownerStates, List<TrackingEvent> toListeners) {
        /** The PBX time of the capture's first event matching {@code test}, in the milliseconds rows hold. */
        Instant at(Predicate<AmiPacket> test) {
            String ts = capture.events().stream().filter(test).findFirst().orElseThrow().getOrEmpty("Timestamp");
            return Instant.ofEpochMilli(new BigDecimal(ts).movePointRight(3).longValue());
        }
    }

    static Predicate<AmiPacket> dial(String type, String iface) {
        return e -> e.type().equals(type) && e.getOrEmpty("DestChannel").startsWith(iface + "-");
    }

    /**
     * Replays a capture; when {@code queue} is given, the route had told the tracker the call rings {@code owner}
     * before that queue, as it does before answering Asterisk.
     */
    Replayed replay(String capture, String linkedId, String owner, String queue) throws Exception {
        Transcript.Ami ami = Transcript.parseAmi(Transcript.resource("pbx-captures/" + capture));
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start();
             TrackingStack stack = new TrackingStack(dir, "pbx1", server.port(), Clock.systemUTC())) {
            List<TrackingEvent> heard = new CopyOnWriteArrayList<>();
            stack.tracking.addListener(e -> {
                if (e instanceof TrackingEvent.AgentDecision d && d.linkedId().equals(linkedId)) {
                    heard.add(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> "connected".equals(stack.ami.states().get("pbx1"))
                    && stack.resyncs.get() > 0);
            stack.tracking.agentInterfaces(Set.of(owner));
            if (queue != null) {
                stack.tracking.ringsFirst("pbx1", linkedId, queue, owner);
            }
            server.replay(ami.blocks());
            ContactRecord contact = await().atMost(Duration.ofSeconds(10)).until(() -> stack.settled()
                    ? stack.contacts().stream().filter(c -> c.linkedId().equals(linkedId) && c.endedAt() != null)
                    .findFirst().orElse(null) : null, c -> c != null);
            List<String> states = stack.agentStates().stream().filter(s -> s.agent().equals(owner))
                    .map(s -> s.state().code()).toList();
            return new Replayed(ami, contact, stack.segments().stream().filter(s -> s.linkedId().equals(linkedId))
                    .toList(), states, heard);
        }
    }

    @Test
    void ownerWhoAnsweredIsTheRoutesQueueCallRingThenTalkThenWrapUp() throws Exception {
        String owner = "Local/agent1@agents";
        Replayed r = replay("preferred-agent-answered.txt", "1796652156.6", owner, "repairs");

        Instant ringing = r.at(dial("DialBegin", owner));
        Instant answered = r.at(dial("DialEnd", owner));
        Instant left = r.at(e -> e.type().equals("BridgeLeave") && e.getOrEmpty("Channel").startsWith(owner + "-"));
        ContactRecord c = r.contact();
        assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.queue()).isEqualTo("repairs");
        assertThat(c.answeredBy()).isEqualTo(owner);
        assertThat(c.callerE164()).isEqualTo("+12125550201");
        assertThat(c.callerName()).isEqualTo("Otto Owner");
        assertThat(c.queuedAt()).isEqualTo(ringing);
        assertThat(c.answeredAt()).isEqualTo(answered).isEqualTo(c.dequeuedAt());
        assertThat(r.segments()).extracting(SegmentRecord::kind, SegmentRecord::agent, SegmentRecord::queue,
                SegmentRecord::startedAt).containsExactly(tuple(SegmentKind.RING, owner, "repairs", ringing),
                tuple(SegmentKind.TALK, owner, "repairs", answered), tuple(SegmentKind.WRAPUP, owner, "repairs", left));
        assertThat(r.segments().get(1).endedAt()).isEqualTo(left);
        assertThat(Duration.between(answered, left)).isBetween(Duration.ofMillis(3400), Duration.ofMillis(3600));
        assertThat(r.ownerStates()).containsSubsequence("ready", "ringing", "on_call", "after_call_work");
        assertThat(r.toListeners()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("AgentOffered", "AgentAnswered", "WrapupStarted");
    }

    @Test
    void ownerWhoDidNotAnswerAndTheQueueAgentWhoDidMakeOneContactOfferedAtTheRing() throws Exception {
        String owner = "Local/agent2@agents";
        String agent = "Local/agent3@agents";
        Replayed r = replay("preferred-agent-no-answer-then-queue.txt", "1796652148.0", owner, "returns");

        Instant ringing = r.at(dial("DialBegin", owner));
        Instant gaveUp = r.at(dial("DialEnd", owner));
        Instant joined = r.at(e -> e.type().equals("QueueCallerJoin"));
        Instant connected = r.at(e -> e.type().equals("AgentConnect"));
        ContactRecord c = r.contact();
        assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.queue()).isEqualTo("returns");
        assertThat(c.answeredBy()).isEqualTo(agent);
        assertThat(c.queuedAt()).as("the wait began with the owner's ring").isEqualTo(ringing);
        assertThat(c.answeredAt()).isEqualTo(connected);
        assertThat(Duration.between(ringing, gaveUp)).isBetween(Duration.ofMillis(2900), Duration.ofMillis(3100));
        assertThat(c.pbxWaitSeconds()).isZero(); // Asterisk's HoldTime: the queue's part only
        assertThat(r.segments()).extracting(SegmentRecord::kind, SegmentRecord::agent, SegmentRecord::startedAt)
                .containsExactly(tuple(SegmentKind.RING, owner, ringing), tuple(SegmentKind.QUEUE, "", joined),
                        tuple(SegmentKind.RING, agent, r.at(e -> e.type().equals("AgentCalled"))),
                        tuple(SegmentKind.TALK, agent, connected),
                        tuple(SegmentKind.WRAPUP, agent, r.segments().get(4).startedAt()));
        assertThat(r.segments().get(0).endedAt()).isEqualTo(gaveUp);
        assertThat(r.ownerStates()).containsSubsequence("ready", "ringing", "ready").doesNotContain("on_call");
        assertThat(r.toListeners()).filteredOn(e -> e instanceof TrackingEvent.AgentRingEnded n
                && n.iface().equals(owner)).hasSize(1);
    }

    @Test
    void callerWhoHungUpWhileTheOwnerRangAbandonedTheRoutesQueue() throws Exception {
        String owner = "Local/agent8@agents";
        Replayed r = replay("preferred-agent-caller-hangs-up.txt", "1796652162.10", owner, "supervisors");

        ContactRecord c = r.contact();
        assertThat(c.outcome()).isEqualTo(Outcome.ABANDONED); // rang 6.5 s: past the 5 s short-abandon limit
        assertThat(c.queue()).isEqualTo("supervisors");
        assertThat(c.queuedAt()).isEqualTo(r.at(dial("DialBegin", owner)));
        assertThat(c.dequeuedAt()).isEqualTo(r.at(dial("DialEnd", owner)));
        assertThat(r.segments()).extracting(SegmentRecord::kind, SegmentRecord::endedAt)
                .containsExactly(tuple(SegmentKind.RING, c.dequeuedAt()));
        assertThat(r.ownerStates()).containsSubsequence("ready", "ringing", "ready").doesNotContain("on_call");
    }

    @Test
    void aDialTheRouteDidNotAskForIsTrackedForTheAgentButOffersNoQueue() throws Exception {
        String owner = "Local/agent1@agents";
        Replayed r = replay("preferred-agent-answered.txt", "1796652156.6", owner, null);

        assertThat(r.contact().outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(r.contact().answeredBy()).isEqualTo(owner);
        assertThat(r.contact().queue()).isNull();
        assertThat(r.contact().queuedAt()).isNull();
        assertThat(r.segments()).extracting(SegmentRecord::kind)
                .containsExactly(SegmentKind.RING, SegmentKind.TALK, SegmentKind.WRAPUP);
    }
}
