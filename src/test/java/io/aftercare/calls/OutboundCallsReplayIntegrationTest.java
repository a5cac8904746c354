package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.Transcript;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.events.PbxEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Survey calls replayed from real Asterisk 22 captures through the translator and the tracker: each is an outbound
 * survey contact with its OriginateResponse's outcome, never an inbound IVR call.
 */
class OutboundCallsReplayIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void theSurveyTranscriptGivesOutboundSurveyContactsWithTheirOutcomesAndNoInboundOnes() throws Exception {
        Transcript.Ami transcript = Transcript.parseAmi(Transcript.resource("asterisk-22/ami-originate-survey.txt"));
        // Captured without ChannelId: the calls are known by the Originates aftercare sent (as AmiConnector tells
        // the tracker before each one leaves) and the channels Asterisk named after them.
        Map<String, ContactRecord> byActionId = replay(transcript, true).stream()
                .collect(Collectors.toMap(c -> actionOf(transcript, c), Function.identity()));

        assertThat(byActionId).containsOnlyKeys("s1", "s2", "s3", "s4", "s5");
        assertThat(byActionId.values()).allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ContactKind.SURVEY);
            assertThat(c.queue()).isNull();
            assertThat(c.endedAt()).isNotNull();
        });
        assertThat(byActionId.get("s1").outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(byActionId.get("s1").answeredAt()).isNotNull();
        assertThat(byActionId.get("s2").outcome()).isEqualTo(Outcome.BUSY);
        assertThat(byActionId.get("s3").outcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(byActionId.get("s4").outcome()).isEqualTo(Outcome.FAILED); // congestion
        assertThat(byActionId.get("s5").outcome()).isEqualTo(Outcome.FAILED); // no such context
    }

    @Test
    void originatesWithChannelIdAreKnownByTheirLinkedidEvenWithoutBeingTold() throws Exception {
        Transcript.Ami capture = Transcript.parseAmi(Transcript.resource("captures/ami-originate-channelid.txt"));
        // as after a restart between the Originate and its calls: nothing but the ids Asterisk echoes
        Map<String, ContactRecord> byLinkedId = replay(capture, false).stream()
                .collect(Collectors.toMap(ContactRecord::linkedId, Function.identity()));

        assertThat(byLinkedId).containsOnlyKeys("survey-42-1", "survey-43-1", "survey-44-2", "survey-45-1",
                "survey-46-1", "survey-47-1");
        assertThat(byLinkedId.values()).allSatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ContactKind.SURVEY);
            assertThat(c.endedAt()).isNotNull();
        });
        assertThat(byLinkedId).extractingFromEntries(e -> e.getKey() + " " + e.getValue().outcome().code())
                .containsExactlyInAnyOrder("survey-42-1 answered", "survey-43-1 busy", "survey-44-2 no_answer",
                        "survey-45-1 failed", "survey-46-1 failed", "survey-47-1 failed");
        ContactRecord answered = byLinkedId.get("survey-42-1");
        assertThat(Duration.between(answered.answeredAt(), answered.endedAt())).isPositive();
    }

    /** The contacts stored once every call of the capture ended. */
    private List<ContactRecord> replay(Transcript.Ami capture, boolean announceOriginates) throws Exception {
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start();
             TrackingStack stack = new TrackingStack(dir, "pbx1", server.port(), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> "connected".equals(stack.ami.states().get("pbx1"))
                    && stack.resyncs.get() > 0);
            if (announceOriginates) {
                for (AmiPacket originate : originates(capture)) {
                    stack.tracking.accept(new PbxEvent.OriginateSent("pbx1", Instant.now(),
                            originate.getOrEmpty("ActionID"), originate.getOrEmpty("Channel"), ContactKind.SURVEY));
                }
            }
            server.replay(capture);
            await().atMost(Duration.ofSeconds(10)).until(() -> stack.settled() && !stack.contacts().isEmpty()
                    && stack.contacts().stream().allMatch(c -> c.endedAt() != null));
            return stack.contacts();
        }
    }

    private static List<AmiPacket> originates(Transcript.Ami capture) {
        return capture.actions().stream().filter(a -> a.type().equals("Originate") && a.get("Channel").isPresent())
                .toList();
    }

    /** The ActionID of the Originate whose channel the contact's first channel is named after. */
    private static String actionOf(Transcript.Ami transcript, ContactRecord contact) {
        String first = transcript.events().stream().filter(e -> e.type().equals("Newchannel")
                && e.getOrEmpty("Uniqueid").equals(contact.linkedId())).findFirst().orElseThrow()
                .getOrEmpty("Channel");
        return originates(transcript).stream().filter(o -> first.startsWith(o.getOrEmpty("Channel") + "-"))
                .findFirst().orElseThrow().getOrEmpty("ActionID");
    }
}
