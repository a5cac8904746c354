package io.aftercare.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.FastAgiServer;
import io.aftercare.agi.ScriptRegistry;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.telephony.events.PbxEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The {@code vhold} FastAGI script over a real FastAGI socket: it says the estimated wait in minutes, offers the
 * callback, registers it on 1 with the time the caller joined the queue and tells call tracking; anything else, or a
 * request refused, sends the caller back to the queue.
 */
class VholdAgiIntegrationTest {
    private static final Instant NOW = Instant.parse("2026-06-10T14:00:00Z");
    private final List<CallbackRequest> requested = new CopyOnWriteArrayList<>();
    private final List<PbxEvent> told = new CopyOnWriteArrayList<>();

    private FakeAgiClient.Result call(Optional<Duration> estimate, boolean accept, String digit) throws IOException {
        VholdAgiScript script = new VholdAgiScript(r -> {
            requested.add(r);
            return accept ? Optional.of(42L) : Optional.empty();
        }, q -> estimate, told::add, "pbx1", Clock.fixed(NOW, ZoneOffset.UTC));
        try (FastAgiServer agi = FastAgiServer.start(ConfigLoader.defaults().withAgiPort(0).agi(),
                ScriptRegistry.builder().register("vhold", script).build())) {
            return FakeAgiClient.builder().script("vhold").uniqueId("1795340440.7").callerId("+12125550160")
                    .env("agi_arg_1", "1795340440.5").env("agi_arg_2", Long.toString(NOW.minusSeconds(95).getEpochSecond()))
                    .channelVariable(DialplanVariables.QUEUE, "repairs").getDataReplies(digit).build()
                    .run("127.0.0.1", agi.port());
        }
    }

    @Test
    void pressing1RegistersTheCallbackWithTheCallersPlaceAfterHearingTheEstimatedWait() throws IOException {
        var result = call(Optional.of(Duration.ofSeconds(200)), true, "1");
        assertThat(result.commands()).containsSubsequence("STREAM FILE aftercare/vhold-estimate \"\"",
                "SAY NUMBER \"3\" \"\"", "STREAM FILE aftercare/vhold-minutes \"\"",
                "GET DATA aftercare/vhold-offer 5000 1");
        assertThat(result.variablesSet()).containsEntry(DialplanVariables.VHOLD_RESULT, "callback");
        assertThat(requested).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(CallbackSource.VIRTUAL_HOLD);
            assertThat(r.queue()).isEqualTo("repairs");
            assertThat(r.e164()).isEqualTo("+12125550160");
            assertThat(r.originLinkedId()).isEqualTo("1795340440.5");
            assertThat(r.waitingSince()).isEqualTo(NOW.minusSeconds(95));
        });
        assertThat(told).singleElement().isEqualTo(new PbxEvent.CallbackTaken("pbx1", NOW, "1795340440.5",
                "1795340440.7", 42));
    }

    @Test
    void anyOtherKeyOrARefusedRequestSendsTheCallerBackToTheQueueWithoutAnEstimateWhenNoneIsKnown()
            throws IOException {
        var stay = call(Optional.empty(), true, "2");
        assertThat(stay.commands()).noneMatch(c -> c.contains("vhold-estimate") || c.startsWith("SAY NUMBER"));
        assertThat(stay.variablesSet()).containsEntry(DialplanVariables.VHOLD_RESULT, "stay");
        assertThat(call(Optional.empty(), false, "1").variablesSet())
                .containsEntry(DialplanVariables.VHOLD_RESULT, "refused");
        assertThat(told).isEmpty();
    }
}
