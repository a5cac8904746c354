package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aftercare.calls.PreferredAgentReplayIntegrationTest.Replayed;
import io.aftercare.fake.AmiPacket;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls moved from one queue's agent to another queue, replayed from captures of the real Asterisk 22
 * ({@code pbx-captures/transfer-*.txt}, taken by {@code TransferPbxTest}) through the AMI client, the translator and
 * the tracker into SQLite: one contact with its first queue entry, each agent's talk ending as their leg leaves the
 * call (an attended transfer's first agent: when the transfer completes).
 */
class TransferReplayIntegrationTest {
    @TempDir
    Path dir;

    /** The same pipeline as the preferred-agent replays, following {@code agent}'s states. */
    Replayed replay(String capture, String linkedId, String agent) throws Exception {
        PreferredAgentReplayIntegrationTest replayer = new PreferredAgentReplayIntegrationTest();
        replayer.dir = dir;
        return replayer.replay(capture, linkedId, agent, null);
    }

    static Predicate<AmiPacket> event(String type, String header, String prefix) {
        return e -> e.type().equals(type) && e.getOrEmpty(header).startsWith(prefix);
    }

    @Test
    void aRedirectedCallersFirstAgentTalksUntilTheirLegLeavesAndWrapsUpThere() throws Exception {
        String a1 = "Local/agent1@agents";
        String a2 = "Local/agent2@agents";
        Replayed r = replay("transfer-redirect.txt", "1796654061.6", a1);

        var first = r.at(event("AgentConnect", "Queue", "returns"));
        var left = r.at(event("BridgeLeave", "Channel", a1 + "-"));
        var second = r.at(event("AgentConnect", "Queue", "technical"));
        var ended = r.at(event("BridgeLeave", "Channel", a2 + "-"));
        ContactRecord c = r.contact();
        assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.queue()).isEqualTo("returns");
        assertThat(c.queuedAt()).isEqualTo(r.at(event("QueueCallerJoin", "Queue", "returns")));
        assertThat(c.answeredAt()).isEqualTo(first);
        assertThat(c.answeredBy()).isEqualTo(a1);
        assertThat(c.pbxTalkSeconds()).as("app_queue's late TalkTime of agent 1").isNull();
        assertThat(r.segments()).filteredOn(s -> s.kind() != SegmentKind.QUEUE && s.kind() != SegmentKind.RING)
                .extracting(SegmentRecord::kind, SegmentRecord::agent, SegmentRecord::queue, SegmentRecord::startedAt)
                .containsExactly(tuple(SegmentKind.TALK, a1, "returns", first),
                        tuple(SegmentKind.WRAPUP, a1, "returns", left),
                        tuple(SegmentKind.TALK, a2, "technical", second),
                        tuple(SegmentKind.WRAPUP, a2, "technical", r.segments().getLast().startedAt()));
        assertThat(r.segments().getLast().startedAt()).isBetween(ended.minusMillis(5), ended);
        assertThat(r.ownerStates()).endsWith("on_call", "after_call_work");
    }

    @Test
    void anAttendedTransfersFirstAgentHoldsUntilItCompletesAndWrapsUpInTheirOwnQueue() throws Exception {
        String a5 = "Local/agent5@agents";
        String a6 = "Local/agent6@agents";
        Replayed r = replay("transfer-attended.txt", "1796660303.0", a5);

        var held = r.at(event("Hold", "Channel", a5 + "-"));
        var consulted = r.at(event("AgentConnect", "Queue", "vip"));
        var transferred = r.at(event("AgentComplete", "Reason", "transfer"));
        ContactRecord c = r.contact();
        assertThat(c.queue()).isEqualTo("repairs");
        assertThat(c.answeredBy()).isEqualTo(a5);
        assertThat(c.queuedAt()).isEqualTo(r.at(event("QueueCallerJoin", "Queue", "repairs")));
        assertThat(c.pbxTalkSeconds()).as("queue_log's ATTENDEDTRANSFER talk time").isEqualTo(8);
        assertThat(r.segments()).extracting(SegmentRecord::kind, SegmentRecord::agent, SegmentRecord::queue,
                SegmentRecord::startedAt).containsExactly(
                tuple(SegmentKind.QUEUE, "", "repairs", c.queuedAt()), tuple(SegmentKind.RING, a5, "repairs",
                        c.queuedAt()), tuple(SegmentKind.TALK, a5, "repairs", c.answeredAt()),
                tuple(SegmentKind.HOLD, a5, "repairs", held),
                tuple(SegmentKind.QUEUE, "", "vip", r.at(event("QueueCallerJoin", "Queue", "vip"))),
                tuple(SegmentKind.RING, a6, "vip", r.at(event("AgentCalled", "Queue", "vip"))),
                tuple(SegmentKind.TALK, a6, "vip", consulted),
                tuple(SegmentKind.WRAPUP, a5, "repairs", transferred),
                tuple(SegmentKind.WRAPUP, a6, "vip", r.segments().getLast().startedAt()));
        assertThat(r.segments()).filteredOn(s -> s.kind() == SegmentKind.HOLD).singleElement()
                .satisfies(h -> assertThat(h.endedAt()).isEqualTo(transferred));
        assertThat(r.ownerStates()).endsWith("on_call", "on_hold", "after_call_work");
    }

    @Test
    void aBlindTransferredCallerKeepsTheFirstQueueAndTheFirstAgentsTalkTime() throws Exception {
        String a3 = "Local/agent3@agents";
        Replayed r = replay("transfer-blind.txt", "1796654054.0", a3);

        ContactRecord c = r.contact();
        assertThat(c.queue()).isEqualTo("onboarding");
        assertThat(c.answeredBy()).isEqualTo(a3);
        assertThat(c.queuedAt()).isEqualTo(r.at(event("QueueCallerJoin", "Queue", "onboarding")));
        assertThat(c.pbxTalkSeconds()).isEqualTo(3);
        assertThat(r.segments()).extracting(SegmentRecord::kind, SegmentRecord::queue).containsExactly(
                tuple(SegmentKind.QUEUE, "onboarding"), tuple(SegmentKind.RING, "onboarding"),
                tuple(SegmentKind.TALK, "onboarding"), tuple(SegmentKind.WRAPUP, "onboarding"),
                tuple(SegmentKind.QUEUE, "supervisors"), tuple(SegmentKind.RING, "supervisors"),
                tuple(SegmentKind.TALK, "supervisors"), tuple(SegmentKind.WRAPUP, "supervisors"));
        assertThat(r.ownerStates()).endsWith("on_call", "after_call_work");
    }
}
