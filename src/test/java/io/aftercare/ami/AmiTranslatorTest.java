package io.aftercare.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.Transcript;
import io.aftercare.telephony.events.MailboxChanged;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.telephony.events.PbxEvent.CallerIdChanged;
import io.aftercare.telephony.events.PbxEvent.ChannelCreated;
import io.aftercare.telephony.events.PbxEvent.ChannelHungUp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The translator on events of the real Asterisk 22 ({@code pbx-captures/}), as asterisk-java's own event builder
 * makes its beans ({@link CapturedEvents}).
 */
class AmiTranslatorTest {
    static final List<AmiPacket> EVENTS = Transcript.parseAmi(
            Transcript.resource("pbx-captures/preferred-agent-answered.txt")).events();
    static final Instant ARRIVAL = Instant.parse("2030-01-01T00:00:00Z");
    private static final String IVR_HANGUP = "pbx-captures/ivr-hangup.txt";

    @Test
    void aDialOfTheCaseOwnerNamesTheCallerTheDialledChannelAndItsInterface() {
        AmiPacket begin = EVENTS.stream().filter(e -> e.type().equals("DialBegin")
                && e.getOrEmpty("DestChannel").startsWith("Local/agent1@agents")).findFirst().orElseThrow();
        var started = (PbxEvent.DialStarted) AmiTranslator.translate("pbx1", CapturedEvents.bean(begin), ARRIVAL);

        assertThat(started.linkedId()).isEqualTo("1796652156.6");
        assertThat(started.uniqueId()).as("the caller's channel, which ran the route").isEqualTo("1796652156.7");
        assertThat(started.destUniqueId()).isEqualTo("1796652157.8");
        assertThat(started.destChannel()).isEqualTo("Local/agent1@agents-00000004;1");
        assertThat(started.destIface()).isEqualTo("Local/agent1@agents");
        assertThat(started.callerNum()).isEqualTo("+12125550201");
        assertThat(started.callerName()).isEqualTo("Otto Owner");
        assertThat(started.at()).isEqualTo(Instant.parse("2026-12-07T14:02:37.299176Z"));

        AmiPacket end = EVENTS.stream().filter(e -> e.type().equals("DialEnd")
                && e.getOrEmpty("DestChannel").startsWith("Local/agent1@agents")).findFirst().orElseThrow();
        var ended = (PbxEvent.DialEnded) AmiTranslator.translate("pbx1", CapturedEvents.bean(end), ARRIVAL);
        assertThat(ended.destUniqueId()).isEqualTo(started.destUniqueId());
        assertThat(ended.destIface()).isEqualTo("Local/agent1@agents");
        assertThat(ended.answered()).isTrue();
    }

    @Test
    void anOriginatesDialHasNoDiallingChannelAndKeepsTheDestinationsLinkedid() {
        AmiPacket begin = EVENTS.stream().filter(e -> e.type().equals("DialBegin") && e.get("Channel").isEmpty())
                .findFirst().orElseThrow();
        var started = (PbxEvent.DialStarted) AmiTranslator.translate("pbx1", CapturedEvents.bean(begin), ARRIVAL);

        assertThat(started.uniqueId()).isEmpty();
        assertThat(started.linkedId()).isEqualTo("1796652156.6");
        assertThat(started.destIface()).isEqualTo("Local/1800@inbound-test");
    }

    @Test
    void anInterfaceIsTheChannelNameWithoutAsterisksSequenceNumber() {
        assertThat(AmiTranslator.deviceOf("Local/agent1@agents-0000000a;1")).isEqualTo("Local/agent1@agents");
        assertThat(AmiTranslator.deviceOf("Local/agent1@agents-0000000a;2")).isEqualTo("Local/agent1@agents");
        assertThat(AmiTranslator.deviceOf("PJSIP/agent-two-0000001f")).isEqualTo("PJSIP/agent-two");
        assertThat(AmiTranslator.deviceOf("SIP/1001-00000003")).isEqualTo("SIP/1001");
        assertThat(AmiTranslator.deviceOf("PJSIP/agent2")).isEqualTo("PJSIP/agent2");
        assertThat(AmiTranslator.deviceOf("PJSIP/front-desk")).as("not hexadecimal: no sequence")
                .isEqualTo("PJSIP/front-desk");
    }

    @Test
    void anOriginatedCallsCallerIdArrivesInNewCalleridAndHangupNotInNewchannel() {
        List<PbxEvent> events = CapturedEvents.translated("pbx1", IVR_HANGUP);

        assertThat(events).filteredOn(ChannelCreated.class::isInstance).map(ChannelCreated.class::cast)
                .hasSize(2).allSatisfy(c -> {
                    assertThat(c.callerNum()).as("Newchannel says CallerIDNum: <unknown>").isNull();
                    assertThat(c.callerName()).isNull();
                });
        assertThat(events).filteredOn(CallerIdChanged.class::isInstance).map(CallerIdChanged.class::cast)
                .hasSize(2).allSatisfy(c -> {
                    assertThat(c.callerNum()).isEqualTo("+12125550106");
                    assertThat(c.callerName()).isEqualTo("Ian Ivr");
                    assertThat(c.linkedId()).isEqualTo("1796650585.8");
                });
        assertThat(events).filteredOn(ChannelHungUp.class::isInstance).map(ChannelHungUp.class::cast)
                .hasSize(2).allSatisfy(h -> {
                    assertThat(h.callerNum()).isEqualTo("+12125550106");
                    assertThat(h.callerName()).isEqualTo("Ian Ivr");
                    assertThat(h.cause()).isEqualTo(16);
                });
    }

    @Test
    void eventTimesAreThePbxsTimestamps() {
        PbxEvent first = CapturedEvents.translated("pbx1", IVR_HANGUP).get(0);
        assertThat(first.at().toString()).isEqualTo("2026-12-07T13:36:26.000358Z");
    }

    @Test
    void aMessageLeftInTheMailboxIsAMailboxChangeNotACallEvent() {
        var event = CapturedEvents.beans("pbx-captures/voicemail-message-waiting.txt").get(0);
        assertThat(AmiTranslator.translate("pbx1", event, ARRIVAL)).isNull();
        assertThat(AmiTranslator.mailbox("pbx1", event, ARRIVAL)).isEqualTo(new MailboxChanged("pbx1", ARRIVAL,
                "aftercare@default", 1, 0, "+12125550123"));
    }
}
