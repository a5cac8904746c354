package io.aftercare.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/imports}: the last day's recorded imports, newest first, for admins only. */
class ImportRoutesIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void adminsSeeTheLastDaysRunsNewestFirst() {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.fixed(T0, ZoneOffset.UTC))) {
            app.app().database().jdbi().useExtension(ImportRunDao.class, dao -> {
                dao.start("products", "old.csv", T0.minus(Duration.ofHours(25)));
                long done = dao.start("customers", "customers.csv", T0.minus(Duration.ofHours(2)));
                dao.finish(done, T0.minus(Duration.ofHours(1)), 3, 2, 1, ImportRun.DONE);
                dao.start("orders", "orders.jsonl", T0.minus(Duration.ofMinutes(1)));
            });
            String admin = app.signIn("ad1", "admin", null);

            TestApp.Reply reply = app.as(admin).get("/api/imports");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).startsWith("[{\"id\":3,\"kind\":\"orders\",\"fileName\":\"orders.jsonl\"")
                    .contains("\"finishedAt\":null").contains("\"outcome\":null")
                    .contains("{\"id\":2,\"kind\":\"customers\",\"fileName\":\"customers.csv\","
                            + "\"startedAt\":\"2026-12-07T08:00:00Z\",\"updatedAt\":\"2026-12-07T09:00:00Z\","
                            + "\"finishedAt\":\"2026-12-07T09:00:00Z\",\"linesRead\":3,\"accepted\":2,\"rejected\":1,"
                            + "\"outcome\":\"done\"}")
                    .doesNotContain("old.csv");
            assertThat(app.as(app.signIn("s1", "supervisor", null)).get("/api/imports").status()).isEqualTo(403);
        }
    }
}
