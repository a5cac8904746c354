package io.aftercare.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** GET /api/cases pages newest first with the shared cursor, cases opened at the same instant by id. */
class CasePagesIntegrationTest {
    /** A pinned clock: every case opens at the same instant, so only the id orders them. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void aCustomersCasesAndTheOpenCasesWalkOnceNewestFirst(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            long customer = Json.mapper().readTree(app.post("/api/customers", "{\"name\": \"Pia\"}").body())
                    .get("id").asLong();
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(Json.mapper().readTree(app.post("/api/cases", "{\"customerId\": " + customer
                        + ", \"type\": \"technical\", \"subject\": \"case " + i + "\"}").body()).get("id").asLong());
            }
            assertThat(app.patch("/api/cases/" + ids.get(1), "{\"status\": \"resolved\"}").status()).isEqualTo(200);
            assertThat(walk(app, "/api/cases?customerId=" + customer + "&limit=2"))
                    .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
            assertThat(walk(app, "/api/cases?limit=3")).containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(0));
            assertThat(app.get("/api/cases?after=zz").status()).isEqualTo(400);
        }
    }

    private static List<Long> walk(TestApp app, String path) {
        return app.walk(path).stream().map(c -> c.get("id").asLong()).toList();
    }
}
