package io.aftercare.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failed deliveries come back on a widening schedule, with jitter, for about a day, then fail for good. */
class BackoffTest {
    @Test
    void theScheduleWidensFromTenSecondsAndEndsAfterTheTenthAttempt() {
        assertThat(Backoff.after(1, 0.5)).contains(Duration.ofSeconds(10));
        assertThat(Backoff.after(2, 0.5)).contains(Duration.ofSeconds(30));
        assertThat(Backoff.after(3, 0.5)).contains(Duration.ofMinutes(2));
        assertThat(Backoff.after(4, 0.5)).contains(Duration.ofMinutes(10));
        assertThat(Backoff.after(5, 0.5)).contains(Duration.ofHours(1));
        assertThat(Backoff.after(9, 0.5)).contains(Duration.ofHours(8));
        assertThat(Backoff.after(10, 0.5)).isEmpty();
        assertThat(Backoff.MAX_ATTEMPTS).isEqualTo(10);
        Duration total = Backoff.SCHEDULE.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isBetween(Duration.ofHours(20), Duration.ofHours(24));
        assertThatThrownBy(() -> Backoff.after(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jitterMovesADelayByAtMostAFifthEitherWay() {
        assertThat(Backoff.after(1, 0.0)).contains(Duration.ofSeconds(8));
        assertThat(Backoff.after(1, 0.999_999)).hasValueSatisfying(d -> assertThat(d)
                .isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12)));
        assertThat(Backoff.after(5, 0.25)).contains(Duration.ofMinutes(54));
    }
}
