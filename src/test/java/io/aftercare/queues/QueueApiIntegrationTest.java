package io.aftercare.queues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /api/queues} over HTTP on SQLite and PostgreSQL: from no queue to one a rule routes to, and back. */
class QueueApiIntegrationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void anAdminCreatesTunesAndRemovesAFreePbxQueueWithoutSql(String kind) {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), Clock.systemUTC())) {
            assertThat(app.post("/api/routing/rules", rule()).status()).as("no queue 400 yet").isEqualTo(422);

            TestApp.Reply created = app.post("/api/queues", "{\"name\":\"400\",\"description\":\"Support line\","
                    + "\"strategy\":\"rrmemory\",\"serviceLevelSeconds\":15,\"serviceLevelAmber\":0.85}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode queue = json(created.body()).path("queue");
            assertThat(queue.path("name").asText()).isEqualTo("400");
            assertThat(queue.path("wrapupSeconds").asInt()).as("default").isEqualTo(60);
            assertThat(queue.path("serviceLevelAmber").asDouble()).isEqualTo(0.85);
            assertThat(json(created.body()).path("warnings").get(0).asText())
                    .isEqualTo("not checked: no PBX is configured");
            assertThat(app.post("/api/queues", "{\"name\":\"400\"}").status()).isEqualTo(409);

            TestApp.Reply tuned = app.patch("/api/queues/400", "{\"wrapupSeconds\":30,\"waitingRed\":10,"
                    + "\"timeZone\":\"Europe/Berlin\",\"afterHoursAction\":\"callback\",\"abandonRateAmber\":0.07,"
                    + "\"asaRedSeconds\":50,\"ahtAmberSeconds\":300}");
            assertThat(tuned.status()).as(tuned.body()).isEqualTo(200);
            JsonNode read = json(app.get("/api/queues/400").body());
            assertThat(read.path("wrapupSeconds").asInt()).isEqualTo(30);
            assertThat(read.path("abandonRateAmber").asDouble()).isEqualTo(0.07);
            assertThat(read.path("abandonRateRed").asDouble()).as("default").isEqualTo(0.10);
            assertThat(read.path("asaRedSeconds").asInt()).isEqualTo(50);
            assertThat(read.path("ahtAmberSeconds").asInt()).isEqualTo(300);
            assertThat(read.path("serviceLevelSeconds").asInt()).as("unchanged").isEqualTo(15);
            assertThat(json(app.get("/api/queues/400/hours").body()).path("timeZone").asText())
                    .as("the hours API sees the same zone").isEqualTo("Europe/Berlin");
            assertThat(app.get("/api/queues").body()).contains("\"name\":\"400\"", "\"name\":\"general-support\"");

            assertThat(app.post("/api/routing/rules", rule()).status()).isEqualTo(201);
            TestApp.Reply refused = app.send("DELETE", "/api/queues/400", null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("routing rules Support line");
            long rule = json(app.get("/api/routing/rules").body()).findParents("name").stream()
                    .filter(r -> r.path("name").asText().equals("Support line")).findFirst().orElseThrow()
                    .path("id").asLong();
            app.send("DELETE", "/api/routing/rules/" + rule, null);
            assertThat(app.send("DELETE", "/api/queues/400", null).status()).isEqualTo(200);
            assertThat(app.get("/api/queues/400").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void badSettingsAreRefusedNamingEveryProblem(String kind) {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), Clock.systemUTC())) {
            TestApp.Reply bad = app.post("/api/queues", "{\"name\":\"sup port\",\"strategy\":\"round\","
                    + "\"wrapupSeconds\":400,\"serviceLevelAmber\":80,\"timeZone\":\"Mars/Base\"}");
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.body()).contains("name must be", "strategy must be one of", "wrapupMaxSeconds (300) must"
                    + " be at least wrapupSeconds (400)", "serviceLevelAmber must be a ratio", "timeZone must be");
            assertThat(app.patch("/api/queues/vip", "{\"waitingAmber\":9,\"waitingRed\":2}").body())
                    .contains("waitingRed (2) must be at least waitingAmber (9)");
            assertThat(app.patch("/api/queues/vip", "{\"abandonRateAmber\":0.2,\"abandonRateRed\":0.1,"
                    + "\"ahtAmberSeconds\":600,\"ahtRedSeconds\":300}").body())
                    .contains("abandonRateRed (0.1) must be at least abandonRateAmber (0.2)",
                            "ahtRedSeconds (300) must be at least ahtAmberSeconds (600)");
            assertThat(app.patch("/api/queues/vip", "{\"name\":\"vip2\"}").status()).isEqualTo(422);
            // a row written around aftercare is listed as it is; a change must leave it valid
            app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO queues (name, time_zone) VALUES"
                    + " ('old queue', 'Mars/Base')"));
            assertThat(app.get("/api/queues").body()).contains("\"name\":\"old queue\"");
            assertThat(app.patch("/api/queues/old queue".replace(" ", "%20"), "{\"timeZone\":\"UTC\"}").body())
                    .contains("queue old queue not valid: name must be");
            TestApp.Reply used = app.send("DELETE", "/api/queues/general-support", null);
            assertThat(used.status()).isEqualTo(409);
            assertThat(used.body()).contains("routing rules Unknown caller", "IVR options main 0, main 4",
                    "IVR menus (default queue) main");
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void supervisorsReadQueuesAndOnlyAdminsChangeThem(String kind) {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), Clock.systemUTC())) {
            TestApp boss = app.as(app.signIn("sue", "supervisor", null));
            assertThat(boss.get("/api/queues").status()).isEqualTo(200);
            assertThat(boss.get("/api/queues/vip").status()).isEqualTo(200);
            assertThat(boss.post("/api/queues", "{\"name\":\"401\"}").status()).isEqualTo(403);
            assertThat(boss.patch("/api/queues/vip", "{\"wrapupSeconds\":10}").status()).isEqualTo(403);
            assertThat(boss.send("DELETE", "/api/queues/vip", null).status()).isEqualTo(403);
        }
    }

    private static String rule() {
        return "{\"name\":\"Support line\",\"when\":{\"hotline\":\"5550400\"},\"then\":{\"queue\":\"400\"}}";
    }

    private static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
