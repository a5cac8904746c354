package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.aftercare.telephony.events.PbxEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What waits for the tracking thread is counted for {@code /metrics}, its own periodic check left out. */
class CallTrackingServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** Where the records go does not matter here. */
    private static final TrackingSink NOWHERE = mock(TrackingSink.class);

    @Test
    void queuedCountsTheEventsWaitingBehindABusyTrackingThread() throws Exception {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (CallTrackingService tracking = new CallTrackingService(new CallTracker(NOWHERE, clock, raw -> null,
                q -> QueueTiming.DEFAULT), clock)) {
            assertThat(tracking.queued()).as("the periodic wrap-up check is not work waiting").isZero();
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            var blocked = tracking.ask(t -> {
                busy.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                tracking.accept(new PbxEvent.MemberAdded("pbx1", T0, "q", "Local/a" + i + "@agents", "A" + i, false,
                        ""));
            }
            assertThat(tracking.queued()).isEqualTo(3);
            release.countDown();
            assertThat(blocked.get(5, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> tracking.queued() == 0);
        }
    }
}
