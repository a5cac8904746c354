package io.aftercare.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthIntegrationTest {
    /** Routes that answer with an endless event stream when allowed. */
    private static final java.util.Set<String> STREAMS = java.util.Set.of("/api/push", "/api/wallboard/stream");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void signInGivesATokenThatExpiresAndCanBeRevoked() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            var login = app.as(null).post("/api/auth/login",
                    "{\"username\": \"admin\", \"password\": \"" + TestApp.ADMIN_PASSWORD + "\"}");
            assertThat(login.status()).isEqualTo(200);
            String token = Json.mapper().readTree(login.body()).get("token").asText();
            assertThat(login.body()).doesNotContain("passwordHash");
            assertThat(app.as(token).get("/api/auth/me").body()).contains("\"role\":\"admin\"");

            clock.advance(Duration.ofHours(11));
            assertThat(app.as(token).get("/api/customers").status()).isEqualTo(200);
            clock.advance(Duration.ofHours(2)); // past the 12 h session
            assertThat(app.as(token).get("/api/customers").status()).isEqualTo(401);

            String fresh = app.signIn("sup", "supervisor", null);
            assertThat(app.as(fresh).post("/api/auth/logout", "{}").status()).isEqualTo(200);
            assertThat(app.as(fresh).get("/api/customers").status()).isEqualTo(401);
        }
    }

    @Test
    void wrongPasswordsForgedTokensAndMissingTokensAre401() {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            var wrong = app.as(null).post("/api/auth/login", "{\"username\": \"admin\", \"password\": \"guess\"}");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.contentType()).isEqualTo("application/problem+json");
            assertThat(app.as(null).post("/api/auth/login", "{\"username\": \"nobody\", \"password\": \"guess\"}")
                    .status()).isEqualTo(401);
            assertThat(app.as("forged-token").get("/api/customers").status()).isEqualTo(401);
            assertThat(app.as("x".repeat(5000)).get("/api/customers").status()).isEqualTo(401);
            assertThat(app.as(null).get("/api/customers").status()).isEqualTo(401);
            assertThat(app.as(null).get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void repeatedFailuresAreRateLimited() {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            for (int i = 0; i < 5; i++) {
                app.as(null).post("/api/auth/login", "{\"username\": \"admin\", \"password\": \"guess" + i + "\"}");
            }
            var throttled = app.as(null).post("/api/auth/login",
                    "{\"username\": \"admin\", \"password\": \"" + TestApp.ADMIN_PASSWORD + "\"}");
            assertThat(throttled.status()).isEqualTo(429);
            clock.advance(Duration.ofMinutes(6));
            assertThat(app.as(null).post("/api/auth/login",
                    "{\"username\": \"admin\", \"password\": \"" + TestApp.ADMIN_PASSWORD + "\"}").status()).isEqualTo(200);
        }
    }

    @Test
    void apiTokensServeIntegrations() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            var created = app.post("/api/tokens", "{\"accountId\": 1, \"label\": \"erp\", \"days\": 30}");
            assertThat(created.status()).isEqualTo(201);
            String token = Json.mapper().readTree(created.body()).get("token").asText();
            assertThat(app.as(token).get("/api/products").status()).isEqualTo(200);
            clock.advance(Duration.ofDays(31));
            assertThat(app.as(token).get("/api/products").status()).isEqualTo(401);
        }
    }

    @Test
    void anIntegrationAccountWritesShopDataWithATokenAndNothingElse() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            assertThat(app.post("/api/accounts", "{\"username\": \"erp\", \"role\": \"integration\","
                    + " \"password\": \"secret-secret\"}").status()).isEqualTo(422);
            var created = app.post("/api/accounts", "{\"username\": \"erp\", \"role\": \"integration\"}");
            assertThat(created.status()).isEqualTo(201);
            long id = Json.mapper().readTree(created.body()).get("id").asLong();
            assertThat(app.as(null).post("/api/auth/login", "{\"username\": \"erp\", \"password\": \"\"}")
                    .status()).isEqualTo(401);
            var issued = app.post("/api/tokens", "{\"accountId\": " + id + ", \"label\": \"shop\", \"days\": 365}");
            String token = Json.mapper().readTree(issued.body()).get("token").asText();

            assertThat(app.as(token).post("/api/products", "{\"sku\": \"WM-1\", \"name\": \"Washer\","
                    + " \"category\": \"laundry\", \"warrantyMonths\": 24}").status()).isEqualTo(201);
            assertThat(app.as(token).post("/api/customers", "{\"name\": \"Ann Shop\", \"phones\": [\"+33612345678\"]}")
                    .status()).isEqualTo(201);
            assertThat(app.as(token).get("/api/customers?phone=%2B33612345678").status()).isEqualTo(200);
            for (String denied : List.of("/api/calls", "/api/agents", "/api/search?q=ann", "/api/reports/queues",
                    "/api/accounts", "/api/audit", "/api/wallboard", "/api/surveys/results")) {
                assertThat(app.as(token).get(denied).status()).as(denied).isEqualTo(403);
            }
            assertThat(app.get("/api/audit").body()).contains("\"actor\":\"erp\",\"role\":\"integration\"").contains("/api/products");
            assertThat(app.patch("/api/accounts/" + id, "{\"password\": \"secret-secret\"}").status())
                    .isEqualTo(422);
        }
    }

    @Test
    void aDisplayTokenReadsTheWallboardAndNothingElse() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            var created = app.post("/api/accounts", "{\"username\": \"tv-floor1\", \"role\": \"display\"}");
            assertThat(created.status()).isEqualTo(201);
            long id = Json.mapper().readTree(created.body()).get("id").asLong();
            var issued = app.post("/api/tokens", "{\"accountId\": " + id + ", \"label\": \"floor 1 TV\","
                    + " \"days\": 3650}");
            String token = Json.mapper().readTree(issued.body()).get("token").asText();
            assertThat(app.as(token).get("/api/wallboard").status()).isEqualTo(200);
            for (String denied : List.of("/api/customers", "/api/products", "/api/calls", "/api/agents",
                    "/api/reports/queues", "/api/cases")) {
                assertThat(app.as(token).get(denied).status()).as(denied).isEqualTo(403);
            }
            String tokenId = Json.mapper().readTree(app.get("/api/tokens").body()).get(0).get("id").asText();
            assertThat(app.send("DELETE", "/api/tokens/" + tokenId, null).status()).isEqualTo(200);
            assertThat(app.as(token).get("/api/wallboard").status()).as("revoked").isEqualTo(401);
        }
    }

    /** Walks every mounted route with every role: each is named by a policy rule and enforced as it says. */
    @Test
    void everyRouteEnforcesItsRolesForEveryRole() {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            app.app().services().customers(); // the demo agents are not needed: an agent account needs an agent row
            app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface,"
                    + " created_at) VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("anonymous", null);
            tokens.put("agent", app.signIn("a1", "agent", "agent1"));
            tokens.put("supervisor", app.signIn("s1", "supervisor", null));
            tokens.put("admin", app.signIn("ad1", "admin", null));
            tokens.put("integration", app.apiToken("shop", "integration"));
            tokens.put("display", app.apiToken("tv1", "display"));
            AccessPolicy policy = AccessPolicy.defaults();
            List<String> problems = new ArrayList<>();
            for (Route route : app.app().router().getRoutes()) {
                if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                    continue;
                }
                for (HttpMethod method : route.methods()) {
                    String path = route.getPath().replaceAll(":[A-Za-z]+", "1");
                    if (!policy.covers(method, path)) {
                        problems.add("no access rule for " + method + " " + route.getPath());
                        continue;
                    }
                    AccessPolicy.Rule rule = policy.ruleFor(method, path);
                    if (path.equals("/api/auth/logout") || rule.isPublic()) {
                        continue; // logout would end the walker's own session; public routes answer everyone
                    }
                    tokens.forEach((who, token) -> {
                        boolean allowedHere = token != null && rule.allows(Role.valueOf(who.toUpperCase(
                                java.util.Locale.ROOT)));
                        if (STREAMS.contains(path) && allowedHere) {
                            return; // an allowed event stream never ends; its own tests read it
                        }
                        int status = app.as(token).send(method.name(), path, method == HttpMethod.GET ? null : "{}")
                                .status();
                        boolean allowed = rule.isPublic() || (token != null && rule.allows(Role.valueOf(who.toUpperCase(
                                java.util.Locale.ROOT))));
                        int denied = token == null ? 401 : 403;
                        if (allowed == (status == denied) || (!allowed && status != denied)) {
                            problems.add(who + " " + method + " " + route.getPath() + " -> " + status
                                    + (allowed ? " (should be allowed)" : " (should be " + denied + ")"));
                        }
                    });
                }
            }
            assertThat(problems).isEmpty();
        }
    }
}
