package io.aftercare.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.persistence.Database;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionRecorderIntegrationTest {
    @TempDir
    Path dir;

    /** More decisions than one PostgreSQL statement holds (64), nulls included: every one stored as given. */
    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void everyQueuedDecisionIsStoredFieldForField(String kind) {
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); Database database = Database.open(db.config())) {
            database.migrate();
            Instant at = Instant.parse("2026-11-23T10:00:00Z");
            List<RecordedDecision> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 150; i++) {
                boolean known = i % 3 != 0;
                sent.add(new RecordedDecision(0, "1795340440." + i, known ? "1795340440." + i : null, "pbx1",
                        "+1212555" + (1000 + i), known ? "+1212555" + (1000 + i) : null, "1800",
                        known ? (long) i : null, i % 5 == 0 ? 7L : null, known ? 1L : null, known ? "VIP customers" : "fallback",
                        known ? "vip" : "general-support", i % 10, i % 7 == 0 ? "main" : null,
                        i % 11 == 0 ? "PJSIP/agent1" : null, !known, "reason " + i, at.plusMillis(i)));
            }
            try (DecisionRecorder recorder = new DecisionRecorder(database.jdbi())) {
                sent.forEach(recorder::offer);
                recorder.close(Duration.ofSeconds(20));
            }
            List<RecordedDecision> stored = database.jdbi().withHandle(h -> h.attach(RoutingDecisionDao.class).recent(Long.MAX_VALUE, 1_000));
            assertThat(stored).hasSize(150);
            assertThat(stored).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }
}
