package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reads the alert examples of doc/metrics.md and checks {@link Thresholds} gives exactly those levels. */
class AlertsDictionaryTest {
    private static final Thresholds D = Thresholds.DEFAULT;

    private static List<String[]> block(String name) throws Exception {
        Matcher m = Pattern.compile("```" + name + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("doc/metrics.md")));
        assertThat(m.find()).as("doc/metrics.md has a " + name + " block").isTrue();
        return m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")).toList();
    }

    private static int i(String s) {
        return Integer.parseInt(s);
    }

    @Test
    void alertExamplesInTheDictionaryMatchTheThresholds() throws Exception {
        List<String[]> rows = block("wallboard-alerts");
        for (String[] r : rows) {
            Thresholds t = new Thresholds(i(r[0]), i(r[1]), i(r[2]), i(r[3]), i(r[4]), i(r[5]),
                    D.abandonRateAmberPercent(), D.abandonRateRedPercent(), D.asaAmberSeconds(), D.asaRedSeconds(),
                    D.ahtAmberSeconds(), D.ahtRedSeconds());
            Level level = switch (r[6]) {
                case "waiting" -> t.waiting(Long.parseLong(r[7]));
                case "longestWait" -> t.longestWait(Long.parseLong(r[7]));
                default -> t.serviceLevel(r[7].equals("-") ? null : Double.valueOf(r[7]));
            };
            assertThat(level.code()).as(String.join(" ", r)).isEqualTo(r[8]);
        }
        assertThat(rows).hasSize(9);
    }

    @Test
    void abandonRateAsaAndAhtExamplesInTheDictionaryMatchTheThresholds() throws Exception {
        List<String[]> rows = block("wallboard-alerts-calls");
        for (String[] r : rows) {
            Thresholds t = new Thresholds(D.waitingAmber(), D.waitingRed(), D.longestWaitAmberSeconds(),
                    D.longestWaitRedSeconds(), D.serviceLevelAmberPercent(), D.serviceLevelRedPercent(), i(r[0]),
                    i(r[1]), i(r[2]), i(r[3]), i(r[4]), i(r[5]));
            Double value = r[7].equals("-") ? null : Double.valueOf(r[7]);
            Long millis = value == null ? null : Math.round(value * 1000);
            Level level = switch (r[6]) {
                case "abandonRate" -> t.abandonRate(value);
                case "asa" -> t.asa(millis);
                default -> t.aht(millis);
            };
            assertThat(level.code()).as(String.join(" ", r)).isEqualTo(r[8]);
        }
        assertThat(rows).hasSize(12);
    }
}
