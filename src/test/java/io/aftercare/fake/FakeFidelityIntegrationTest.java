package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.fake.FidelityScenarios.AgiScenario;
import io.aftercare.fake.FidelityScenarios.Watcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The fakes play the scenarios captured from the real Asterisk 22 ({@code src/test/resources/captures/}, taken
 * by {@code io.aftercare.pbx.FakeFidelityPbxTest}) and must answer and emit what it did.
 */
class FakeFidelityIntegrationTest {

    @Test
    void fastAgiAfterTheChannelDiedIsAnsweredAsAsteriskAnsweredIt() {
        List<AgiScenario> scenarios = FidelityScenarios.agi();
        List<List<String>> captured = FidelityScenarios.capturedAgi();
        assertThat(captured).hasSameSizeAs(scenarios);
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) { // they mostly wait: all at once
            List<CompletableFuture<List<String>>> played = scenarios.stream()
                    .map(s -> CompletableFuture.supplyAsync(() -> FidelityScenarios.playOnFake(s), each)).toList();
            for (int i = 0; i < scenarios.size(); i++) {
                assertThat(FidelityScenarios.comparable(played.get(i).join())).as(scenarios.get(i).name())
                        .containsExactlyElementsOf(FidelityScenarios.comparable(captured.get(i)));
            }
        }
    }

    @Test
    void originatesProduceTheChannelEventsEachEventMaskSaw() throws Exception {
        Map<Watcher, List<AmiPacket>> fake = FidelityScenarios.originateOnFake();
        for (Watcher w : FidelityScenarios.watchers()) {
            FidelityScenarios.assertSameCalls(w.name(), fake.get(w), FidelityScenarios.capturedAmi(w).events(), true);
        }
    }
}
