package io.aftercare.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API of webhooks: subscriptions validated, the secret shown once, a test ping delivered and logged,
 * a failed delivery retried by hand, the log paged newest first, the figures in /metrics; admins only.
 */
class WebhookRoutesIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static JsonNode json(TestApp.Reply reply) throws Exception {
        return Json.mapper().readTree(reply.body());
    }

    @Test
    void adminsManageSubscriptionsAndTheirSecretIsShownOnce() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC())) {
            var created = app.post("/api/webhooks", "{\"url\": \"https://crm.example.com/hooks\", \"eventTypes\":"
                    + " [\"case.opened\", \"survey.detractor\", \"case.opened\"], \"description\": \"CRM\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode hook = json(created);
            long id = hook.get("id").asLong();
            assertThat(hook.get("secret").asText()).startsWith("whsec_").hasSizeGreaterThan(40);
            assertThat(hook.get("eventTypes")).extracting(JsonNode::asText)
                    .containsExactly("case.opened", "survey.detractor");
            assertThat(hook.get("active").asBoolean()).isTrue();

            assertThat(app.get("/api/webhooks").body()).doesNotContain("secret").contains("crm.example.com");
            assertThat(app.get("/api/webhooks/" + id).body()).doesNotContain("secret");
            var changed = app.patch("/api/webhooks/" + id, "{\"active\": false, \"secret\": \"a-new-secret-of-32-chars\"}");
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(changed.body()).doesNotContain("secret");
            assertThat(json(changed).get("active").asBoolean()).isFalse();
            assertThat(json(changed).get("description").asText()).isEqualTo("CRM");
            assertThat(app.post("/api/webhooks/" + id + "/test", "").status()).as("inactive").isEqualTo(409);

            for (String bad : new String[] {"{\"url\": \"ftp://crm.example.com/\", \"eventTypes\": [\"case.opened\"]}",
                    "{\"url\": \"https://crm.example.com/\\r\\nX-Injected: 1\", \"eventTypes\": [\"case.opened\"]}",
                    "{\"url\": \"https://user:pw@crm.example.com/\", \"eventTypes\": [\"case.opened\"]}",
                    "{\"url\": \"https://crm.example.com/\", \"eventTypes\": [\"case.deleted\"]}",
                    "{\"url\": \"https://crm.example.com/\", \"eventTypes\": [\"ping\"]}",
                    "{\"url\": \"https://crm.example.com/\", \"eventTypes\": []}",
                    "{\"url\": \"https://crm.example.com/\", \"eventTypes\": [\"case.opened\"], \"secret\": \"short\"}",
                    "{\"eventTypes\": [\"case.opened\"]}"}) {
                var refused = app.post("/api/webhooks", bad);
                assertThat(refused.status()).as(bad + " -> " + refused.body()).isEqualTo(422);
            }
            assertThat(app.post("/api/webhooks", "{\"url\": \"https://x.example/\", \"eventTypes\": [\"case.opened\"],"
                    + " \"colour\": \"red\"}").status()).isEqualTo(400);

            TestApp supervisor = app.as(app.signIn("sup", "supervisor", null));
            assertThat(supervisor.get("/api/webhooks").status()).isEqualTo(403);
            assertThat(supervisor.get("/api/webhooks/" + id + "/deliveries").status()).isEqualTo(403);

            assertThat(app.send("DELETE", "/api/webhooks/" + id, null).status()).isEqualTo(200);
            assertThat(app.get("/api/webhooks/" + id).status()).isEqualTo(404);
            assertThat(app.send("DELETE", "/api/webhooks/" + id, null).status()).isEqualTo(404);
        }
    }

    @Test
    void aTestPingIsDeliveredAndLoggedAndAFailedDeliveryIsRetriedByHand() throws Exception {
        try (Receiver receiver = new Receiver(410);
             TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC())) {
            long id = json(app.post("/api/webhooks", "{\"url\": \"" + receiver.url("/ping") + "\", \"eventTypes\":"
                    + " [\"call.ended\"]}")).get("id").asLong();
            var ping = app.post("/api/webhooks/" + id + "/test", "");
            assertThat(ping.status()).as(ping.body()).isEqualTo(201);
            long first = json(ping).get("id").asLong();
            assertThat(json(ping).get("eventType").asText()).isEqualTo("ping");
            await().atMost(WAIT).until(() -> json(app.get("/api/webhooks/" + id + "/deliveries")).path("items").get(0)
                    .get("attempts").asInt() == 1);
            JsonNode failed = json(app.get("/api/webhooks/" + id + "/deliveries")).path("items").get(0);
            assertThat(failed.get("status").asText()).isEqualTo("pending");
            assertThat(failed.get("lastStatusCode").asInt()).isEqualTo(410);
            assertThat(failed.get("lastError").asText()).isEqualTo("answered HTTP 410");
            assertThat(failed.at("/attemptLog/0/statusCode").asInt()).isEqualTo(410);

            var retried = app.post("/api/webhooks/deliveries/" + first + "/retry", "");
            assertThat(retried.status()).as(retried.body()).isEqualTo(200);
            await().atMost(WAIT).until(() -> json(app.get("/api/webhooks/" + id + "/deliveries")).path("items").get(0)
                    .get("status").asText().equals("delivered"));
            JsonNode delivered = json(app.get("/api/webhooks/" + id + "/deliveries")).path("items").get(0);
            assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
            assertThat(delivered.get("nextAttemptAt").isNull()).isTrue();
            assertThat(delivered.get("attemptLog")).hasSize(2);
            assertThat(receiver.requests()).extracting(r -> r.header("Idempotency-Key")).containsOnly(
                    delivered.get("eventId").asText());
            assertThat(Json.mapper().readTree(receiver.requests().get(1).body()).at("/data/webhookId").asLong())
                    .isEqualTo(id);

            assertThat(app.post("/api/webhooks/" + id + "/test", "").status()).isEqualTo(201);
            await().atMost(WAIT).until(() -> json(app.get("/api/webhooks/" + id + "/deliveries")).path("items").get(0)
                    .get("status").asText().equals("delivered"));
            JsonNode log = json(app.get("/api/webhooks/" + id + "/deliveries?limit=1"));
            assertThat(log.path("items")).hasSize(1);
            long newest = log.path("items").get(0).get("id").asLong();
            assertThat(newest).isGreaterThan(first);
            JsonNode older = json(app.get("/api/webhooks/" + id + "/deliveries?limit=1&after="
                    + log.path("nextCursor").asText()));
            assertThat(older.path("items")).hasSize(1);
            assertThat(older.path("items").get(0).get("id").asLong()).isEqualTo(first);
            assertThat(app.get("/api/webhooks/" + id + "/deliveries?after=garbage").status()).isEqualTo(400);
            assertThat(app.post("/api/webhooks/deliveries/999999/retry", "").status()).isEqualTo(404);
            assertThat(app.get("/api/webhooks/999999/deliveries").status()).isEqualTo(404);

            String metrics = app.get("/metrics").body();
            assertThat(metrics).contains("aftercare_webhook_deliveries_total{outcome=\"delivered\"} 2.0")
                    .contains("aftercare_webhook_deliveries_total{outcome=\"retry\"} 1.0")
                    .contains("aftercare_webhook_deliveries_total{outcome=\"failed\"} 0.0")
                    .contains("aftercare_webhook_pending ");
        }
    }
}
