package io.aftercare.surveys;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;

/** The survey feature's HTTP face inside the whole app: triggers, the do-not-call list, results. */
class SurveyRoutesIntegrationTest {
    // A Tuesday morning in New York: inside every default calling window.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-17T15:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> kinds() {
        return TestDatabases.kinds();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("kinds")
    void afterSalesEventSchedulesASurveyAndDoNotCallOptsItOutAtOnce(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            long customer = Json.mapper().readTree(app.post("/api/customers", "{\"name\": \"Dana\", \"country\": \"US\","
                    + " \"phones\": [\"2125550123\"]}").body()).get("id").asLong();
            var scheduled = app.post("/api/aftersales-events", "{\"type\": \"repair_completed\", \"customerId\": "
                    + customer + "}");
            assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
            assertThat(Json.mapper().readTree(scheduled.body()).get("jobId").isNumber()).as(scheduled.body()).isTrue();

            var dnc = app.post("/api/do-not-call", "{\"number\": \"(212) 555-0123\"}");
            assertThat(dnc.status()).isEqualTo(201);
            assertThat(Json.mapper().readTree(dnc.body()).get("jobsOptedOut").asInt()).isEqualTo(1);
            assertThat(dnc.body()).contains("+12125550123");

            assertThat(app.post("/api/do-not-call", "{\"number\": \"call me maybe\"}").status()).isEqualTo(422);
            assertThat(app.post("/api/do-not-call", "{\"customerId\": " + customer + "}").status()).isEqualTo(201);
            assertThat(app.post("/api/aftersales-events", "{\"type\": \"party\", \"customerId\": " + customer + "}")
                    .status()).isEqualTo(422);
            assertThat(app.get("/api/surveys/results?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z").status())
                    .isEqualTo(200);
            assertThat(app.get("/api/surveys/results?from=yesterday&to=2026-12-01T00:00:00Z").status()).isEqualTo(422);
            assertThat(app.get("/api/surveys/results?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&groupBy=moon")
                    .status()).isEqualTo(422);
        }
    }
}
