package io.aftercare.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.fake.AmiHeader;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.Transcript;
import io.aftercare.telephony.events.PbxEvent;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/** The translator on events of the real Asterisk 22 ({@code pbx-captures/}), as asterisk-java's beans carry them. */
class AmiTranslatorTest {
    static final List<AmiPacket> EVENTS = Transcript.parseAmi(
            Transcript.resource("pbx-captures/preferred-agent-answered.txt")).events();
    static final Instant ARRIVAL = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aDialOfTheCaseOwnerNamesTheCallerTheDialledChannelAndItsInterface() throws Exception {
        AmiPacket begin = EVENTS.stream().filter(e -> e.type().equals("DialBegin")
                && e.getOrEmpty("DestChannel").startsWith("Local/agent1@agents")).findFirst().orElseThrow();
        var started = (PbxEvent.DialStarted) AmiTranslator.translate("pbx1", bean(new DialBeginEvent(this), begin),
                ARRIVAL);

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
        var ended = (PbxEvent.DialEnded) AmiTranslator.translate("pbx1", bean(new DialEndEvent(this), end), ARRIVAL);
        assertThat(ended.destUniqueId()).isEqualTo(started.destUniqueId());
        assertThat(ended.destIface()).isEqualTo("Local/agent1@agents");
        assertThat(ended.answered()).isTrue();
    }

    @Test
    void anOriginatesDialHasNoDiallingChannelAndKeepsTheDestinationsLinkedid() throws Exception {
        AmiPacket begin = EVENTS.stream().filter(e -> e.type().equals("DialBegin") && e.get("Channel").isEmpty())
                .findFirst().orElseThrow();
        var started = (PbxEvent.DialStarted) AmiTranslator.translate("pbx1", bean(new DialBeginEvent(this), begin),
                ARRIVAL);

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

    /** Fills an asterisk-java bean from a captured packet the way its event builder does: header name = setter. */
    static ManagerEvent bean(ManagerEvent event, AmiPacket packet) throws ReflectiveOperationException {
        for (AmiHeader h : packet.headers()) {
            String setter = "set" + h.name().toLowerCase(Locale.ROOT);
            String v = h.value().equals("<unknown>") ? null : h.value();
            for (Method m : event.getClass().getMethods()) {
                Class<?> type = m.getParameterCount() == 1 ? m.getParameterTypes()[0] : Void.class;
                if (m.getName().toLowerCase(Locale.ROOT).equals(setter) && (type == String.class
                        || (v != null && (type == Integer.class || type == Double.class)))) {
                    Object arg = type == String.class ? v : type == Integer.class ? (Object) Integer.valueOf(v)
                            : (Object) Double.valueOf(v); // Object: a numeric ?: would make the Integer a Double
                    m.invoke(event, arg);
                    break;
                }
            }
        }
        return event;
    }
}
