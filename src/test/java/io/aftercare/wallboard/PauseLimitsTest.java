package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.config.ConfigLoader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PauseLimitsTest {
    private static final PauseLimits LIMITS = PauseLimits.DEFAULT;

    /** reason, minutes:seconds paused, colour: a 2-minute break is plain; each reason has its own limit. */
    private static final String[][] EXAMPLES = {{"break", "2:00", "ok"}, {"break", "14:59", "ok"},
            {"break", "15:00", "amber"}, {"break", "19:59", "amber"}, {"break", "20:00", "red"},
            {"Lunch", "45:00", "ok"}, {"LUNCH", "62:00", "amber"}, {"training", "100:00", "ok"},
            {"meeting", "10:00", "amber"}, {"", "16:00", "red"}};

    @Test
    void aPauseTurnsAmberAtItsReasonsLimitAndRedAfterTheGraceReasonsMatchedIgnoringCase() {
        for (String[] e : EXAMPLES) {
            String[] ms = e[1].split(":");
            Duration paused = Duration.ofMinutes(Long.parseLong(ms[0])).plusSeconds(Long.parseLong(ms[1]));
            assertThat(LIMITS.level(e[0], paused).code()).as(String.join(" ", e)).isEqualTo(e[2]);
        }
        assertThat(LIMITS.limit(null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(LIMITS.limit(" Training ")).isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void theDefaultsAreTheReferenceConfigurations() {
        var w = ConfigLoader.defaults().wallboard();
        assertThat(new PauseLimits(w.pauseLimits(), w.pauseLimitOther(), w.pauseGrace())).isEqualTo(LIMITS);
    }
}
