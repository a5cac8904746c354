package io.aftercare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Every operation that takes a JSON body, as /openapi.yaml lists them (OpenApiContractTest keeps that list equal
 * to the router's), answers a body that is not a JSON object with 400 problem+json, never 500.
 */
class JsonBodyIntegrationTest {
    private static final List<String> NOT_OBJECTS = List.of("null", "[]", "1", "\"x\"", "{", "");

    @TempDir
    Path dir;

    @Test
    void everyJsonRouteAnswersABodyThatIsNotAnObjectWith400() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC())) {
            List<String[]> operations = operationsWithABody(app.get("/openapi.yaml").body());
            assertThat(operations).as("operations with a JSON body").hasSizeGreaterThanOrEqualTo(25);

            SoftAssertions soft = new SoftAssertions();
            for (String[] operation : operations) {
                for (String body : NOT_OBJECTS) {
                    TestApp.Reply reply = app.send(operation[0], operation[1], body);
                    String what = operation[0] + " " + operation[1] + " with body '" + body + "': " + reply.body();
                    soft.assertThat(reply.status()).as(what).isEqualTo(400);
                    soft.assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
                    if (reply.contentType().startsWith("application/problem+json")) {
                        JsonNode problem = Json.mapper().readTree(reply.body());
                        soft.assertThat(problem.path("detail").asText()).as(what)
                                .containsAnyOf("JSON object", "malformed JSON", "empty");
                    }
                }
            }
            soft.assertAll();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String[]> operationsWithABody(String openApi) {
        Map<String, Object> doc = new Yaml().load(openApi);
        List<String[]> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
            if (op instanceof Map<?, ?> operation && operation.containsKey("requestBody")) {
                operations.add(new String[] {method.toUpperCase(Locale.ROOT), concrete(path)});
            }
        }));
        return operations;
    }

    /** A path with every parameter filled in; the body is read before the id is looked up. */
    private static String concrete(String path) {
        return path.replace("{name}", "vip").replace("{linkedId}", "1700000000.1").replaceAll("\\{[A-Za-z]+}", "1");
    }
}
