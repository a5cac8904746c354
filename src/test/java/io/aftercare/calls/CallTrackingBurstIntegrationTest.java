package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.fake.CallPlan;
import io.aftercare.fake.CallSummary;
import io.aftercare.fake.CallerId;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.PbxSimulator;
import io.aftercare.fake.SimAgent;
import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.CallMetrics;
import io.aftercare.metrics.MetricsLoader;
import io.aftercare.metrics.QueueFigures;
import io.aftercare.metrics.QueueRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of simulated calls, transcript-shaped, through the real connector: every call closed and counted once,
 * answered, abandoned or timed out in the queue. The agents end their after-call work the moment it starts.
 */
class CallTrackingBurstIntegrationTest {
    static final int CALLS = 300;

    @TempDir
    Path dir;

    @Test
    void burstOfSimulatedCallsEndsWithEveryCallClosedAndCountedOnce() throws Exception {
        ScheduledExecutorService pbxThreads = Executors.newScheduledThreadPool(2);
        AtomicInteger numbers = new AtomicInteger();
        List<SimAgent> agents = IntStream.rangeClosed(1, 12).mapToObj(i -> new SimAgent("Local/agent" + i + "@agents",
                "Agent " + i, List.of("general-support", "vip"))).toList();
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start();
             TrackingStack stack = new TrackingStack(dir, "pbx1", server.port(), Clock.systemUTC());
             PbxSimulator pbx = PbxSimulator.builder(server).agents(agents).scheduler(pbxThreads).speed(200).seed(7)
                     .callers(() -> CallerId.number("20255" + String.format("%05d", numbers.incrementAndGet())))
                     .build()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> "connected".equals(stack.ami.states().get("pbx1"))
                    && server.receivedActions("Status").size() == 1);
            // the simulator rings no agent aftercare paused for after-call work: here they are ready again at once
            stack.tracking.addListener(event -> {
                if (event instanceof TrackingEvent.WrapupStarted w) {
                    stack.tracking.dispose(w.pbxId(), w.iface());
                }
            });
            Instant from = Instant.now().minusSeconds(1);
            pbx.start();
            List<CompletableFuture<CallSummary>> placed = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                placed.add(pbx.placeCall());
            }
            CompletableFuture.allOf(placed.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            List<CallSummary> calls = placed.stream().map(CompletableFuture::join).toList();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(stack.settled()).isTrue();
                List<ContactRecord> stored = stack.contacts();
                assertThat(stored).filteredOn(c -> c.endedAt() == null).isEmpty();
                assertThat(stored).hasSize(CALLS);
            });
            List<ContactRecord> contacts = stack.contacts();
            assertThat(contacts).extracting(ContactRecord::linkedId)
                    .containsExactlyInAnyOrderElementsOf(calls.stream().map(CallSummary::linkedid).toList());
            assertThat(contacts).noneMatch(ContactRecord::lostTrack);
            long abandoned = calls.stream().filter(c -> c.outcome() == CallPlan.Outcome.ABANDONED).count();
            long timedOut = calls.stream().filter(c -> c.outcome() == CallPlan.Outcome.TIMED_OUT).count();
            long answered = CALLS - abandoned - timedOut;
            assertThat(contacts).filteredOn(c -> c.outcome() == Outcome.ANSWERED).hasSize((int) answered);
            assertThat(contacts).filteredOn(c -> c.outcome() == Outcome.ABANDONED || c.outcome() == Outcome.SHORT_ABANDON)
                    .hasSize((int) abandoned);
            assertThat(contacts).filteredOn(c -> c.outcome() == Outcome.TIMEOUT).hasSize((int) timedOut);

            List<CallFacts> facts = CallMetrics.offeredIn(new MetricsLoader(stack.database.jdbi())
                    .calls(from, Instant.now().plusSeconds(1)), from, Instant.now().plusSeconds(1));
            QueueFigures all = CallMetrics.queue(facts, QueueRules.defaults());
            assertThat(all.offered()).isEqualTo(CALLS);
            assertThat(all.answered()).isEqualTo(answered);
            assertThat(all.abandoned() + all.shortAbandoned()).isEqualTo(abandoned);
            assertThat(all.timedOut()).isEqualTo(timedOut);
            assertThat(all.waiting()).isZero();
            assertThat(stack.tracker.liveCalls()).isZero();
        } finally {
            pbxThreads.shutdownNow();
        }
    }
}
