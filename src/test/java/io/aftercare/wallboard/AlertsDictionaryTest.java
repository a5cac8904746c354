package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reads the alert examples of doc/metrics.md and checks {@link Thresholds} gives exactly those levels. */
class AlertsDictionaryTest {
    @Test
    void alertExamplesInTheDictionaryMatchTheThresholds() throws Exception {
        Matcher m = Pattern.compile("```wallboard-alerts\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("doc/metrics.md")));
        assertThat(m.find()).as("doc/metrics.md has a wallboard-alerts block").isTrue();
        int checked = 0;
        for (String line : m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            String[] r = line.split("\\s+");
            Thresholds t = new Thresholds(Integer.parseInt(r[0]), Integer.parseInt(r[1]), Integer.parseInt(r[2]),
                    Integer.parseInt(r[3]), Integer.parseInt(r[4]), Integer.parseInt(r[5]));
            Level level = switch (r[6]) {
                case "waiting" -> t.waiting(Long.parseLong(r[7]));
                case "longestWait" -> t.longestWait(Long.parseLong(r[7]));
                default -> t.serviceLevel(r[7].equals("-") ? null : Double.valueOf(r[7]));
            };
            assertThat(level.code()).as(line).isEqualTo(r[8]);
            checked++;
        }
        assertThat(checked).isEqualTo(9);
    }
}
