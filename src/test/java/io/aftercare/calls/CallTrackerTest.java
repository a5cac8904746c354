package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.ami.CapturedEvents;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.telephony.events.PbxEvent.AgentCompleted;
import io.aftercare.telephony.events.PbxEvent.AgentConnected;
import io.aftercare.telephony.events.PbxEvent.ChannelCreated;
import io.aftercare.telephony.events.PbxEvent.ChannelHungUp;
import io.aftercare.telephony.events.PbxEvent.HoldEnded;
import io.aftercare.telephony.events.PbxEvent.HoldStarted;
import io.aftercare.telephony.events.PbxEvent.QueueJoined;
import io.aftercare.telephony.events.PbxEvent.QueueLeft;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallTrackerTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    final Map<String, ContactRecord> contacts = new LinkedHashMap<>();
    final List<SegmentRecord> segments = new ArrayList<>();
    final List<AgentStateChange> states = new ArrayList<>();
    final TrackingSink sink = new TrackingSink() {
        @Override
        public void contact(ContactRecord c) {
            contacts.put(c.linkedId(), c);
        }

        @Override
        public void segment(SegmentRecord s) {
            segments.add(s);
        }

        @Override
        public void agentState(AgentStateChange change) {
            states.add(change);
        }
    };
    final CallTracker tracker = new CallTracker(sink, Clock.fixed(T0, ZoneOffset.UTC), raw -> null, q -> QueueTiming.DEFAULT);

    static Instant t(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    void answeredCall(String linkedId, double start) {
        tracker.on(new ChannelCreated("p", t(start), linkedId, linkedId + ".1", "Local/1800@hotline-1;1", "5550001",
                null, "1800"));
        tracker.on(new QueueJoined("p", t(start + 1), linkedId, linkedId + ".1", "q", 1, "5550001", null));
        tracker.on(new QueueLeft("p", t(start + 3), linkedId, linkedId + ".1", "q"));
        tracker.on(new AgentConnected("p", t(start + 3), linkedId, linkedId + ".1", "q", "Local/a1@agents", "A", 2));
    }

    @Test
    void theCallerOfACallThatNeverQueuesComesFromNewCalleridAsTheRealPbxSendsIt() {
        CapturedEvents.translated("p", "pbx-captures/ivr-hangup.txt").forEach(tracker::on);

        assertThat(contacts.values()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.IVR);
            assertThat(c.callerRaw()).isEqualTo("+12125550106");
            assertThat(c.callerName()).isEqualTo("Ian Ivr");
        });
        assertThat(tracker.liveCalls()).isZero();
    }

    @Test
    void aCallerKnownOnlyAtHangupIsStillStored() {
        tracker.on(new ChannelCreated("p", t(0), "L1", "L1.1", "Local/1800@inbound-test-1;1", null, null, "1800"));
        tracker.on(new ChannelHungUp("p", t(2), "L1", "L1.1", "x", 16, "+12125550107", "Hal Hangup"));

        assertThat(contacts.get("L1").callerRaw()).isEqualTo("+12125550107");
        assertThat(contacts.get("L1").callerName()).isEqualTo("Hal Hangup");
    }

    @Test
    void theFirstCallerIdOfACallIsKept() {
        tracker.on(new ChannelCreated("p", t(0), "L1", "L1.1", "Local/1800@inbound-test-1;1", null, null, "1800"));
        tracker.on(new PbxEvent.CallerIdChanged("p", t(0), "L1", "L1.1", "x", "+12125550108", "First"));
        tracker.on(new PbxEvent.CallerIdChanged("p", t(1), "L1", "L1.3", "Local/a1@agents;1", "+12125550999", "Later"));
        tracker.on(new ChannelHungUp("p", t(2), "L1", "L1.1", "x", 16));

        assertThat(contacts.get("L1").callerRaw()).isEqualTo("+12125550108");
        assertThat(contacts.get("L1").callerName()).isEqualTo("First");
    }

    @Test
    void theAgentWhoAnswersGoesFromRingingStraightToOnCallAsTheRealPbxSendsIt() {
        CapturedEvents.translated("p", "pbx-captures/queue-answered.txt").forEach(tracker::on);

        assertThat(states).filteredOn(s -> s.agent().equals("Local/agent3@agents")).extracting(AgentStateChange::state)
                .containsExactly(AgentState.READY, AgentState.RINGING, AgentState.ON_CALL, AgentState.AFTER_CALL_WORK);
        assertThat(contacts.values()).singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED));
    }

    @Test
    void anotherAgentRungForTheSameCallStopsRingingWhenOneAnswers() {
        for (String agent : List.of("Local/a1@agents", "Local/a2@agents")) {
            tracker.on(new PbxEvent.MemberAdded("p", t(0), "q", agent, agent, false, ""));
        }
        tracker.on(new ChannelCreated("p", t(0), "L1", "L1.1", "Local/1800@hotline-1;1", "5550001", null, "1800"));
        tracker.on(new QueueJoined("p", t(1), "L1", "L1.1", "q", 1, "5550001", null));
        tracker.on(new PbxEvent.AgentRinging("p", t(1), "L1", "L1.1", "q", "Local/a1@agents", "A", "5550001"));
        tracker.on(new PbxEvent.AgentRinging("p", t(1), "L1", "L1.1", "q", "Local/a2@agents", "B", "5550001"));
        tracker.on(new AgentConnected("p", t(3), "L1", "L1.1", "q", "Local/a1@agents", "A", 2));

        assertThat(states).filteredOn(s -> s.agent().equals("Local/a1@agents")).extracting(AgentStateChange::state)
                .containsExactly(AgentState.READY, AgentState.RINGING, AgentState.ON_CALL);
        assertThat(states).filteredOn(s -> s.agent().equals("Local/a2@agents")).extracting(AgentStateChange::state)
                .containsExactly(AgentState.READY, AgentState.RINGING, AgentState.READY);
    }

    @Test
    void aCallersNumberIsParsedOnceThoughTheContactIsWrittenAtEveryEvent() {
        List<String> parsed = new ArrayList<>();
        CallTracker counting = new CallTracker(sink, Clock.fixed(T0, ZoneOffset.UTC), raw -> {
            parsed.add(raw);
            return "+1212" + raw;
        }, q -> QueueTiming.DEFAULT);
        counting.on(new ChannelCreated("p", t(0), "L1", "L1.1", "Local/1800@hotline-1;1", "5550001", null, "1800"));
        counting.on(new QueueJoined("p", t(1), "L1", "L1.1", "q", 1, "5550001", null));
        counting.on(new QueueLeft("p", t(3), "L1", "L1.1", "q"));
        counting.on(new AgentConnected("p", t(3), "L1", "L1.1", "q", "Local/a1@agents", "A", 2));
        assertThat(parsed).containsExactly("5550001");
        assertThat(contacts.get("L1").callerE164()).isEqualTo("+12125550001");
    }

    @Test
    void aCallerWhoTimesOutIsNoLongerWaitingAndWaitsAgainOnRejoiningTheSameQueue() {
        tracker.on(new ChannelCreated("p", t(0), "L9", "L9.1", "Local/1800@hotline-1;1", "5550009", null, "1800"));
        tracker.on(new QueueJoined("p", t(1), "L9", "L9.1", "q", 1, "5550009", null));
        assertThat(tracker.waiting()).singleElement().satisfies(w -> assertThat(w.queuedAt()).isEqualTo(t(1)));

        tracker.on(new QueueLeft("p", t(31), "L9", "L9.1", "q")); // Queue() timed out: the dialplan offers a callback
        assertThat(tracker.waiting()).isEmpty();
        tracker.on(new QueueJoined("p", t(1), "L9", "L9.1", "q", 1, "5550009", null)); // a replay of the first join
        assertThat(tracker.waiting()).isEmpty();

        tracker.on(new QueueJoined("p", t(40), "L9", "L9.1", "q", 1, "5550009", null)); // "press 1 to keep waiting"
        assertThat(tracker.waiting()).singleElement().satisfies(w -> assertThat(w.queuedAt()).isEqualTo(t(40)));
        assertThat(segments.stream().filter(s -> s.kind() == SegmentKind.QUEUE).map(SegmentRecord::startedAt)
                .distinct()).containsExactly(t(1), t(40));
    }

    @Test
    void appQueuesAbandonOfATimedOutCallerBecomesATimeoutWhenTheCallGoesOn() {
        for (String id : java.util.List.of("T1", "T2")) {
            tracker.on(new ChannelCreated("p", t(0), id, id + ".1", "Local/1800@inbound-test-" + id + ";2",
                    "+12125550160", null, "1800"));
            tracker.on(new QueueJoined("p", t(1), id, id + ".1", "q", 1, "+12125550160", null));
            // Asterisk 22 sends QueueCallerAbandon for a Queue() timeout too (queue_log EXITWITHTIMEOUT)
            tracker.on(new PbxEvent.QueueAbandoned("p", t(61), id, id + ".1", "q", 1, 1, 60));
            tracker.on(new QueueLeft("p", t(61), id, id + ".1", "q"));
        }
        // hung up: gone at once; timed out: on to voicemail for a while
        tracker.on(new ChannelHungUp("p", t(61).plusMillis(40), "T1", "T1.1", "x", 16));
        tracker.on(new ChannelHungUp("p", t(75), "T2", "T2.1", "x", 16));
        assertThat(contacts.get("T1").outcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(contacts.get("T2").outcome()).isEqualTo(Outcome.TIMEOUT);
    }

    @Test
    void aCallerWithdrawnForTheCallbackOfferIsNoAbandonAndEndsAsACallbackOrRejoinsWithTheirFirstWait() {
        for (String id : java.util.List.of("V1", "V2", "V3")) {
            tracker.on(new ChannelCreated("p", t(0), id, id + ".1", "Local/1800@inbound-test-" + id + ";2",
                    "+12125550160", null, "1800"));
            tracker.on(new QueueJoined("p", t(1), id, id + ".1", "q", 1, "+12125550160", null));
        }
        assertThat(tracker.waiting()).extracting(WaitingCall::channel).contains("Local/1800@inbound-test-V1;2");
        for (String id : java.util.List.of("V1", "V2", "V3")) { // aftercare withdraws them; app_queue says abandon
            tracker.on(new PbxEvent.QueueWithdrawSent("p", t(31), id, id + ".1", "q"));
            tracker.on(new PbxEvent.QueueAbandoned("p", t(31), id, id + ".1", "q", 1, 1, 30));
            tracker.on(new QueueLeft("p", t(31), id, id + ".1", "q"));
        }
        assertThat(tracker.waiting()).isEmpty();

        tracker.on(new PbxEvent.CallbackTaken("p", t(36), "V1", "V1.1", 7)); // pressed 1
        tracker.on(new ChannelHungUp("p", t(40), "V1", "V1.1", "x", 16));
        assertThat(contacts.get("V1").outcome()).isEqualTo(Outcome.CALLBACK);

        tracker.on(new ChannelHungUp("p", t(38), "V2", "V2.1", "x", 16)); // hung up while hearing the offer
        assertThat(contacts.get("V2").outcome()).isEqualTo(Outcome.ABANDONED);

        tracker.on(new QueueJoined("p", t(42), "V3", "V3.1", "q", 1, "+12125550160", null)); // kept waiting
        assertThat(tracker.waiting()).singleElement().satisfies(w -> assertThat(w.queuedAt()).isEqualTo(t(1)));
    }

    @Test
    void aCallAnsweredThenTransferredToAQueueAndAbandonedThereCountsAsAnswered() {
        answeredCall("L8", 0);
        tracker.on(new AgentCompleted("p", t(20), "L8", "L8.1", "q", "Local/a1@agents", "A", "transfer", 17, 3));
        tracker.on(new QueueJoined("p", t(20), "L8", "L8.1", "q2", 1, "5550001", null));
        tracker.on(new PbxEvent.QueueAbandoned("p", t(50), "L8", "L8.1", "q2", 1, 1, 30));
        tracker.on(new ChannelHungUp("p", t(50), "L8", "L8.1", "x", 16));

        assertThat(contacts.get("L8").outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(contacts.get("L8").answeredBy()).isEqualTo("Local/a1@agents");
    }

    @Test
    void duplicateEventsCountOneCallAndOneTalkSegment() {
        answeredCall("L1", 0);
        answeredCall("L1", 0); // the whole call start delivered twice
        var complete = new AgentCompleted("p", t(10), "L1", "L1.1", "q", "Local/a1@agents", "A", "agent", 7, 2);
        tracker.on(complete);
        tracker.on(complete);
        tracker.on(new ChannelHungUp("p", t(10), "L1", "L1.1", "x", 16));
        tracker.on(new ChannelHungUp("p", t(10), "L1", "L1.1", "x", 16));

        assertThat(contacts).hasSize(1);
        assertThat(contacts.get("L1").outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(segments.stream().filter(s -> s.kind() == SegmentKind.TALK && s.endedAt() != null))
                .singleElement().satisfies(s -> assertThat(s.duration()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(tracker.liveCalls()).isZero();
    }

    @Test
    void hangupWithoutNewchannelAndLeaveWithoutJoinDoNotBreakTracking() {
        tracker.on(new ChannelHungUp("p", t(0), "ghost", "ghost.1", "x", 16));
        assertThat(contacts).isEmpty();

        tracker.on(new QueueLeft("p", t(1), "L2", "L2.1", "q"));
        tracker.on(new ChannelHungUp("p", t(2), "L2", "L2.1", "x", 16));
        assertThat(contacts.get("L2").outcome()).isEqualTo(Outcome.IVR);
        assertThat(contacts.get("L2").queue()).isEqualTo("q");
    }

    /** A survey call as Asterisk 22 places an Originate with ChannelId {@code id} to a Local channel. */
    void surveyRinging(String id, double at) {
        tracker.on(new PbxEvent.OriginateSent("p", t(at), id, "Local/5551234567@customers", ContactKind.SURVEY));
        tracker.on(new ChannelCreated("p", t(at), id, id, "Local/5551234567@customers-00000002;1", null, null,
                "5551234567"));
        tracker.on(new ChannelCreated("p", t(at), id, id + ";2", "Local/5551234567@customers-00000002;2", null,
                null, "5551234567"));
    }

    void hangUp(String linkedId, double at, String... uniqueIds) {
        for (String uid : uniqueIds) {
            tracker.on(new ChannelHungUp("p", t(at), linkedId, uid, "x", 16));
        }
    }

    @Test
    void aSurveyAftercareOriginatedIsAnOutboundContactAnsweredWhenItsOriginateResponseSaysSo() {
        surveyRinging("survey-42-1", 0);
        tracker.on(new PbxEvent.OriginateResult("p", t(2), "survey-42-1", 4, "survey-42-1",
                "Local/5551234567@customers-00000002;1"));
        assertThat(contacts.get("survey-42-1").outcome()).isEqualTo(Outcome.OPEN);
        assertThat(contacts.get("survey-42-1").answeredAt()).isEqualTo(t(2));
        hangUp("survey-42-1", 30, "survey-42-1", "survey-42-1;2");

        assertThat(contacts).containsOnlyKeys("survey-42-1");
        ContactRecord survey = contacts.get("survey-42-1");
        assertThat(survey.kind()).isEqualTo(ContactKind.SURVEY);
        assertThat(survey.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(survey.enteredAt()).isEqualTo(t(0));
        assertThat(survey.endedAt()).isEqualTo(t(30));
        assertThat(survey.queue()).isNull();
        assertThat(tracker.liveCalls()).isZero();
    }

    @Test
    void anUnansweredSurveyTakesItsOutcomeFromTheOriginateResponseReason() {
        Map<Integer, Outcome> byReason = Map.of(5, Outcome.BUSY, 3, Outcome.NO_ANSWER, 1, Outcome.NO_ANSWER,
                8, Outcome.FAILED, 0, Outcome.FAILED);
        int job = 50;
        for (var reason : byReason.entrySet()) {
            String id = "survey-" + ++job + "-2";
            surveyRinging(id, job);
            tracker.on(new PbxEvent.OriginateResult("p", t(job + 1), id, reason.getKey(), id,
                    "Local/5551234567@customers"));
            hangUp(id, job + 1, id, id + ";2");
            assertThat(contacts.get(id)).as("Reason %d", reason.getKey()).satisfies(c -> {
                assertThat(c.kind()).isEqualTo(ContactKind.SURVEY);
                assertThat(c.outcome()).isEqualTo(reason.getValue());
                assertThat(c.answeredAt()).isNull();
            });
        }
        assertThat(tracker.liveCalls()).isZero();
    }

    @Test
    void anOriginateResponseAfterTheLastHangupStillGivesTheOutcomeAndTheHangupCauseStandsInMeanwhile() {
        // Busy(5) on the real PBX: both legs hang up (the callee's with cause 17) before the OriginateResponse
        surveyRinging("survey-2-1", 0);
        tracker.on(new ChannelHungUp("p", t(5), "survey-2-1", "survey-2-1;2", "x", 17));
        tracker.on(new ChannelHungUp("p", t(5), "survey-2-1", "survey-2-1", "x", 0));
        assertThat(contacts.get("survey-2-1").outcome()).isEqualTo(Outcome.BUSY);
        // a callee that hangs up while it rings says nothing in its causes: the OriginateResponse does
        surveyRinging("survey-3-1", 10);
        hangUp("survey-3-1", 12, "survey-3-1;2", "survey-3-1");
        assertThat(contacts.get("survey-3-1").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(tracker.liveCalls()).isZero();

        tracker.on(new PbxEvent.OriginateResult("p", t(5.1), "survey-2-1", 5, "survey-2-1",
                "Local/5551234567@customers"));
        tracker.on(new PbxEvent.OriginateResult("p", t(12.1), "survey-3-1", 1, "survey-3-1",
                "Local/5551234567@customers"));
        assertThat(contacts.get("survey-2-1").outcome()).isEqualTo(Outcome.BUSY);
        assertThat(contacts.get("survey-2-1").endedAt()).isEqualTo(t(5));
        assertThat(contacts.get("survey-3-1").outcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(contacts.get("survey-3-1").endedAt()).isEqualTo(t(12));
        assertThat(tracker.liveCalls()).isZero();
    }

    @Test
    void aCallAftercarePlacedKeepsNoCallerIdOfAftercaresOwn() {
        surveyRinging("survey-48-1", 0);
        tracker.on(new PbxEvent.CallerIdChanged("p", t(0), "survey-48-1", "survey-48-1", "x", "1800", "Aftercare"));
        tracker.on(new ChannelHungUp("p", t(3), "survey-48-1", "survey-48-1", "x", 16, "1800", "Aftercare"));
        hangUp("survey-48-1", 3, "survey-48-1;2");

        assertThat(contacts.get("survey-48-1").callerRaw()).isNull();
        assertThat(contacts.get("survey-48-1").callerName()).isNull();
    }

    @Test
    void anOriginateThePbxCouldNotPlaceIsAFailedOutboundContactOfItsOwn() {
        tracker.on(new PbxEvent.OriginateSent("p", t(0), "survey-47-1", "Foo/bar", ContactKind.SURVEY));
        tracker.on(new PbxEvent.OriginateResult("p", t(0.1), "survey-47-1", 0, "survey-47-1", "Foo/bar"));
        tracker.on(new PbxEvent.OriginateResult("p", t(0.1), "survey-47-1", 0, "survey-47-1", "Foo/bar"));

        assertThat(contacts).containsOnlyKeys("survey-47-1");
        assertThat(contacts.get("survey-47-1")).satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ContactKind.SURVEY);
            assertThat(c.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(c.endedAt()).isEqualTo(t(0.1));
        });
        assertThat(tracker.liveCalls()).isZero();
    }

    @Test
    void anotherClientsOriginateIsAnInboundCallAndItsOriginateResponseIsNotOurs() {
        // the harness places callers with Originate too; every AMI session hears every OriginateResponse, and
        // asterisk-java passes on the ActionID of its own actions only
        tracker.on(new ChannelCreated("p", t(0), "1795.1", "1795.1", "Local/1800@inbound-test-00000001;1",
                "2125550101", null, "1800"));
        tracker.on(new PbxEvent.OriginateResult("p", t(1), "", 4, "1795.1", "Local/1800@inbound-test-00000001;1"));
        tracker.on(new PbxEvent.OriginateResult("p", t(1), "", 5, "", "Local/1800@inbound-test"));
        tracker.on(new QueueJoined("p", t(2), "1795.1", "1795.1", "q", 1, "2125550101", null));
        assertThat(tracker.waiting()).hasSize(1);
        hangUp("1795.1", 9, "1795.1");

        assertThat(contacts.get("1795.1").kind()).isEqualTo(ContactKind.INBOUND);
        assertThat(contacts.get("1795.1").outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(contacts.get("1795.1").answeredAt()).isNull();
    }

    @Test
    void aSurveyIsKnownByItsIdAfterARestartAndNeverWaitsInAQueue() {
        // no OriginateSent: the Originate was sent by the previous run; the PBX's channel list names the call
        tracker.on(new PbxEvent.Resynced("p", t(10), List.of(new PbxEvent.ChannelSnapshot("survey-9-2",
                "survey-9-2", "Local/5550000@customers-00000001;1", "AppDial2", 3, "")), List.of()));
        tracker.on(new QueueJoined("p", t(11), "survey-9-2", "survey-9-2", "q", 1, "", null)); // a callback queues
        assertThat(tracker.waiting()).isEmpty();
        tracker.on(new PbxEvent.OriginateResult("p", t(12), "survey-9-2", 5, "survey-9-2", "Local/5550000@customers"));
        hangUp("survey-9-2", 12, "survey-9-2");

        assertThat(contacts.get("survey-9-2").kind()).isEqualTo(ContactKind.SURVEY);
        assertThat(contacts.get("survey-9-2").outcome()).isEqualTo(Outcome.BUSY);
    }

    @Test
    void holdSplitsTalkAndDurationsNeverGoNegativeWhenThePbxClockJumpsBack() {
        answeredCall("L3", 0);
        tracker.on(new HoldStarted("p", t(5), "L3", "L3.1", "x"));
        tracker.on(new HoldEnded("p", t(2), "L3", "L3.1", "x")); // clock jumped back 3 s
        tracker.on(new AgentCompleted("p", t(9), "L3", "L3.1", "q", "Local/a1@agents", "A", "caller", 6, 2));
        tracker.on(new ChannelHungUp("p", t(9), "L3", "L3.1", "x", 16));

        assertThat(segments).allMatch(s -> !s.duration().isNegative());
        assertThat(segments.stream().filter(s -> s.kind() == SegmentKind.HOLD && s.endedAt() != null))
                .singleElement().satisfies(s -> assertThat(s.duration()).isZero());
        assertThat(segments).anyMatch(s -> s.kind() == SegmentKind.WRAPUP && s.agent().equals("Local/a1@agents"));
    }

    @Test
    void reconnectClosesCallsThatEndedWhileAwayAsLostTrackOnceAndKeepsLiveOnes() {
        answeredCall("gone", 0);
        answeredCall("still", 0);
        tracker.on(new PbxEvent.LinkChanged("p", t(20), false));
        tracker.on(new PbxEvent.LinkChanged("p", t(30), true));
        tracker.on(new PbxEvent.Resynced("p", t(30),
                List.of(new PbxEvent.ChannelSnapshot("still", "still.1", "x", "Queue", 30, "5550001")), List.of()));

        assertThat(contacts.get("gone").lostTrack()).isTrue();
        assertThat(contacts.get("gone").endedAt()).isEqualTo(t(3)); // its last known time
        assertThat(contacts.get("gone").outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(contacts.get("still").endedAt()).isNull();

        tracker.on(new ChannelHungUp("p", t(31), "gone", "gone.1", "x", 16)); // late event: not counted again
        assertThat(contacts.get("gone").endedAt()).isEqualTo(t(3));
        assertThat(tracker.liveCalls()).isEqualTo(1);
    }

    static PbxEvent.ChannelsListed listing(double at, String... linkedIds) {
        List<PbxEvent.ChannelSnapshot> up = new ArrayList<>();
        for (String id : linkedIds) {
            up.add(new PbxEvent.ChannelSnapshot(id, id + ".1", "x", "Queue", 60, "5550001"));
        }
        return new PbxEvent.ChannelsListed("p", t(at), up);
    }

    void channelCheck(double at, String... listed) {
        tracker.on(new PbxEvent.ChannelsRequested("p", t(at)));
        tracker.on(listing(at, listed));
    }

    @Test
    void aCallWhoseHangupWasLostEndsAsLostTrackWhenTwoChannelChecksInARowDoNotListIt() {
        answeredCall("lost", 0);
        answeredCall("kept", 0);
        channelCheck(60, "kept");
        assertThat(contacts.get("lost").endedAt()).isNull(); // its Hangup may still be on its way

        channelCheck(120, "kept");
        ContactRecord lost = contacts.get("lost");
        assertThat(lost.lostTrack()).isTrue();
        assertThat(lost.outcome()).isEqualTo(Outcome.ANSWERED); // answered: only its end went unseen
        assertThat(lost.endedAt()).isEqualTo(t(3)); // its last known time, never a guessed duration
        assertThat(segments).filteredOn(s -> s.linkedId().equals("lost") && s.kind() == SegmentKind.TALK
                && s.endedAt() != null).singleElement().satisfies(s -> assertThat(s.endedAt()).isEqualTo(t(3)));
        assertThat(segments).noneMatch(s -> s.kind() == SegmentKind.WRAPUP); // no after-call work from a guess
        assertThat(contacts.get("kept").endedAt()).isNull();
        assertThat(tracker.liveCalls()).isEqualTo(1);

        tracker.on(new ChannelHungUp("p", t(130), "lost", "lost.1", "x", 16)); // a very late Hangup changes nothing
        assertThat(contacts.get("lost")).isEqualTo(lost);
    }

    @Test
    void theAgentOfACallTheChannelCheckClosesIsReadyAgainWithoutAfterCallWork() {
        tracker.on(new PbxEvent.MemberAdded("p", t(0), "q", "Local/a1@agents", "A", false, ""));
        answeredCall("lost", 0);
        channelCheck(60);
        channelCheck(120);

        assertThat(states).extracting(AgentStateChange::state)
                .containsExactly(AgentState.READY, AgentState.ON_CALL, AgentState.READY);
        assertThat(states.get(2).at()).isEqualTo(t(3));
        assertThat(segments).noneMatch(s -> s.kind() == SegmentKind.WRAPUP);
    }

    @Test
    void aHangupArrivingJustAfterTheChannelListEndsTheCallNormally() {
        answeredCall("late", 0);
        channelCheck(60); // the PBX had already hung up; its Hangup comes by another thread
        tracker.on(new ChannelHungUp("p", t(59), "late", "late.1", "x", 16));
        channelCheck(120);

        assertThat(contacts.get("late").lostTrack()).isFalse();
        assertThat(contacts.get("late").endedAt()).isEqualTo(t(59));
    }

    @Test
    void aCallThatStartsWhileTheListIsAskedForIsNotJudgedByIt() {
        tracker.on(new PbxEvent.ChannelsRequested("p", t(60)));
        answeredCall("new", 60);
        tracker.on(listing(60));
        channelCheck(120, "new");
        channelCheck(180, "new");

        assertThat(contacts.get("new").endedAt()).isNull();
        assertThat(tracker.liveCalls()).isEqualTo(1);
    }

    @Test
    void aReconnectBetweenTwoChannelChecksStartsTheCountAgain() {
        answeredCall("gone", 0);
        channelCheck(60);
        tracker.on(new PbxEvent.LinkChanged("p", t(70), false));
        tracker.on(new PbxEvent.LinkChanged("p", t(71), true));
        tracker.on(new PbxEvent.Resynced("p", t(71), List.of(
                new PbxEvent.ChannelSnapshot("gone", "gone.1", "x", "Queue", 70, "5550001")), List.of()));
        channelCheck(120);
        assertThat(contacts.get("gone").endedAt()).isNull();

        channelCheck(180);
        assertThat(contacts.get("gone").lostTrack()).isTrue();
    }

    /** A call a previous run stored as open: queued at {@code queued}, answered by {@code agent} when not null. */
    static ContactRecord stored(String linkedId, double queued, String agent) {
        Instant answered = agent == null ? null : t(queued + 4);
        return new ContactRecord("p", linkedId, "5550001", "+15550001", null, "q", agent, t(queued - 5), t(queued),
                answered, answered, null, Outcome.OPEN, false, agent == null ? null : 4, null, ContactKind.INBOUND);
    }

    static SegmentRecord open(String linkedId, SegmentKind kind, String agent, double at) {
        return new SegmentRecord("p", linkedId, kind, agent, "q", t(at), null);
    }

    static PbxEvent.Resynced channelsUp(double at, String... linkedIds) {
        List<PbxEvent.ChannelSnapshot> up = new ArrayList<>();
        for (String id : linkedIds) {
            up.add(new PbxEvent.ChannelSnapshot(id, id + ".1", "x", "Queue", 60, "5550001"));
            up.add(new PbxEvent.ChannelSnapshot(id, id + ".2", "Local/a1@agents;1", "AppQueue", 50, "5550001"));
        }
        return new PbxEvent.Resynced("p", t(at), up, List.of(
                new PbxEvent.MemberStatus("p", t(at), "q", "Local/a1@agents", "A", 1, false, "", false, true),
                new PbxEvent.MemberStatus("p", t(at), "q", "Local/a2@agents", "B", 1, false, "", false, true)));
    }

    void restorePreviousRun() {
        tracker.restore(List.of(stored("waits", 0, null), stored("talks", 10, "Local/a1@agents"),
                        stored("waited", 20, null), stored("talked", 30, "Local/a2@agents")),
                List.of(open("waits", SegmentKind.QUEUE, "", 0), open("talks", SegmentKind.TALK, "Local/a1@agents", 14),
                        open("waited", SegmentKind.QUEUE, "", 20), open("waited", SegmentKind.RING, "Local/a2@agents", 22),
                        open("talked", SegmentKind.HOLD, "Local/a2@agents", 40)),
                Set.of("p"));
    }

    @Test
    void aPreviousRunsCallsThePbxNoLongerHasEndAsLostTrackAndTheOthersAreTrackedOn() {
        restorePreviousRun();
        assertThat(tracker.liveCalls()).isEqualTo(4);
        assertThat(tracker.waiting()).isEmpty(); // not before the PBX says which are still there
        assertThat(contacts).isEmpty();

        tracker.on(new PbxEvent.LinkChanged("p", t(100), true));
        tracker.on(channelsUp(100, "waits", "talks"));

        ContactRecord waited = contacts.get("waited");
        assertThat(waited.outcome()).isEqualTo(Outcome.LOST_TRACK);
        assertThat(waited.lostTrack()).isTrue();
        assertThat(waited.endedAt()).isEqualTo(t(22)); // its last known time, not the restart's
        assertThat(waited.callerE164()).isEqualTo("+15550001");
        ContactRecord talked = contacts.get("talked");
        assertThat(talked.outcome()).isEqualTo(Outcome.ANSWERED); // it was answered: only its end was not seen
        assertThat(talked.lostTrack()).isTrue();
        assertThat(talked.endedAt()).isEqualTo(t(40));
        assertThat(segments).filteredOn(s -> s.linkedId().equals("waited") || s.linkedId().equals("talked"))
                .hasSize(3).allSatisfy(s -> assertThat(s.endedAt()).isNotNull());
        assertThat(segments).noneMatch(s -> s.kind() == SegmentKind.WRAPUP); // no after-call work for a lost call
        assertThat(states).noneMatch(c -> c.agent().equals("Local/a2@agents") && c.state() != AgentState.READY);

        assertThat(contacts).doesNotContainKeys("waits", "talks");
        assertThat(tracker.waiting()).singleElement().satisfies(w -> {
            assertThat(w.linkedId()).isEqualTo("waits");
            assertThat(w.queuedAt()).isEqualTo(t(0));
        });
        assertThat(tracker.agents().views()).filteredOn(v -> v.agent().equals("Local/a1@agents")).singleElement()
                .satisfies(v -> assertThat(v.state()).isEqualTo(AgentState.ON_CALL));

        tracker.on(new ChannelHungUp("p", t(101), "talks", "talks.2", "Local/a1@agents;1", 16)); // one leg of two
        assertThat(contacts.get("talks").endedAt()).isNull();
        tracker.on(new AgentCompleted("p", t(102), "talks", "talks.1", "q", "Local/a1@agents", "A", "caller", 4, 88));
        tracker.on(new ChannelHungUp("p", t(102), "talks", "talks.1", "x", 16));
        ContactRecord talks = contacts.get("talks");
        assertThat(talks.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(talks.lostTrack()).isFalse();
        assertThat(talks.endedAt()).isEqualTo(t(102));
        assertThat(segments).filteredOn(s -> s.linkedId().equals("talks") && s.kind() == SegmentKind.TALK)
                .singleElement().satisfies(s -> assertThat(s.duration()).isEqualTo(Duration.ofSeconds(88)));
        assertThat(segments).anyMatch(s -> s.linkedId().equals("talks") && s.kind() == SegmentKind.WRAPUP);
        assertThat(tracker.liveCalls()).isEqualTo(1);
    }

    @Test
    void aPreviousRunsCallIsTakenBackByItsOwnEventBeforeTheChannelList() {
        restorePreviousRun();
        tracker.on(new QueueLeft("p", t(61), "waits", "waits.1", "q"));
        tracker.on(new AgentConnected("p", t(61), "waits", "waits.1", "q", "Local/a2@agents", "B", 61));
        assertThat(contacts.get("waits").answeredAt()).isEqualTo(t(61));
        assertThat(tracker.agents().views()).filteredOn(v -> v.agent().equals("Local/a2@agents")).singleElement()
                .satisfies(v -> assertThat(v.linkedId()).isEqualTo("waits"));

        tracker.on(new PbxEvent.LinkChanged("p", t(62), true));
        tracker.on(channelsUp(62, "waits"));
        assertThat(contacts.get("waits").endedAt()).isNull();
        assertThat(contacts.get("talks").outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(contacts.get("talks").lostTrack()).isTrue();
    }

    @Test
    void aPreviousRunsCallOfAPbxNoLongerConfiguredEndsAsLostTrackAtOnce() {
        tracker.restore(List.of(stored("elsewhere", 0, null)), List.of(open("elsewhere", SegmentKind.QUEUE, "", 0)),
                Set.of("other"));
        assertThat(contacts.get("elsewhere").outcome()).isEqualTo(Outcome.LOST_TRACK);
        assertThat(segments).singleElement().satisfies(s -> assertThat(s.endedAt()).isEqualTo(t(0)));
        assertThat(tracker.liveCalls()).isZero();
        tracker.on(new ChannelHungUp("p", t(5), "elsewhere", "elsewhere.1", "x", 16));
        assertThat(contacts.get("elsewhere").endedAt()).isEqualTo(t(0));
    }

    @Test
    void aBurstOfManyCallsEndsWithNothingLive() {
        for (int i = 0; i < 20_000; i++) {
            answeredCall("B" + i, i);
            tracker.on(new AgentCompleted("p", t(i + 5), "B" + i, "B" + i + ".1", "q", "Local/a1@agents", "A",
                    "agent", 2, 2));
            tracker.on(new ChannelHungUp("p", t(i + 5), "B" + i, "B" + i + ".1", "x", 16));
        }
        assertThat(tracker.liveCalls()).isZero();
        assertThat(contacts).hasSize(20_000).allSatisfy((k, c) -> assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED));
    }

    static final String OWNER = "Local/owner@agents";

    /** A call whose dialplan Dial()s the agent OWNER from the caller's channel {@code L.1} at 2 s. */
    void ownerRung(String linkedId, boolean routedToQueue) {
        tracker.agentInterfaces(Set.of(OWNER));
        if (routedToQueue) { // the route rings only an owner logged in to the queue
            tracker.on(new PbxEvent.MemberAdded("p", t(0), "q", OWNER, "Owner", false, ""));
            tracker.ringsFirst("p", linkedId, "q", OWNER);
        }
        tracker.on(new ChannelCreated("p", t(0), linkedId, linkedId + ".0", "Local/1800@in-1;1", null, null, "1800"));
        tracker.on(new ChannelCreated("p", t(0), linkedId, linkedId + ".1", "Local/1800@in-1;2", null, null, "1800"));
        tracker.on(new PbxEvent.DialStarted("p", t(2), linkedId, linkedId + ".1", linkedId + ".2",
                OWNER + "-00000001;1", OWNER, "5550001", "Otto"));
    }

    void ownerAnswersAt(String linkedId, double at) {
        tracker.on(new PbxEvent.DialEnded("p", t(at), linkedId, linkedId + ".1", linkedId + ".2", OWNER, "ANSWER"));
        tracker.on(new PbxEvent.BridgeChanged("p", t(at), linkedId, linkedId + ".2", "x", "b1", true));
    }

    void hungUp(String linkedId, double at, String... uniqueIds) {
        for (String uid : uniqueIds) {
            tracker.on(new ChannelHungUp("p", t(at), linkedId, linkedId + uid, "x", 16));
        }
    }

    @Test
    void preferredAgentWhoAnswersHandlesTheRoutesQueueCallWithTheRingAsItsWait() {
        ownerRung("D1", true);
        assertThat(tracker.waiting()).singleElement().satisfies(w -> assertThat(w.queuedAt()).isEqualTo(t(2)));
        ownerAnswersAt("D1", 5);
        tracker.on(new PbxEvent.BridgeChanged("p", t(12), "D1", "D1.2", "x", "b1", false)); // the owner hangs up
        assertThat(contacts.get("D1").endedAt()).isNull();
        hungUp("D1", 12, ".3", ".2", ".1", ".0");

        ContactRecord c = contacts.get("D1");
        assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.queue()).isEqualTo("q");
        assertThat(c.answeredBy()).isEqualTo(OWNER);
        assertThat(c.callerRaw()).isEqualTo("5550001");
        assertThat(c.callerName()).isEqualTo("Otto");
        assertThat(c.queuedAt()).isEqualTo(t(2));
        assertThat(c.answeredAt()).isEqualTo(t(5)).isEqualTo(c.dequeuedAt());
        assertThat(c.pbxWaitSeconds()).as("app_queue never reported a wait").isNull();
        assertThat(c.pbxTalkSeconds()).isNull();
        assertThat(segments.stream().filter(s -> s.endedAt() != null).map(s -> s.kind() + " " + s.agent() + " "
                + s.queue() + " " + s.startedAt() + "-" + s.endedAt())).containsExactly(
                "RING " + OWNER + " q " + t(2) + "-" + t(5), "TALK " + OWNER + " q " + t(5) + "-" + t(12));
        assertThat(segments).last().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SegmentKind.WRAPUP);
            assertThat(s.startedAt()).isEqualTo(t(12));
        });
        assertThat(states).filteredOn(s -> s.agent().equals(OWNER)).extracting(AgentStateChange::state)
                .containsExactly(AgentState.READY, AgentState.RINGING, AgentState.ON_CALL, AgentState.AFTER_CALL_WORK);
    }

    /** The agent's decisions since the last call, without the state changes and call records. */
    List<TrackingEvent> agentDecisions() {
        return tracker.takeDecisions().stream().filter(d -> d instanceof TrackingEvent.AgentDecision).toList();
    }

    @Test
    void preferredAgentsDialIsDecidedAsAQueueCallWouldBe() {
        tracker.agents().on(new PbxEvent.MemberAdded("p", t(0), "q", OWNER, "Owner", false, ""));
        agentDecisions();
        ownerRung("D2", true);
        List<TrackingEvent> ringing = agentDecisions();
        ownerAnswersAt("D2", 5);
        List<TrackingEvent> connected = agentDecisions();
        tracker.on(new ChannelHungUp("p", t(9), "D2", "D2.2", "x", 16)); // the agent's leg, without BridgeLeave
        List<TrackingEvent> completed = agentDecisions();

        assertThat(ringing).singleElement().isInstanceOfSatisfying(TrackingEvent.AgentOffered.class, r -> {
            assertThat(r.iface()).isEqualTo(OWNER);
            assertThat(r.queue()).isEqualTo("q");
            assertThat(r.callerUniqueId()).as("the channel the route ran on").isEqualTo("D2.1");
            assertThat(r.callerNum()).isEqualTo("5550001");
        });
        assertThat(connected).singleElement().isInstanceOfSatisfying(TrackingEvent.AgentAnswered.class, a -> {
            assertThat(a.iface()).isEqualTo(OWNER);
            assertThat(a.callerUniqueId()).isEqualTo("D2.1");
        });
        assertThat(completed).singleElement().isInstanceOfSatisfying(TrackingEvent.WrapupStarted.class, w -> {
            assertThat(w.iface()).isEqualTo(OWNER);
            assertThat(w.at()).isEqualTo(t(9));
            assertThat(w.pauseQueues()).containsExactly("q");
            assertThat(w.everyQueue()).isTrue();
        });
        assertThat(agentDecisions()).isEmpty();
    }

    @Test
    void anAgentCompleteThatNamesNoCallGivesItsTalkTimeToTheCallTheAgentAnsweredLast() {
        answeredCall("L8", 0);
        hungUp("L8", 20, ".1");
        assertThat(contacts.get("L8").pbxTalkSeconds()).isNull();
        // as app_queue sends it once the caller's channel is gone: no Linkedid, no Uniqueid
        tracker.on(new AgentCompleted("p", t(20.1), "", "", "q", "Local/a1@agents", "A", "caller", 17, 2));
        assertThat(contacts.get("L8").pbxTalkSeconds()).isEqualTo(17);
        assertThat(contacts.get("L8").outcome()).isEqualTo(Outcome.ANSWERED);
        tracker.on(new AgentCompleted("p", t(21), "", "", "q", "Local/a1@agents", "A", "caller", 99, 2));
        assertThat(contacts.get("L8").pbxTalkSeconds()).as("taken once").isEqualTo(17);
    }

    @Test
    void lateEventsOfAnEndedCallAreDecidedNothing() {
        answeredCall("L9", 0);
        hungUp("L9", 20, ".1", ".2");
        tracker.takeDecisions();
        tracker.on(new PbxEvent.AgentRinging("p", t(21), "L9", "L9.1", "q", "Local/a2@agents", "B", "5550001"));
        tracker.on(new AgentConnected("p", t(21), "L9", "L9.1", "q", "Local/a2@agents", "B", 2));
        assertThat(tracker.takeDecisions()).isEmpty();
    }

    @Test
    void preferredAgentWhoDoesNotAnswerHandsOverToTheQueueInOneContactWaitingSinceTheRing() {
        ownerRung("D3", true);
        tracker.on(new PbxEvent.DialEnded("p", t(22), "D3", "D3.1", "D3.2", OWNER, "NOANSWER"));
        hungUp("D3", 22, ".2", ".3");
        tracker.on(new QueueJoined("p", t(22), "D3", "D3.1", "q", 1, "5550001", null));
        assertThat(tracker.waiting()).singleElement().satisfies(w -> assertThat(w.queuedAt()).isEqualTo(t(2)));
        tracker.on(new PbxEvent.AgentRinging("p", t(22), "D3", "D3.1", "q", "Local/a1@agents", "A", "5550001"));
        tracker.on(new PbxEvent.DialStarted("p", t(22), "D3", "D3.1", "D3.4", "Local/a1@agents-00000002;1",
                "Local/a1@agents", "5550001", "Otto")); // app_queue's own dial of the member: AgentCalled told it
        tracker.on(new QueueLeft("p", t(30), "D3", "D3.1", "q"));
        tracker.on(new AgentConnected("p", t(30), "D3", "D3.1", "q", "Local/a1@agents", "A", 8));

        ContactRecord c = contacts.get("D3");
        assertThat(c.queuedAt()).isEqualTo(t(2));
        assertThat(c.answeredAt()).isEqualTo(t(30));
        assertThat(c.answeredBy()).isEqualTo("Local/a1@agents");
        assertThat(c.pbxWaitSeconds()).as("Asterisk's HoldTime: the queue's part").isEqualTo(8);
        assertThat(segments.stream().filter(s -> s.endedAt() != null || s.kind() == SegmentKind.TALK)
                .map(s -> s.kind() + " " + s.agent() + " " + s.startedAt())).containsExactly(
                "RING " + OWNER + " " + t(2), "QUEUE  " + t(22), "RING Local/a1@agents " + t(22),
                "TALK Local/a1@agents " + t(30));
        assertThat(states).filteredOn(s -> s.agent().equals(OWNER)).extracting(AgentStateChange::state)
                .containsExactly(AgentState.READY, AgentState.RINGING, AgentState.READY);
    }

    @Test
    void callerWhoHangsUpWhileThePreferredAgentRingsAbandonsTheQueueShortOrNot() {
        ownerRung("D4", true);
        tracker.on(new ChannelHungUp("p", t(4), "D4", "D4.0", "x", 16)); // Local ;1 first, as Asterisk does
        tracker.on(new PbxEvent.DialEnded("p", t(4), "D4", "D4.1", "D4.2", OWNER, "CANCEL"));
        hungUp("D4", 4, ".2", ".3", ".1");
        ownerRung("D5", true);
        tracker.on(new PbxEvent.DialEnded("p", t(12), "D5", "D5.1", "D5.2", OWNER, "CANCEL"));
        hungUp("D5", 12, ".0", ".2", ".3", ".1");

        assertThat(contacts.get("D4").outcome()).isEqualTo(Outcome.SHORT_ABANDON); // 2 s < 5 s
        assertThat(contacts.get("D5").outcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(contacts.get("D5").dequeuedAt()).isEqualTo(t(12));
        assertThat(contacts.get("D5").queue()).isEqualTo("q");
        assertThat(segments).filteredOn(s -> s.linkedId().equals("D5") && s.endedAt() != null).singleElement()
                .satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SegmentKind.RING);
            assertThat(s.endedAt()).isEqualTo(t(12));
        });
    }

    @Test
    void anAgentDialledWithoutTheRouteIsTrackedButOffersNoQueue() {
        ownerRung("D6", false);
        ownerAnswersAt("D6", 5);
        hungUp("D6", 9, ".2", ".3", ".1", ".0");

        ContactRecord c = contacts.get("D6");
        assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.answeredBy()).isEqualTo(OWNER);
        assertThat(c.queue()).isNull();
        assertThat(c.queuedAt()).as("not offered: in no queue figure").isNull();
        assertThat(segments).extracting(SegmentRecord::kind)
                .containsExactly(SegmentKind.RING, SegmentKind.RING, SegmentKind.TALK, SegmentKind.TALK,
                        SegmentKind.WRAPUP);
    }

    @Test
    void aDialToAnyoneButAnAgentAddsNothing() {
        tracker.on(new ChannelCreated("p", t(0), "D7", "D7.1", "Local/1800@in-1;2", "5550001", null, "1800"));
        tracker.on(new PbxEvent.DialStarted("p", t(1), "D7", "D7.1", "D7.2", "PJSIP/trunk-0000000a", "PJSIP/trunk",
                "5550001", null));
        tracker.on(new PbxEvent.DialEnded("p", t(3), "D7", "D7.1", "D7.2", "PJSIP/trunk", "ANSWER"));
        hungUp("D7", 9, ".2", ".1");

        assertThat(segments).isEmpty();
        assertThat(contacts.get("D7").outcome()).isEqualTo(Outcome.IVR);
        assertThat(agentDecisions()).isEmpty();
    }

    /**
     * Asterisk's events of a call answered in {@code first} by {@code a1} and moved at 3.05 s to {@code second},
     * where {@code a2} answers, as the real Asterisk 22 sent them (pbx-captures/transfer-*.txt, linkedid R or B).
     */
    void answeredThenMoved(String l, String first, String a1, String second, String a2) {
        tracker.on(new PbxEvent.MemberAdded("p", t(0), first, a1, "A1", false, ""));
        tracker.on(new PbxEvent.MemberAdded("p", t(0), second, a2, "A2", false, ""));
        tracker.on(new ChannelCreated("p", t(0), l, l + ".0", "Local/1850@inbound-test-00000003;1", "+1212", "T",
                "1850"));
        tracker.on(new ChannelCreated("p", t(0), l, l + ".1", "Local/1850@inbound-test-00000003;2", "+1212", "T",
                "1850"));
        queueAnswers(l, first, a1, ".2", "-00000004;1", 0.5, 0.5, "b1");
    }

    /** The caller's channel joins {@code queue} at {@code join}; {@code agent}'s leg answers at {@code answer}. */
    void queueAnswers(String l, String queue, String agent, String leg, String seq, double join, double answer,
                      String bridge) {
        tracker.on(new QueueJoined("p", t(join), l, l + ".1", queue, 1, "+1212", "T"));
        tracker.on(new ChannelCreated("p", t(join), l, l + leg, agent + seq, "", "", "s"));
        tracker.on(new PbxEvent.AgentRinging("p", t(join), l, l + ".1", queue, agent, "A", "+1212"));
        tracker.on(new QueueLeft("p", t(answer), l, l + ".1", queue));
        tracker.on(new AgentConnected("p", t(answer), l, l + ".1", queue, agent, "A", 0));
        tracker.on(new PbxEvent.BridgeChanged("p", t(answer), l, l + leg, agent + seq, bridge, true));
        tracker.on(new PbxEvent.BridgeChanged("p", t(answer), l, l + ".1", "Local/1850@inbound-test-00000003;2",
                bridge, true));
    }

    /** The caller's channel lands in {@code second} at 3.05 s, where {@code a2} answers; the caller hangs up at 6. */
    void secondQueueAnswersAndTheCallerHangsUp(String l, String second, String a2, List<PbxEvent> lateCompletes) {
        queueAnswers(l, second, a2, ".4", "-00000005;1", 3.05, 3.06, "b2");
        tracker.on(new ChannelHungUp("p", t(6), l, l + ".0", "Local/1850@inbound-test-00000003;1", 16));
        lateCompletes.forEach(tracker::on);
        tracker.on(new PbxEvent.BridgeChanged("p", t(6), l, l + ".1", "Local/1850@inbound-test-00000003;2", "b2",
                false));
        tracker.on(new ChannelHungUp("p", t(6), l, l + ".1", "Local/1850@inbound-test-00000003;2", 16));
        tracker.on(new PbxEvent.BridgeChanged("p", t(6), l, l + ".4", a2 + "-00000005;1", "b2", false));
        tracker.on(new ChannelHungUp("p", t(6), l, l + ".4", a2 + "-00000005;1", 16));
        tracker.on(new ChannelHungUp("p", t(6), l, l + ".5", a2 + "-00000005;2", 16));
    }

    List<String> closedSegments(String linkedId) {
        return segments.stream().filter(s -> s.linkedId().equals(linkedId) && s.endedAt() != null)
                .map(s -> s.kind() + " " + s.agent() + " " + s.queue() + " " + s.startedAt() + "-" + s.endedAt())
                .toList();
    }

    @Test
    void aCallerRedirectedToAnotherQueueKeepsItsFirstEntryAndTheFirstAgentsTalkEndsWhenTheirLegLeaves() {
        String a1 = "Local/agent1@agents";
        String a2 = "Local/agent2@agents";
        answeredThenMoved("R", "returns", a1, "technical", a2);
        // AMI Redirect of the caller's channel: both legs leave the bridge; app_queue says nothing of agent 1
        tracker.on(new PbxEvent.BridgeChanged("p", t(3.05), "R", "R.1", "Local/1850@inbound-test-00000003;2", "b1",
                false));
        tracker.on(new PbxEvent.BridgeChanged("p", t(3.05), "R", "R.2", a1 + "-00000004;1", "b1", false));
        tracker.on(new ChannelHungUp("p", t(3.05), "R", "R.2", a1 + "-00000004;1", 16));
        assertThat(states).filteredOn(s -> s.agent().equals(a1)).last().extracting(AgentStateChange::state)
                .isEqualTo(AgentState.AFTER_CALL_WORK);
        tracker.on(new ChannelHungUp("p", t(3.05), "R", "R.3", a1 + "-00000004;2", 16));
        secondQueueAnswersAndTheCallerHangsUp("R", "technical", a2, List.of( // agent 1's COMPLETECALLER comes late
                new AgentCompleted("p", t(6), "R", "R.1", "returns", a1, "A1", "caller", 6, 0),
                new AgentCompleted("p", t(6), "R", "R.1", "technical", a2, "A2", "caller", 3, 0)));

        ContactRecord c = contacts.get("R");
        assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.queue()).isEqualTo("returns");
        assertThat(c.queuedAt()).isEqualTo(t(0.5)).isEqualTo(c.answeredAt()).isEqualTo(c.dequeuedAt());
        assertThat(c.answeredBy()).isEqualTo(a1);
        assertThat(c.pbxWaitSeconds()).isZero();
        assertThat(c.pbxTalkSeconds()).as("agent 1's late TalkTime (6 s for 2.55 s) is not theirs").isNull();
        assertThat(closedSegments("R")).containsExactly(
                "QUEUE  returns " + t(0.5) + "-" + t(0.5),
                "RING " + a1 + " returns " + t(0.5) + "-" + t(0.5),
                "TALK " + a1 + " returns " + t(0.5) + "-" + t(3.05),
                "QUEUE  technical " + t(3.05) + "-" + t(3.06),
                "RING " + a2 + " technical " + t(3.05) + "-" + t(3.06),
                "TALK " + a2 + " technical " + t(3.06) + "-" + t(6));
        assertThat(segments).filteredOn(s -> s.kind() == SegmentKind.WRAPUP)
                .extracting(s -> s.agent() + " " + s.queue() + " " + s.startedAt())
                .containsExactly(a1 + " returns " + t(3.05), a2 + " technical " + t(6));
        assertThat(states).filteredOn(s -> s.agent().equals(a1)).extracting(AgentStateChange::state)
                .as("the late AgentComplete re-opens nothing").containsExactly(AgentState.READY, AgentState.RINGING,
                        AgentState.ON_CALL, AgentState.AFTER_CALL_WORK);
    }

    @Test
    void aCallerBlindTransferredByTheAgentKeepsItsFirstEntryAndTheFirstAgentsTalkTime() {
        String a3 = "Local/agent3@agents";
        String a4 = "Local/agent4@agents";
        answeredThenMoved("B", "onboarding", a3, "supervisors", a4);
        // AMI BlindTransfer of agent 3's channel: app_queue completes agent 3 (reason transfer) before their leg leaves
        tracker.on(new HoldEnded("p", t(3.04), "B", "B.2", a3 + "-00000004;1"));
        tracker.on(new AgentCompleted("p", t(3.05), "B", "B.1", "onboarding", a3, "A3", "transfer", 3, 0));
        tracker.on(new PbxEvent.BridgeChanged("p", t(3.05), "B", "B.2", a3 + "-00000004;1", "b1", false));
        tracker.on(new ChannelHungUp("p", t(3.05), "B", "B.2", a3 + "-00000004;1", 16));
        tracker.on(new ChannelHungUp("p", t(3.05), "B", "B.3", a3 + "-00000004;2", 16));
        tracker.on(new PbxEvent.BridgeChanged("p", t(3.05), "B", "B.1", "Local/1850@inbound-test-00000003;2", "b1",
                false));
        secondQueueAnswersAndTheCallerHangsUp("B", "supervisors", a4, List.of(
                new AgentCompleted("p", t(6), "B", "B.1", "supervisors", a4, "A4", "caller", 2, 0)));

        ContactRecord c = contacts.get("B");
        assertThat(c.queue()).isEqualTo("onboarding");
        assertThat(c.queuedAt()).isEqualTo(t(0.5)).isEqualTo(c.answeredAt());
        assertThat(c.answeredBy()).isEqualTo(a3);
        assertThat(c.pbxTalkSeconds()).as("the first agent's TalkTime").isEqualTo(3);
        assertThat(closedSegments("B")).filteredOn(s -> s.startsWith("TALK")).containsExactly(
                "TALK " + a3 + " onboarding " + t(0.5) + "-" + t(3.05),
                "TALK " + a4 + " supervisors " + t(3.06) + "-" + t(6));
        assertThat(closedSegments("B")).filteredOn(s -> s.startsWith("QUEUE")).containsExactly(
                "QUEUE  onboarding " + t(0.5) + "-" + t(0.5), "QUEUE  supervisors " + t(3.05) + "-" + t(3.06));
        assertThat(segments).filteredOn(s -> s.kind() == SegmentKind.WRAPUP).extracting(SegmentRecord::agent)
                .containsExactly(a3, a4);
        assertThat(tracker.liveCalls()).isZero();
    }

    /** The time of the first of {@code events} of {@code type} that {@code test} accepts. */
    static <E extends PbxEvent> Instant first(List<PbxEvent> events, Class<E> type, java.util.function.Predicate<E> test) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(test).findFirst().orElseThrow().at();
    }

    List<String> agentStates(String agent) {
        return states.stream().filter(s -> s.agent().equals(agent)).map(s -> s.state().code()).toList();
    }

    @Test
    void anAttendedTransfersFirstAgentHoldsThroughTheConsultationAndWrapsUpInTheirQueueWhenItCompletes() {
        String a5 = "Local/agent5@agents";
        String a6 = "Local/agent6@agents";
        List<PbxEvent> events = CapturedEvents.translated("p", "pbx-captures/transfer-attended.txt");
        events.forEach(tracker::on);

        Instant answered = first(events, AgentConnected.class, e -> e.iface().equals(a5));
        Instant held = first(events, HoldStarted.class, e -> true);
        Instant consulted = first(events, AgentConnected.class, e -> e.iface().equals(a6));
        Instant transferred = first(events, AgentCompleted.class, e -> e.reason().equals("transfer"));
        Instant ended = first(events, AgentCompleted.class, e -> e.iface().equals(a6));
        ContactRecord c = contacts.get("1796660303.0");
        assertThat(c.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(c.queue()).isEqualTo("repairs");
        assertThat(c.answeredBy()).isEqualTo(a5);
        assertThat(c.pbxTalkSeconds()).as("agent 5's TalkTime at the transfer: talk and hold").isEqualTo(8);
        assertThat(closedSegments(c.linkedId())).filteredOn(s -> !s.startsWith("QUEUE") && !s.startsWith("RING"))
                .containsExactly("TALK " + a5 + " repairs " + answered + "-" + held,
                        "HOLD " + a5 + " repairs " + held + "-" + transferred,
                        "TALK " + a6 + " vip " + consulted + "-" + ended);
        assertThat(segments).filteredOn(s -> s.kind() == SegmentKind.WRAPUP)
                .extracting(s -> s.agent() + " " + s.queue() + " " + s.startedAt())
                .containsExactly(a5 + " repairs " + transferred, a6 + " vip " + ended);
        assertThat(agentStates(a5)).containsExactly("ready", "ringing", "on_call", "on_hold", "after_call_work");
        assertThat(agentStates(a6)).containsSubsequence("ringing", "on_call", "after_call_work");
        assertThat(tracker.liveCalls()).isZero();
    }

    @Test
    void anAttendedTransferGivenUpGivesTheFirstAgentTheCallerBackAtTheirUnhold() {
        String a5 = "Local/agent5@agents";
        String a6 = "Local/agent6@agents";
        List<PbxEvent> events = CapturedEvents.translated("p", "pbx-captures/transfer-attended-given-up.txt");
        events.forEach(tracker::on);

        Instant answered = first(events, AgentConnected.class, e -> e.iface().equals(a5));
        Instant held = first(events, HoldStarted.class, e -> true);
        Instant back = first(events, HoldEnded.class, e -> true);
        Instant consulted = first(events, AgentConnected.class, e -> e.iface().equals(a6));
        Instant consultEnded = first(events, AgentCompleted.class, e -> e.iface().equals(a6));
        Instant ended = first(events, AgentCompleted.class, e -> e.iface().equals(a5));
        ContactRecord c = contacts.get("1796659474.0");
        assertThat(c.queue()).isEqualTo("repairs");
        assertThat(c.answeredBy()).isEqualTo(a5);
        assertThat(c.pbxTalkSeconds()).as("not transferred: agent 5's TalkTime to the end").isEqualTo(9);
        assertThat(closedSegments(c.linkedId())).filteredOn(s -> !s.startsWith("QUEUE") && !s.startsWith("RING"))
                .containsExactly("TALK " + a5 + " repairs " + answered + "-" + held,
                        "HOLD " + a5 + " repairs " + held + "-" + back,
                        "TALK " + a6 + " vip " + consulted + "-" + consultEnded,
                        "TALK " + a5 + " repairs " + back + "-" + ended);
        assertThat(segments).filteredOn(s -> s.kind() == SegmentKind.WRAPUP)
                .extracting(s -> s.agent() + " " + s.queue() + " " + s.startedAt())
                .containsExactly(a6 + " vip " + consultEnded, a5 + " repairs " + ended);
        assertThat(agentStates(a5)).containsSubsequence("on_call", "on_hold", "on_call", "after_call_work");
    }

    @Test
    void anAgentHoldingTheCallerAsTheRealPbxSignalsItIsOnHoldBetweenHoldAndUnhold() {
        String a7 = "Local/agent7@agents";
        List<PbxEvent> events = CapturedEvents.translated("p", "pbx-captures/hold.txt");
        events.forEach(tracker::on);

        Instant held = first(events, HoldStarted.class, e -> true);
        Instant back = first(events, HoldEnded.class, e -> true);
        assertThat(closedSegments("1796659979.10")).filteredOn(s -> s.startsWith("HOLD"))
                .containsExactly("HOLD " + a7 + " vip " + held + "-" + back);
        assertThat(agentStates(a7)).containsSubsequence("ringing", "on_call", "on_hold", "on_call",
                "after_call_work");
    }

    @Test
    void aCallAPbxRestartLostGivesItsAgentNoAfterCallWorkWhenThePbxListsThemInNoQueue() {
        tracker.on(new PbxEvent.MemberAdded("p", t(0), "q", "Local/a1@agents", "A", false, ""));
        answeredCall("crashed", 0);
        tracker.on(new PbxEvent.LinkChanged("p", t(20), false));
        tracker.on(new PbxEvent.LinkChanged("p", t(30), true));
        tracker.on(new PbxEvent.Resynced("p", t(30), List.of(), List.of())); // a fresh Asterisk: no calls, no members

        assertThat(contacts.get("crashed").lostTrack()).isTrue();
        assertThat(contacts.get("crashed").outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(segments).noneMatch(s -> s.kind() == SegmentKind.WRAPUP);
        assertThat(agentStates("Local/a1@agents")).containsExactly("ready", "on_call", "logged_out");
        tracker.on(new PbxEvent.MemberAdded("p", t(40), "q", "Local/a1@agents", "A", false, ""));
        assertThat(agentStates("Local/a1@agents")).last().isEqualTo("ready");
    }

    @Test
    void anAgentsLegIsTheirInterfaceWithAsterisksSequence() {
        assertThat(Contact.isLegOf("Local/agent1@agents-00000004;1", "Local/agent1@agents")).isTrue();
        assertThat(Contact.isLegOf("PJSIP/agent-two-0000001f", "PJSIP/agent-two")).isTrue();
        assertThat(Contact.isLegOf("PJSIP/agent2", "PJSIP/agent2")).isTrue();
        assertThat(Contact.isLegOf("PJSIP/agent-two-0000001f", "PJSIP/agent")).isFalse();
        assertThat(Contact.isLegOf("Local/1850@inbound-test-00000003;2", "Local/agent1@agents")).isFalse();
        assertThat(Contact.isLegOf("Local/agent1@agents-00000004;1", null)).isFalse();
    }

    @Test
    void aQueueAgentsLocalChannelOptimizingAwayLeavesTheirTalkRunning() {
        String a1 = "Local/agent1@agents";
        answeredThenMoved("O", "returns", a1, "technical", "Local/agent2@agents");
        tracker.on(new PbxEvent.BridgeChanged("p", t(1), "O", "O.6", "PJSIP/agent1-0000000a", "b1", true));
        tracker.on(new PbxEvent.BridgeChanged("p", t(1), "O", "O.2", a1 + "-00000004;1", "b1", false));
        tracker.on(new ChannelHungUp("p", t(1), "O", "O.2", a1 + "-00000004;1", 16));
        assertThat(states).filteredOn(s -> s.agent().equals(a1)).last().extracting(AgentStateChange::state)
                .isEqualTo(AgentState.ON_CALL);
        tracker.on(new AgentCompleted("p", t(9), "O", "O.1", "returns", a1, "A", "agent", 8, 0));

        assertThat(closedSegments("O")).filteredOn(s -> s.startsWith("TALK"))
                .containsExactly("TALK " + a1 + " returns " + t(0.5) + "-" + t(9));
        assertThat(contacts.get("O").pbxTalkSeconds()).isEqualTo(8);
    }

    @Test
    void aPreviousRunsTransferredCallKeepsItsFirstQueueAndIgnoresTheFirstAgentsLateTalkTime() {
        tracker.restore(List.of(stored("moved", 0, "Local/a1@agents")), List.of(new SegmentRecord("p", "moved",
                SegmentKind.TALK, "Local/a2@agents", "q2", t(20), null)), Set.of("p"));
        tracker.on(new AgentCompleted("p", t(30), "moved", "moved.1", "q", "Local/a1@agents", "A", "caller", 30, 0));
        tracker.on(new AgentCompleted("p", t(30), "moved", "moved.1", "q2", "Local/a2@agents", "B", "caller", 10, 0));
        tracker.on(new ChannelHungUp("p", t(30), "moved", "moved.1", "x", 16));

        assertThat(contacts.get("moved").queue()).isEqualTo("q");
        assertThat(contacts.get("moved").pbxTalkSeconds()).isNull();
        assertThat(segments).filteredOn(s -> s.kind() == SegmentKind.WRAPUP).singleElement()
                .satisfies(w -> assertThat(w.queue()).isEqualTo("q2"));
    }
}
