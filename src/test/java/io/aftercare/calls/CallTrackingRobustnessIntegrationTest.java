package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.PbxChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Call tracking through the real AMI connector against a FakeAmiServer, when the PBX or the link misbehaves. */
class CallTrackingRobustnessIntegrationTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String AGENT = "Local/agent1@agents";

    @TempDir
    Path dir;
    FakeAmiServer server;
    TrackingStack stack;
    AmiScript script;

    @BeforeEach
    void start() throws Exception {
        server = FakeAmiServer.builder().securityEvents(false).start();
        stack = new TrackingStack(dir, "pbx1", server.port(), Clock.systemUTC());
        script = new AmiScript(server);
        await().atMost(WAIT).until(this::connectedAndResynced);
    }

    @AfterEach
    void stop() {
        stack.close();
        server.close();
    }

    boolean connectedAndResynced() {
        return server.loggedInClients() == 1 && "connected".equals(stack.ami.states().get("pbx1"))
                && server.receivedActions("Status").size() == server.receivedActions("Login").size();
    }

    Optional<ContactRecord> contact(String linkedId) {
        return stack.contacts().stream().filter(c -> c.linkedId().equals(linkedId)).findFirst();
    }

    boolean ended(String linkedId) {
        return stack.settled() && contact(linkedId).map(c -> c.endedAt() != null).orElse(false);
    }

    /** A complete call played after the events under test: once it is stored, everything before it was handled. */
    void fence(String linkedId) {
        script.answeredCall(linkedId, "2025550177", "general-support", "Local/agent9@agents");
        await().atMost(WAIT).until(() -> ended(linkedId));
    }

    @Test
    void callEndingWhileDisconnectedIsClosedOnceAsLostTrackAndACallThatContinuesIsStillTracked() {
        for (String id : List.of("100.1", "200.1")) {
            script.newChannel(id, id, "2025550100");
            script.join(id, id, "general-support", "2025550100");
            script.connect(id, id, "general-support", id.equals("100.1") ? AGENT : "Local/agent2@agents");
        }
        await().atMost(WAIT).until(() -> stack.settled() && contact("200.1").map(c -> c.answeredAt() != null)
                .orElse(false) && contact("100.1").map(c -> c.answeredAt() != null).orElse(false));
        // After the reconnect the PBX still has only the second call: the first ended while we were away.
        server.addChannel(PbxChannel.up(AmiScript.channel("200.1"), "200.1", "200.1", "2025550100", "Queue",
                Instant.now().minusSeconds(5)));
        server.dropConnections();

        await().atMost(WAIT).until(() -> server.receivedActions("Login").size() == 2 && connectedAndResynced()
                && ended("100.1"));
        ContactRecord lost = contact("100.1").orElseThrow();
        assertThat(lost.lostTrack()).isTrue();
        assertThat(lost.outcome()).isEqualTo(Outcome.ANSWERED); // it was answered before we lost it
        assertThat(contact("200.1").orElseThrow().endedAt()).isNull();

        script.complete("200.1", "200.1", "general-support", "Local/agent2@agents");
        script.hangup("200.1", "200.1");
        script.hangup("100.1", "100.1"); // a late Hangup of the lost call must not reopen or recount it
        fence("900.1");

        ContactRecord continued = contact("200.1").orElseThrow();
        assertThat(continued.lostTrack()).isFalse();
        assertThat(continued.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(contact("100.1").orElseThrow()).isEqualTo(lost);
        assertThat(stack.segments()).filteredOn(s -> s.linkedId().equals("100.1") && s.kind() == SegmentKind.TALK)
                .singleElement().satisfies(s -> assertThat(s.endedAt()).isEqualTo(lost.endedAt()));
        assertThat(stack.segments()).filteredOn(s -> s.linkedId().equals("200.1") && s.kind() == SegmentKind.TALK)
                .singleElement().satisfies(s -> assertThat(s.endedAt()).isNotNull());
    }

    @Test
    void duplicatedEventsAndAReplayedCallCountOnce() {
        String id = "300.1";
        for (int i = 0; i < 2; i++) {
            script.newChannel(id, id, "2025550100");
            script.newChannel(id, id, "2025550100");
            script.join(id, id, "vip", "2025550100");
            script.join(id, id, "vip", "2025550100");
            script.ring(id, id, "vip", AGENT);
            script.ring(id, id, "vip", AGENT);
            script.connect(id, id, "vip", AGENT);
            script.connect(id, id, "vip", AGENT);
            script.leave(id, id, "vip");
            script.leave(id, id, "vip");
            script.complete(id, id, "vip", AGENT);
            script.complete(id, id, "vip", AGENT);
            script.hangup(id, id);
            script.hangup(id, id); // the second round replays the whole finished call
        }
        fence("901.1");

        assertThat(stack.contacts()).filteredOn(c -> c.linkedId().equals(id)).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED));
        assertThat(stack.segments()).filteredOn(s -> s.linkedId().equals(id))
                .extracting(SegmentRecord::kind)
                .containsExactlyInAnyOrder(SegmentKind.QUEUE, SegmentKind.RING, SegmentKind.TALK, SegmentKind.WRAPUP);
    }

    @Test
    void unknownEventsAndGarbageLinesAreSkippedWithoutLosingTheLink() {
        server.emit("FrobnicateWidget", "Widget", "7", "Linkedid", "400.1", "Uniqueid", "400.1");
        server.emit("UserEvent", "UserEvent", "Survey", "Linkedid", "400.1");
        server.emitRaw("this line has no colon\r\n\r\n");
        server.emitRaw("Event: AgentConnect\r\nQueue: vip\r\nHoldTime: not-a-number\r\nLinkedid: 400.1\r\n\r\n");
        server.emitRaw("\u0001\u0002 :::: \u00ff\r\nResponse\r\n\r\n");
        script.answeredCall("401.1", "2025550100", "vip", AGENT);
        await().atMost(WAIT).until(() -> ended("401.1"));

        assertThat(server.receivedActions("Login")).hasSize(1); // never dropped the link
        assertThat(contact("401.1").orElseThrow().outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(contact("400.1").map(c -> c.answeredAt() == null).orElse(true)).isTrue();
    }

    @Test
    void hangupWithoutNewchannelIsIgnoredAndQueueCallerLeaveWithoutJoinClosesAnUncountedContact() {
        script.hangup("500.1", "500.1"); // a call that ended before we ever saw it
        script.leave("501.1", "501.1", "vip"); // a call that joined before we connected
        script.hangup("501.1", "501.1");
        fence("902.1");

        assertThat(contact("500.1")).isEmpty();
        ContactRecord leftOnly = contact("501.1").orElseThrow();
        assertThat(leftOnly.endedAt()).isNotNull();
        assertThat(leftOnly.queue()).isEqualTo("vip");
        assertThat(leftOnly.queuedAt()).isNull(); // we never saw its offer, so no queue figure counts it
        assertThat(leftOnly.outcome()).isNotEqualTo(Outcome.OPEN);
        assertThat(stack.tracker.liveCalls()).isZero();
    }
}
