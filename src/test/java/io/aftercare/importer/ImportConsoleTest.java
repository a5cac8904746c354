package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.importer.ImportReport.Rejection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImportConsoleTest {
    private final StringWriter err = new StringWriter();
    private long now = 1_000_000_000L;
    private final ImportConsole console = new ImportConsole(new PrintWriter(err), "c.csv", 2, () -> now,
            Duration.ofSeconds(5));

    private void advance(long seconds) {
        now += Duration.ofSeconds(seconds).toNanos();
    }

    @Test
    void aProgressLineComesEveryFewSecondsWithRateShareAndTimeLeft() {
        console.progress(new ImportProgress(500, 500, 0, 10_000, 100_000));
        advance(4);
        console.progress(new ImportProgress(1000, 999, 1, 20_000, 100_000));
        assertThat(err.toString()).isEmpty();

        advance(1);
        console.progress(new ImportProgress(10_000, 9_990, 10, 25_000, 100_000));
        advance(2);
        console.progress(new ImportProgress(12_000, 11_990, 10, 30_000, 100_000));
        advance(3);
        console.progress(new ImportProgress(20_000, 19_990, 10, 50_000, 0));

        assertThat(err.toString().lines()).containsExactly(
                "c.csv: 10000 lines read, 9990 imported, 10 rejected, 2000 lines/s, 25 % of the file, about 15 s left",
                "c.csv: 20000 lines read, 19990 imported, 10 rejected, 2000 lines/s");
    }

    @Test
    void theTimeLeftIsInMinutesWhenLong() {
        assertThat(ImportConsole.line("f.csv", new ImportProgress(6000, 6000, 0, 1, 100), Duration.ofSeconds(60)))
                .isEqualTo("f.csv: 6000 lines read, 6000 imported, 0 rejected, 100 lines/s, 1 % of the file,"
                        + " about 99 min left");
    }

    @Test
    void rejectedLinesArePrintedAsTheyComeUpToTheLimitThenCounted() {
        console.rejected(new Rejection(3, "name is required"));
        assertThat(err.toString()).isEqualTo("c.csv:3: name is required" + System.lineSeparator());

        console.rejected(new Rejection(5, "tier must be one of standard, silver, gold, vip"));
        console.rejected(new Rejection(8, "hidden"));
        console.rejected(new Rejection(9, "hidden too"));
        console.finish();

        assertThat(err.toString().lines()).containsExactly(
                "c.csv:3: name is required",
                "c.csv:5: tier must be one of standard, silver, gold, vip",
                "c.csv: 2 more rejected lines not shown (the first 2 are above; --show-rejected N shows more)");
    }

    @Test
    void finishSaysNothingWhenEveryRejectionWasShown() {
        console.rejected(new Rejection(3, "name is required"));
        console.finish();

        assertThat(err.toString().lines()).containsExactly("c.csv:3: name is required");
    }
}
