package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.config.ConfigLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PauseLimitsTest {
    private static final PauseLimits LIMITS = PauseLimits.DEFAULT;

    private static Level after(String reason, int minutes, int seconds) {
        return LIMITS.level(reason, Duration.ofMinutes(minutes).plusSeconds(seconds));
    }

    @Test
    void aTwoMinuteBreakIsPlainAndALongOneTurnsAmberAtItsLimitThenRedAfterTheGrace() {
        assertThat(after("break", 2, 0)).isEqualTo(Level.OK);
        assertThat(after("break", 14, 59)).isEqualTo(Level.OK);
        assertThat(after("break", 15, 0)).isEqualTo(Level.AMBER);
        assertThat(after("break", 19, 59)).isEqualTo(Level.AMBER);
        assertThat(after("break", 20, 0)).isEqualTo(Level.RED);
    }

    @Test
    void eachReasonHasItsOwnLimitMatchedIgnoringCaseAndOthersShareOne() {
        assertThat(after("Lunch", 45, 0)).isEqualTo(Level.OK);
        assertThat(after("LUNCH", 62, 0)).isEqualTo(Level.AMBER);
        assertThat(after("training", 100, 0)).isEqualTo(Level.OK);
        assertThat(after("meeting", 10, 0)).isEqualTo(Level.AMBER);
        assertThat(after("", 16, 0)).isEqualTo(Level.RED);
        assertThat(LIMITS.limit(null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(LIMITS.limit(" Training ")).isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void theDefaultsAreTheReferenceConfigurations() {
        var w = ConfigLoader.defaults().wallboard();
        assertThat(new PauseLimits(w.pauseLimits(), w.pauseLimitOther(), w.pauseGrace())).isEqualTo(LIMITS);
    }
}
