package io.aftercare.screenpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.aftercare.calls.TrackingEvent;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The screen pop costs nothing for an agent who has no desktop open. */
class ScreenPopNotifierTest {
    private static final String AGENT = "Local/agent1@agents";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final Vertx vertx = Vertx.vertx();
    private final AgentPushHub hub = new AgentPushHub(vertx);
    private final ScreenPopService pops = mock(ScreenPopService.class); // a seam of ours: was anything built?
    private final ExecutorService workers = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        workers.shutdownNow();
        hub.close();
        vertx.close();
    }

    @Test
    void nothingIsReadOrBuiltForAnAgentWithoutTheDesktopOpen() throws Exception {
        ScreenPopNotifier notifier = new ScreenPopNotifier(pops, hub, workers, Clock.systemUTC());
        notifier.accept(new TrackingEvent.AgentOffered("pbx1", T0, AGENT, "L1", "L1.1", "vip", "2125550123"));
        notifier.accept(new TrackingEvent.AgentAnswered("pbx1", T0.plusSeconds(2), AGENT, "L1", "L1.1", "vip"));
        notifier.accept(new TrackingEvent.WrapupStarted("pbx1", T0.plusSeconds(9), AGENT, "L1", "vip", Set.of("vip"),
                true));
        notifier.accept(new TrackingEvent.AgentOffered("pbx1", T0.plusSeconds(20), AGENT, "L2", "L2.1", "vip", null));
        notifier.accept(new TrackingEvent.AgentRingEnded("pbx1", T0.plusSeconds(30), AGENT, "L2"));

        workers.shutdown();
        assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        verifyNoInteractions(pops);
        assertThat(hub.watched(AGENT)).isFalse();
    }
}
