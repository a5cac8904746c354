package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Where call records wait while the database refuses them (doc/operations.md, "Database outage"). */
class SpillFileTest {
    @Test
    void besideASqliteFileElseInTheWorkingDirectory() {
        assertThat(CallRecordWriter.spillFileFor("jdbc:sqlite:/var/lib/aftercare/a.db"))
                .isEqualTo(Path.of("/var/lib/aftercare/a.db.records-spill"));
        assertThat(CallRecordWriter.spillFileFor("jdbc:sqlite:file:/data/a.db?mode=rwc"))
                .isEqualTo(Path.of("/data/a.db.records-spill"));
        assertThat(CallRecordWriter.spillFileFor("jdbc:sqlite::memory:")).isEqualTo(Path.of("aftercare.records-spill"));
        assertThat(CallRecordWriter.spillFileFor("jdbc:postgresql://db:5432/aftercare"))
                .isEqualTo(Path.of("aftercare.records-spill"));
    }
}
