package io.aftercare.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sign-ins, accounts, tokens and admin writes leave an audit entry with who, what, when and from where. */
class AuditIntegrationTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void securityEventsAndAdminWritesAreAudited(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), clock)) {
            app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface,"
                    + " created_at) VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
            TestApp anonymous = app.as(null);
            assertThat(anonymous.post("/api/auth/login",
                    "{\"username\": \"admin\\r\\nforged: line\", \"password\": \"guess\"}").status()).isEqualTo(401);
            var created = app.post("/api/accounts", "{\"username\": \"a1\", \"displayName\": \"A One\","
                    + " \"role\": \"agent\", \"agentLogin\": \"agent1\", \"password\": \"password-a1\"}");
            assertThat(created.status()).isEqualTo(201);
            long accountId = Json.mapper().readTree(created.body()).get("id").asLong();
            String agentToken = Json.mapper().readTree(anonymous.post("/api/auth/login",
                    "{\"username\": \"a1\", \"password\": \"password-a1\"}").body()).get("token").asText();
            TestApp agent = app.as(agentToken);
            assertThat(agent.post("/api/dispositions/reasons", "{\"code\": \"x\", \"label\": \"X\"}").status())
                    .isEqualTo(403);
            assertThat(agent.get("/api/audit").status()).isEqualTo(403);

            assertThat(app.patch("/api/accounts/" + accountId, "{\"role\": \"supervisor\"}").status()).isEqualTo(200);
            assertThat(agent.get("/api/customers").status()).as("a role change signs the account out").isEqualTo(401);

            var token = app.post("/api/tokens", "{\"accountId\": " + accountId + ", \"label\": \"erp\", \"days\": 30}");
            assertThat(token.status()).isEqualTo(201);
            String tokenId = Json.mapper().readTree(app.get("/api/tokens").body()).get(0).get("id").asText();
            assertThat(app.send("DELETE", "/api/tokens/" + tokenId, null).status()).isEqualTo(200);
            assertThat(app.post("/api/dispositions/reasons", "{\"code\": \"billing\", \"label\": \"Billing\","
                    + " \"active\": true, \"survey\": false, \"surveyDelayMinutes\": 0}").status()).isEqualTo(201);

            List<JsonNode> entries = awaitEntries(app, 7);
            assertThat(entries).extracting(e -> e.get("action").asText()).containsSubsequence(
                    "write", "token-revoked", "token-created", "account-changed", "write", "sign-in",
                    "account-created", "sign-in");

            JsonNode failed = last(entries, "sign-in");
            assertThat(failed.get("status").asInt()).isEqualTo(401);
            assertThat(failed.get("actor").asText()).isEqualTo("-");
            assertThat(failed.get("detail").asText()).isEqualTo("username 'admin??forged: line'");
            assertThat(failed.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(failed.get("at").asText()).isEqualTo("2026-11-20T10:00:00Z");

            JsonNode changed = first(entries, "account-changed");
            assertThat(changed.get("actor").asText()).isEqualTo("admin");
            assertThat(changed.get("role").asText()).isEqualTo("admin");
            assertThat(changed.get("detail").asText()).contains("role agent -> supervisor");
            assertThat(changed.get("path").asText()).isEqualTo("/api/accounts/" + accountId);

            JsonNode refused = entries.stream().filter(e -> e.get("status").asInt() == 403
                    && e.get("path").asText().equals("/api/dispositions/reasons")).findFirst().orElseThrow();
            assertThat(refused.get("actor").asText()).isEqualTo("a1");
            assertThat(first(entries, "token-revoked").get("detail").asText()).contains(tokenId);

            JsonNode onlySignIns = Json.mapper().readTree(app.get("/api/audit?action=sign-in").body()).get("items");
            assertThat(onlySignIns).hasSize(2);
            JsonNode newest = Json.mapper().readTree(app.get("/api/audit?action=sign-in&limit=1").body());
            assertThat(newest.at("/items/0/id").asLong()).isEqualTo(onlySignIns.get(0).get("id").asLong());
            JsonNode older = Json.mapper().readTree(app.get("/api/audit?action=sign-in&limit=1&after="
                    + newest.get("nextCursor").asText()).body());
            assertThat(older.at("/items/0/id").asLong()).isEqualTo(onlySignIns.get(1).get("id").asLong());
            assertThat(older.get("nextCursor").isNull()).isTrue();
        }
    }

    /** The trail once it holds at least {@code count} entries (they are written just after each response). */
    private static List<JsonNode> awaitEntries(TestApp app, int count) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.clear();
            Json.mapper().readTree(app.get("/api/audit?limit=1000").body()).get("items").forEach(entries::add);
            if (entries.size() >= count) {
                Thread.sleep(200); // let any still in flight land too
                entries.clear();
                Json.mapper().readTree(app.get("/api/audit?limit=1000").body()).get("items").forEach(entries::add);
                return entries;
            }
            Thread.sleep(50);
        }
        return entries;
    }

    private static JsonNode first(List<JsonNode> entries, String action) {
        return entries.stream().filter(e -> e.get("action").asText().equals(action)).findFirst().orElseThrow();
    }

    private static JsonNode last(List<JsonNode> entries, String action) {
        return entries.stream().filter(e -> e.get("action").asText().equals(action))
                .reduce((a, b) -> b).orElseThrow();
    }
}
