package io.aftercare.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.pbx.PbxWorld.ContactRow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

/**
 * The periodic channel check against a real Asterisk 22 (issue 15 item 7): aftercare's AMI link runs through a proxy
 * that loses a call's Hangup events while the link stays up, and aftercare checks the PBX's channels every 2 s
 * instead of every minute. The call must not stay live for good, nor get a duration nobody saw.
 */
@Tag("pbx") // the real-PBX suite: the surefire execution "pbx", after the others (pom.xml)
class ReconciliationPbxTest {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite(true, config -> config.withAmi(config.ami()
            .withReconcileInterval(Duration.ofSeconds(2))));

    @Test
    void aCallWhoseHangupsNeverReachAftercareIsClosedAsLostTrackAtItsLastEvent() {
        PbxWorld world = SUITE.world();
        RealPbx pbx = world.pbx();
        // every Hangup of the caller's two Local channels is lost between Asterisk and aftercare
        world.amiProxy().dropFromTarget(packet -> packet.startsWith("Event: Hangup\r\n")
                && packet.contains("Channel: Local/1860@inbound-test-"));

        String call = pbx.originate(Caller.dialing("1860", "\"Lou Lost\" <+12125550161>").hangingUpAfter(2));
        await().atMost(SETTLE).until(() -> pbx.events(call).stream().filter(e -> e.type().equals("Hangup")).count()
                == 2); // Asterisk hung both up
        long hungUp = System.currentTimeMillis();
        ContactRow before = world.contact(call); // an IVR call is stored first when something happens to it
        assertThat(before == null || before.endedAt() == null).as("aftercare saw no Hangup").isTrue();

        ContactRow contact = world.endedContact(call);
        assertThat(System.currentTimeMillis() - hungUp).as("closed by the channel check, within a few intervals")
                .isLessThan(SETTLE.toMillis());
        assertThat(contact.outcome()).isEqualTo("lost_track");
        assertThat(contact.callerE164()).isEqualTo("+12125550161");
        assertThat(contact.endedAt()).as("its last event aftercare saw, not when it noticed").isLessThan(hungUp)
                .isGreaterThanOrEqualTo(contact.enteredAt());
        assertThat(world.rows("SELECT lost_track FROM contacts WHERE linkedid = ?", call)).extracting(r -> r.get(
                "lost_track")).containsExactly(1);
        assertThat(world.rows("SELECT menu, outcome FROM ivr_selections WHERE linkedid = ?", call))
                .containsExactly(Map.of("menu", "main", "outcome", "hangup")); // the IVR saw the hang-up itself
        List<String> live = PbxWorld.json(world.app().get("/api/wallboard").body()).findValuesAsText("linkedId");
        assertThat(live).doesNotContain(call);
    }
}
