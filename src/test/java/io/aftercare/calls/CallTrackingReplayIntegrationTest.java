package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.Transcript;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallTrackingReplayIntegrationTest {
    static final Transcript.Ami TRANSCRIPT =
            Transcript.parseAmi(Transcript.resource("asterisk-22/ami-inbound-queue.txt"));

    @TempDir
    Path dir;

    @Test
    void replayingTheRealTranscriptYieldsTwoAnsweredCallsOneAbandonAndTheAgentStates() throws Exception {
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start();
             TrackingStack stack = new TrackingStack(dir, "pbx1", server.port(), Clock.systemUTC())) {
            // Replay after the login's resync: the fake knows no members, and a resync answered mid-replay
            // would rightly log out agents the replayed events had just logged in.
            await().atMost(Duration.ofSeconds(10)).until(() -> server.loggedInClients() == 1
                    && "connected".equals(stack.ami.states().get("pbx1")) && stack.resyncs.get() > 0);
            server.replay(TRANSCRIPT);
            await().atMost(Duration.ofSeconds(10)).until(() -> stack.settled()
                    && stack.contacts().stream().filter(c -> c.endedAt() != null).count() == 3
                    && stack.agentStates().stream().anyMatch(s -> s.agent().equals("Local/agent3@agents")
                    && s.state() == AgentState.LOGGED_OUT));

            Map<String, ContactRecord> byCaller = stack.contacts().stream()
                    .collect(Collectors.toMap(ContactRecord::callerRaw, Function.identity()));
            assertThat(byCaller).containsOnlyKeys("5551234567", "2025550100", "3125550199");
            List<SegmentRecord> segments = stack.segments();

            ContactRecord alice = byCaller.get("5551234567");
            assertThat(alice.pbxId()).isEqualTo("pbx1");
            assertThat(alice.callerE164()).isNull(); // 555 numbers are not valid: the raw caller ID is kept
            assertThat(alice.callerName()).isEqualTo("Alice Buyer");
            assertThat(alice.queue()).isEqualTo("vip");
            assertThat(alice.answeredBy()).isEqualTo("Local/agent3@agents");
            assertThat(alice.outcome()).isEqualTo(Outcome.ANSWERED);
            assertThat(alice.pbxTalkSeconds()).isEqualTo(5);
            assertThat(talk(segments, alice)).isCloseTo(Duration.ofSeconds(5), Duration.ofSeconds(1));

            ContactRecord second = byCaller.get("2025550100");
            assertThat(second.callerE164()).isEqualTo("+12025550100");
            assertThat(second.queue()).isEqualTo("general-support");
            assertThat(second.answeredBy()).isEqualTo("Local/agent1@agents");
            assertThat(second.outcome()).isEqualTo(Outcome.ANSWERED);
            assertThat(second.pbxTalkSeconds()).isEqualTo(4);
            assertThat(talk(segments, second)).isCloseTo(Duration.ofSeconds(4), Duration.ofSeconds(1));

            ContactRecord bob = byCaller.get("3125550199");
            assertThat(bob.queue()).isEqualTo("general-support");
            assertThat(bob.answeredAt()).isNull();
            // An abandon after 2.5 s by the timestamps: below the 5 s threshold, so reported as a short abandon.
            assertThat(bob.outcome()).isEqualTo(Outcome.SHORT_ABANDON);
            assertThat(bob.pbxWaitSeconds()).isEqualTo(3);
            assertThat(Duration.between(bob.queuedAt(), bob.dequeuedAt()).toMillis()).isBetween(2400L, 2600L);
            assertThat(stack.contacts()).noneMatch(ContactRecord::lostTrack);

            List<AgentStateChange> states = stack.agentStates();
            assertThat(history(states, "Local/agent2@agents")).first().isEqualTo("paused:training");
            assertThat(history(states, "Local/agent1@agents"))
                    .containsSubsequence("ready", "on_call", "after_call_work", "paused:lunch", "ready");
            assertThat(history(states, "Local/agent3@agents"))
                    .containsSubsequence("ready", "on_call", "after_call_work", "logged_out");
            assertThat(history(states, "Local/agent3@agents")).last().isEqualTo("logged_out");
            assertThat(segments).anyMatch(s -> s.kind() == SegmentKind.WRAPUP
                    && s.agent().equals("Local/agent1@agents") && s.endedAt() != null);
            // after-call work paused the agents through AMI
            assertThat(server.receivedActions("QueuePause")).anyMatch(a -> a.getOrEmpty("Reason").equals("acw"));
        }
    }

    static Duration talk(List<SegmentRecord> segments, ContactRecord contact) {
        return segments.stream().filter(s -> s.linkedId().equals(contact.linkedId()) && s.kind() == SegmentKind.TALK)
                .map(SegmentRecord::duration).reduce(Duration.ZERO, Duration::plus);
    }

    static List<String> history(List<AgentStateChange> states, String agent) {
        return states.stream().filter(s -> s.agent().equals(agent))
                .map(s -> s.state().code() + (s.reason().isEmpty() ? "" : ":" + s.reason())).toList();
    }

}
