package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.aftercare.ami.CapturedEvents;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.events.PbxEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What call controls ask of call tracking, and what comes of the calls they make, on what the real Asterisk 22 sent
 * while {@code io.aftercare.pbx.CallControlsPbxTest} drove them through aftercare's API
 * ({@code pbx-captures/controls-*.txt}): the channels of an agent's part in a call ({@link CallLegs}), an attended
 * transfer completed and one cancelled, and click-to-call contacts.
 */
class CallControlsTrackingTest {
    private final Map<String, ContactRecord> contacts = new LinkedHashMap<>();
    private final List<SegmentRecord> segments = new ArrayList<>();
    private final List<AgentStateChange> states = new ArrayList<>();
    private final CallTracker tracker = new CallTracker(new TrackingSink() {
        @Override
        public void contact(ContactRecord c) {
            contacts.put(c.linkedId(), c);
        }

        @Override
        public void segment(SegmentRecord s) {
            segments.removeIf(old -> old.kind() == s.kind() && old.agent().equals(s.agent())
                    && old.linkedId().equals(s.linkedId()) && old.startedAt().equals(s.startedAt()));
            segments.add(s);
        }

        @Override
        public void agentState(AgentStateChange change) {
            states.add(change);
        }
    }, Clock.systemUTC(), raw -> raw, q -> QueueTiming.DEFAULT);

    private List<PbxEvent> capture = List.of();
    private int played;

    /**
     * Feeds the capture's events, from where the last call stopped, until (and with) the first one {@code last}
     * accepts; all the rest when null.
     */
    private void play(String name, Predicate<PbxEvent> last) {
        if (played == 0) {
            capture = CapturedEvents.translated("pbx1", "pbx-captures/" + name);
        }
        while (played < capture.size()) {
            PbxEvent e = capture.get(played++);
            tracker.on(e);
            if (last != null && last.test(e)) {
                return;
            }
        }
    }

    /** The agent's segments of the call, as (kind, queue), in order. */
    private List<org.assertj.core.groups.Tuple> kinds(String linkedId, String agent) {
        return segments.stream().filter(s -> s.linkedId().equals(linkedId) && s.agent().equals(agent))
                .map(s -> tuple(s.kind(), s.queue())).toList();
    }

    /** The kinds of the agent's segments of the call, in order. */
    private List<SegmentKind> kindsOnly(String linkedId, String agent) {
        return segments.stream().filter(s -> s.linkedId().equals(linkedId) && s.agent().equals(agent))
                .map(SegmentRecord::kind).toList();
    }

    private List<String> states(String agent) {
        return states.stream().filter(s -> s.agent().equals(agent)).map(s -> s.state().code()).toList();
    }

    @Test
    void anAgentTalkingHasTheirBridgedLegTheirPhoneLegAndTheCallersChannel() {
        String call = "1796663163.14";
        int[] bridged = {0};
        play("controls-hangup-dtmf.txt", e -> e instanceof PbxEvent.BridgeChanged b && b.entered() && ++bridged[0] == 2);

        CallLegs legs = tracker.legs("pbx1", call, "Local/agent1@agents").orElseThrow();
        assertThat(legs.part()).isEqualTo(CallLegs.Part.TALKING);
        assertThat(legs.agentLeg()).isEqualTo("Local/agent1@agents-00000008;1");
        assertThat(legs.agentPhone()).isEqualTo("Local/agent1@agents-00000008;2");
        assertThat(legs.callerLeg()).isEqualTo("Local/1860@inbound-test-00000007;2");
        assertThat(legs.channels()).hasSize(4);
        assertThat(tracker.legs("pbx1", call, null)).contains(legs);
        assertThat(tracker.legs("pbx1", call, "Local/agent2@agents")).isEmpty();
        assertThat(tracker.callOf("pbx1", "Local/agent1@agents")).contains(call);
        assertThat(tracker.inProgress("pbx1", call)).isTrue();
        assertThat(tracker.inProgress("pbx1", "1796663163.99")).isFalse();

        play("controls-hangup-dtmf.txt", null); // aftercare hung up the agent's phone leg: Asterisk ended the call
        assertThat(contacts.get(call).outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(kindsOnly(call, "Local/agent1@agents")).containsExactly(SegmentKind.RING, SegmentKind.TALK, SegmentKind.WRAPUP);
        assertThat(tracker.inProgress("pbx1", call)).isFalse();
    }

    @Test
    void theTalkTimeOfAnAgentCompleteNamingNoCallGoesToTheCallTheAgentLeftWhileItsLastChannelHangsUp() {
        String call = "1796663163.14";
        int[] bridged = {0};
        play("controls-hangup-dtmf.txt", e -> e instanceof PbxEvent.BridgeChanged b && b.entered() && ++bridged[0] == 2);
        // Asterisk's order in another run of the same hang-up: the caller's channels gone first, so app_queue's
        // AgentComplete names no call, then the agent's phone leg aftercare hung up reports its Hangup last
        List<PbxEvent> rest = new ArrayList<>(capture.subList(played, capture.size()));
        PbxEvent.AgentCompleted complete = rest.stream().filter(PbxEvent.AgentCompleted.class::isInstance)
                .map(PbxEvent.AgentCompleted.class::cast).findFirst().orElseThrow();
        rest.remove(complete);
        PbxEvent phoneGone = rest.stream().filter(e -> e instanceof PbxEvent.ChannelHungUp h
                && h.channel().equals("Local/agent1@agents-00000008;2")).findFirst().orElseThrow();
        rest.remove(phoneGone);
        rest.forEach(tracker::on);
        tracker.on(new PbxEvent.AgentCompleted("pbx1", complete.at(), "", "", complete.queue(), complete.iface(),
                complete.memberName(), complete.reason(), complete.pbxTalkSeconds(), complete.pbxHoldSeconds()));
        tracker.on(phoneGone);

        assertThat(contacts.get(call).pbxTalkSeconds()).isEqualTo(complete.pbxTalkSeconds());
        assertThat(tracker.inProgress("pbx1", call)).isFalse();
    }

    @Test
    void anAttendedTransferHoldsTheAgentWhileTheConsultationIsOneOfTheCallsChannelsThenHandsOver() {
        String call = "1796663156.0";
        String a4 = "Local/agent4@agents";
        String a5 = "Local/agent5@agents";
        play("controls-attended-complete.txt", e -> e instanceof PbxEvent.QueueJoined q && q.queue().equals("vip"));

        CallLegs consulting = tracker.legs("pbx1", call, a4).orElseThrow();
        assertThat(consulting.part()).isEqualTo(CallLegs.Part.HOLDING);
        assertThat(consulting.agentLeg()).startsWith(a4 + "-").endsWith(";1");
        assertThat(consulting.channels()).anyMatch(c -> c.startsWith("Local/1@aftercare-transfer-"));

        play("controls-attended-complete.txt", null);
        ContactRecord c = contacts.get(call);
        assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.queue()).isEqualTo("returns");
        assertThat(c.answeredBy()).isEqualTo(a4);
        assertThat(kinds(call, a4)).containsExactly(tuple(SegmentKind.RING, "returns"),
                tuple(SegmentKind.TALK, "returns"), tuple(SegmentKind.HOLD, "returns"),
                tuple(SegmentKind.WRAPUP, "returns"));
        assertThat(kinds(call, a5)).contains(tuple(SegmentKind.TALK, "vip"));
        assertThat(states(a4)).containsSubsequence("on_call", "on_hold", "after_call_work");
    }

    @Test
    void anAttendedTransferCancelledLeavesTheCallerWithTheAgentWhoHeldThem() {
        String call = "1796663171.26";
        String a7 = "Local/agent7@agents";
        String a8 = "Local/agent8@agents";
        tracker.agentInterface(a8); // as call controls tell it, naming agent 8 the target
        play("controls-attended-cancel.txt", e -> e instanceof PbxEvent.DialEnded d && d.destIface().equals(a8));

        CallLegs consulting = tracker.legs("pbx1", call, a7).orElseThrow();
        assertThat(consulting.part()).isEqualTo(CallLegs.Part.HOLDING);
        assertThat(consulting.channels()).anyMatch(c -> c.startsWith("Local/2@aftercare-transfer-"));
        assertThat(tracker.legs("pbx1", call, a8).orElseThrow().part()).isEqualTo(CallLegs.Part.TALKING);

        play("controls-attended-cancel.txt", null);
        assertThat(contacts.get(call).answeredBy()).isEqualTo(a7);
        assertThat(kindsOnly(call, a7)).containsExactly(SegmentKind.RING, SegmentKind.TALK, SegmentKind.HOLD,
                SegmentKind.TALK, SegmentKind.WRAPUP);
        assertThat(kindsOnly(call, a8)).as("the consulted agent").containsExactly(SegmentKind.RING,
                SegmentKind.TALK, SegmentKind.WRAPUP);
        assertThat(states(a7)).containsSubsequence("on_call", "on_hold", "on_call", "after_call_work");
    }

    @Test
    void aClickToCallRingsTheAgentFirstAndIsAnsweredWhenTheCustomerIs() {
        String answered = "click_to_call-1796663166588-4";
        String busy = "click_to_call-1796663171375-4";
        String a6 = "Local/agent6@agents";
        play("controls-click-to-call.txt", e -> e instanceof PbxEvent.BridgeChanged b && b.entered()
                && b.linkedId().equals(answered) && b.channel().startsWith(a6));

        CallLegs legs = tracker.legs("pbx1", answered, a6).orElseThrow();
        assertThat(legs.part()).isEqualTo(CallLegs.Part.TALKING);
        assertThat(legs.agentLeg()).isEqualTo("Local/agent6@agents-00000009;1");
        assertThat(legs.callerLeg()).as("the customer's channel").isEqualTo("Local/12125550160@customer-test-0000000a;1");

        play("controls-click-to-call.txt", null);
        ContactRecord call = contacts.get(answered);
        assertThat(call.kind()).isEqualTo(ContactKind.CLICK_TO_CALL);
        assertThat(call.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(call.answeredBy()).isEqualTo(a6);
        assertThat(call.callerRaw()).isEqualTo("+12125550160");
        assertThat(call.queue()).isNull();
        assertThat(call.queuedAt()).isNull();
        assertThat(call.answeredAt()).as("the customer's answer, not the agent's")
                .isAfter(segments.stream().filter(s -> s.linkedId().equals(answered) && s.kind() == SegmentKind.RING)
                        .findFirst().orElseThrow().endedAt());
        assertThat(kindsOnly(answered, a6)).containsExactly(SegmentKind.RING, SegmentKind.TALK, SegmentKind.WRAPUP);

        ContactRecord refused = contacts.get(busy);
        assertThat(refused.kind()).isEqualTo(ContactKind.CLICK_TO_CALL);
        assertThat(refused.outcome()).isEqualTo(Outcome.BUSY);
        assertThat(refused.answeredAt()).isNull();
        assertThat(refused.answeredBy()).isEqualTo(a6);
        assertThat(states(a6)).containsSubsequence("ringing", "on_call", "after_call_work", "ringing", "on_call",
                "after_call_work");
    }
}
