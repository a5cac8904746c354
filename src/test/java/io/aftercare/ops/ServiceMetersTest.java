package io.aftercare.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.surveys.SurveyDialer;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.events.PbxEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's own meters: AMI events counted per PBX and handed on, link state as 1/0, survey dials by outcome. */
class ServiceMetersTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double events(String pbx) {
        return registry.get("aftercare_ami_events").tag("pbx", pbx).counter().count();
    }

    @Test
    void amiEventsAreCountedPerPbxAndHandedOnButOurOwnOriginatesAreNot() {
        List<PbxEvent> handedOn = new ArrayList<>();
        AmiEventCounter counter = new AmiEventCounter(registry, handedOn::add);
        counter.expect("pbx2");
        PbxEvent added = new PbxEvent.MemberAdded("pbx1", T0, "q", "Local/a1@agents", "A1", false, "");
        PbxEvent sent = new PbxEvent.OriginateSent("pbx1", T0, "aftercare-survey-1-1", "Local/1@c", ContactKind.SURVEY);
        counter.accept(added);
        counter.accept(added);
        counter.accept(sent);
        assertThat(events("pbx1")).isEqualTo(2);
        assertThat(events("pbx2")).as("a silent PBX shows 0, not nothing").isZero();
        assertThat(handedOn).containsExactly(added, added, sent);
    }

    @Test
    void aLinkIsUpOnlyWhileConnected() {
        Map<String, String> states = new HashMap<>(Map.of("pbx1", "connected", "pbx2", "reconnecting: refused"));
        ServiceMeters.amiLinks(registry, () -> states);
        assertThat(registry.get("aftercare_ami_link_up").tag("pbx", "pbx1").gauge().value()).isEqualTo(1);
        assertThat(registry.get("aftercare_ami_link_up").tag("pbx", "pbx2").gauge().value()).isZero();
        states.put("pbx1", "down: closed");
        assertThat(registry.get("aftercare_ami_link_up").tag("pbx", "pbx1").gauge().value()).isZero();
    }

    @Test
    void surveyDialsAreCountedByOutcomeLabel() {
        var dialed = ServiceMeters.surveyDials(registry);
        dialed.accept(SurveyDialer.Outcome.BUSY);
        dialed.accept(SurveyDialer.Outcome.BUSY);
        dialed.accept(SurveyDialer.Outcome.NO_ANSWER);
        assertThat(registry.get("aftercare_survey_dials").tag("outcome", "busy").counter().count()).isEqualTo(2);
        assertThat(registry.get("aftercare_survey_dials").tag("outcome", "no_answer").counter().count()).isEqualTo(1);
        assertThat(registry.get("aftercare_survey_dials").tag("outcome", "answered").counter().count()).isZero();
    }
}
