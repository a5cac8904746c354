package io.aftercare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The REST API end to end over HTTP, on SQLite and (when reachable) PostgreSQL. */
class ApiIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> kinds() {
        return TestDatabases.kinds();
    }

    private static JsonNode json(TestApp.Reply reply) throws Exception {
        return Json.mapper().readTree(reply.body());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void customerIsFoundByAnyOfTheirNumbersInAnyFormat(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            var created = app.post("/api/customers", """
                    {"name": "Alice Buyer", "tier": "vip", "language": "en", "country": "US",
                     "phones": ["(212) 555-0123", {"number": "+44 7400 123456", "kind": "work"}]}""");
            assertThat(created.status()).isEqualTo(201);
            JsonNode alice = json(created);
            assertThat(alice.get("tier").asText()).isEqualTo("vip");
            assertThat(alice.get("phones").findValuesAsText("e164")).containsExactlyInAnyOrder("+12125550123",
                    "+447400123456");

            for (String query : new String[] {"2125550123", "%2B1%20212-555-0123", "%2B447400123456"}) {
                var found = app.get("/api/customers?phone=" + query);
                assertThat(found.status()).isEqualTo(200);
                assertThat(json(found).at("/items/0/name").asText()).isEqualTo("Alice Buyer");
            }
            assertThat(json(app.get("/api/customers?phone=3125550199")).get("items")).isEmpty();
            assertThat(json(app.get("/api/customers/" + alice.get("id").asLong())).get("name").asText())
                    .isEqualTo("Alice Buyer");

            var patched = app.patch("/api/customers/" + alice.get("id").asLong(), "{\"tier\": \"gold\"}");
            assertThat(json(patched).get("tier").asText()).isEqualTo("gold");
            assertThat(json(patched).get("phones")).hasSize(2);

            // a national number of another country, read in the region asked for
            assertThat(json(app.get("/api/customers?phone=07400%20123456&region=GB")).at("/items/0/name").asText())
                    .isEqualTo("Alice Buyer");
            assertProblem(app.get("/api/customers?phone=07400%20123456"), 422, "not a valid number in region US");
            assertProblem(app.get("/api/customers?phone=07400123456&region=XX"), 422, "unknown region");

            // a PATCH that adds a number keeps the kinds of the others, given as plain numbers
            var added = app.patch("/api/customers/" + alice.get("id").asLong(), """
                    {"phones": ["(212) 555-0123", "+44 7400 123456", {"number": "+33 6 12 34 56 78", "kind": "home"}]}""");
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            java.util.Map<String, String> kinds = new java.util.TreeMap<>();
            json(added).get("phones").forEach(p -> kinds.put(p.get("e164").asText(), p.get("kind").asText()));
            assertThat(kinds).containsExactly(java.util.Map.entry("+12125550123", "mobile"),
                    java.util.Map.entry("+33612345678", "home"), java.util.Map.entry("+447400123456", "work"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void badInputGetsAProblemDocumentAndChangesNothing(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            assertThat(app.post("/api/customers", "{\"name\": \"Bob\", \"phones\": [\"2125550123\"]}").status())
                    .isEqualTo(201);
            assertProblem(app.post("/api/customers", "{\"name\": \"Eve\", \"phones\": [\"+1 212 555 0123\"]}"),
                    409, "already belongs to customer");
            assertProblem(app.post("/api/customers", "{\"name\": \"Eve\", \"phones\": [\"5551234567\"]}"),
                    422, "not a valid number");
            assertProblem(app.post("/api/customers", "{\"name\": \"Eve\", \"phones\": [\"call me\"]}"),
                    422, "phones[0]");
            assertProblem(app.post("/api/customers",
                    "{\"name\": \"Eve\", \"phones\": [\"2125550188\", \"212-555-0188\"]}"), 422, "listed twice");
            assertProblem(app.post("/api/customers", "{\"name\": \"Eve\", \"country\": \"XX\"}"), 422, "country");
            assertProblem(app.post("/api/customers", "{\"name\": \"Eve\", \"tier\": \"platinum\"}"), 422, "tier");
            assertProblem(app.post("/api/customers", "{\"name\": \"Eve\", \"shoeSize\": 42}"), 400,
                    "unknown field 'shoeSize'");
            assertProblem(app.post("/api/customers", "{\"name\": \"Eve\""), 400, "malformed JSON");
            assertProblem(app.post("/api/customers", "[1,2]"), 400, "expected a JSON object, got an array");
            assertProblem(app.post("/api/customers", "{\"name\": \"Eve\"} {}"), 400, "got more after it");
            assertProblem(app.post("/api/customers", ""), 400, "empty");
            assertProblem(app.post("/api/customers", "{\"phones\": []}"), 422, "name is required");
            assertProblem(app.post("/api/customers", "{\"name\": \"" + "x".repeat(2_000_000) + "\"}"), 413, "larger");
            assertProblem(app.get("/api/customers?phone=abc"), 422, "phone number");
            assertProblem(app.get("/api/customers/999999"), 404, "does not exist");
            assertProblem(app.get("/api/customers/nope"), 404, "not a known id");
            assertProblem(app.get("/api/nothing-here"), 404, "no resource");
            assertProblem(app.patch("/api/customers/1", "{\"timeZone\": \"Mars/Olympus\"}"), 422, "timeZone");
            assertThat(json(app.get("/api/customers")).get("items").size()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void ordersWarrantiesAndCasesAreRecordedAndFoundBySerial(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            long customerId = json(app.post("/api/customers",
                    "{\"name\": \"Carol\", \"externalRef\": \"C-7\", \"phones\": [\"3125550199\"]}")).get("id").asLong();
            var order = app.post("/api/orders", """
                    {"orderNumber": "SO-1", "customerRef": "C-7", "orderedOn": "2026-11-01", "currency": "USD",
                     "channel": "web", "lines": [
                       {"sku": "PH-1", "productName": "Phone", "category": "phone", "quantity": 1, "unitPrice": 69900,
                        "serialNumbers": ["SN-123"]},
                       {"sku": "AC-1", "productName": "Case", "category": "accessory", "quantity": 2, "unitPrice": 1999}]}""");
            assertThat(order.status()).isEqualTo(201);
            assertThat(json(order).get("totalMinor").asLong()).isEqualTo(69900 + 2 * 1999);
            assertThat(json(app.get("/api/orders?serial=SN-123")).at("/items/0/orderNumber").asText()).isEqualTo("SO-1");
            assertThat(json(app.get("/api/customers/" + customerId + "/orders")).at("/items/0/lines")).hasSize(2);
            assertProblem(app.post("/api/orders", "{\"orderNumber\": \"SO-1\", \"customerId\": " + customerId
                    + ", \"orderedOn\": \"2026-11-02\", \"currency\": \"USD\", \"lines\": [{\"sku\": \"PH-1\","
                    + " \"quantity\": 1, \"unitPrice\": 1}]}"), 409, "already exists");
            assertProblem(app.post("/api/orders", "{\"orderNumber\": \"SO-2\", \"customerId\": " + customerId
                    + ", \"orderedOn\": \"2026-13-02\", \"currency\": \"USD\", \"lines\": []}"), 422, "orderedOn");

            var warranty = app.post("/api/warranties", "{\"customerId\": " + customerId + ", \"serialNumber\": \"SN-123\","
                    + " \"sku\": \"PH-1\", \"startsOn\": \"2026-11-01\", \"endsOn\": \"2028-10-31\"}");
            assertThat(warranty.status()).isEqualTo(201);
            JsonNode active = json(app.get("/api/warranties?serial=SN-123")).get(0);
            assertThat(active.get("status").asText()).isEqualTo("active");
            assertThat(active.get("daysLeft").asLong()).isEqualTo(711);

            var opened = app.post("/api/cases", "{\"customerId\": " + customerId + ", \"type\": \"repair\","
                    + " \"subject\": \"Screen flickers\", \"sku\": \"PH-1\", \"serialNumber\": \"SN-123\"}");
            assertThat(opened.status()).isEqualTo(201);
            long caseId = json(opened).get("id").asLong();
            assertThat(json(app.get("/api/cases?customerId=" + customerId)).at("/items/0/status").asText()).isEqualTo("open");
            var closed = app.patch("/api/cases/" + caseId, "{\"status\": \"closed\"}");
            assertThat(json(closed).get("closedAt").asText()).isEqualTo("2026-11-20T10:00:00Z");
            assertProblem(app.post("/api/cases", "{\"customerId\": " + customerId + ", \"type\": \"refund\"}"),
                    422, "type must be one of");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void healthAndMetricsAnswer(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            var health = app.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(json(health).get("database").asText()).isEqualTo("up");
            assertThat(json(health).get("ami").get("pbx1").asText()).isEqualTo("not configured");
            var metrics = app.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("vertx_http_server");
        }
    }

    private static void assertProblem(TestApp.Reply reply, int status, String detail) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = json(reply);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).contains(detail);
    }
}
