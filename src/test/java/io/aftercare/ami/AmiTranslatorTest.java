package io.aftercare.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.telephony.events.PbxEvent.CallerIdChanged;
import io.aftercare.telephony.events.PbxEvent.ChannelCreated;
import io.aftercare.telephony.events.PbxEvent.ChannelHungUp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The translator on events the real Asterisk 22 sent ({@link CapturedEvents}). */
class AmiTranslatorTest {
    private static final String IVR_HANGUP = "asterisk-22/pbx-ivr-hangup.txt";

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
}
