package io.aftercare.web;

import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every endpoint with from and to query parameters, as /openapi.yaml lists them, reads them alike: extreme,
 * reversed, too long, malformed and missing bounds are a 422 problem, good ones a 200.
 */
class DateRangeIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    /** from, to (null: left out). */
    private static final List<String[]> REJECTED = List.of(
            new String[] {"+1000000000-01-01T00:00:00Z", "2026-01-01"},
            new String[] {"2026-01-01", "+1000000000-12-31T23:59:59Z"},
            new String[] {"2026-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z"},
            new String[] {"-999999999-01-01T00:00:00Z", "2026-01-01"},
            new String[] {"1970-01-01", "1970-01-02"},
            new String[] {"2026-01-01", "9999-12-31"},
            new String[] {"2026-02-01", "2026-01-01"},
            new String[] {"2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z"},
            new String[] {"2026-01-01", "2026-01-01T00:00:00Z"},
            new String[] {"2025-01-01", "2026-06-01"},
            new String[] {"yesterday", "2026-01-01"},
            new String[] {"2026-02-30", "2026-03-01"},
            new String[] {"2026-01-01", "tomorrow"},
            new String[] {null, "2026-01-01"},
            new String[] {"2026-01-01", null},
            new String[] {null, null});

    private static final List<String[]> ACCEPTED = List.of(
            new String[] {"2026-01-01", "2026-02-01"},
            new String[] {"2026-01-01T00:00:00Z", "2026-01-02T00:00:00+01:00"},
            new String[] {"2026-01-05T08:00", "2026-01-05T18:00:30.5"},
            new String[] {"2025-11-20", "2026-11-21"});

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void everyFromToEndpointRejectsBadBoundsWith422AndAcceptsGoodOnes(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            String openApi = app.get("/openapi.yaml").body();
            List<String> endpoints = endpointsWithFromAndTo(openApi, false);
            List<String> required = endpointsWithFromAndTo(openApi, true);
            SoftAssertions soft = new SoftAssertions();
            soft.assertThat(endpoints).as("endpoints with from and to")
                    .contains("/api/surveys/results", "/api/reports/queues", "/api/reports/agents", "/api/calls");
            for (String endpoint : endpoints) {
                for (String[] bounds : REJECTED) {
                    if (bounds[0] == null && bounds[1] == null && !required.contains(endpoint)) {
                        continue; // GET /api/calls: no bounds at all is every call
                    }
                    TestApp.Reply reply = app.get(endpoint + query(bounds));
                    String what = endpoint + query(bounds) + ": " + reply.body();
                    soft.assertThat(reply.status()).as(what).isEqualTo(422);
                    soft.assertThat(reply.contentType()).as(what).startsWith("application/problem+json");
                    soft.assertThat(reply.body()).as(what).containsAnyOf("\"detail\":\"from ", "\"detail\":\"to ");
                }
                for (String[] bounds : ACCEPTED) {
                    TestApp.Reply reply = app.get(endpoint + query(bounds));
                    soft.assertThat(reply.status()).as(endpoint + query(bounds) + ": " + reply.body()).isEqualTo(200);
                }
            }
            soft.assertAll();
        }
    }

    /** The GET endpoints that take from and to (only those that require them, when {@code required}). */
    @SuppressWarnings("unchecked")
    private static List<String> endpointsWithFromAndTo(String openApi, boolean required) {
        Map<String, Object> doc = new Yaml().load(openApi);
        List<String> endpoints = new ArrayList<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, item) -> {
            if (item.get("get") instanceof Map<?, ?> get && get.get("parameters") instanceof List<?> parameters) {
                List<?> names = parameters.stream().filter(p -> !required
                        || Boolean.TRUE.equals(((Map<?, ?>) p).get("required")))
                        .map(p -> ((Map<?, ?>) p).get("name")).toList();
                if (names.contains("from") && names.contains("to")) {
                    endpoints.add(path);
                }
            }
        });
        return endpoints;
    }

    private static String query(String[] bounds) {
        List<String> parts = new ArrayList<>();
        if (bounds[0] != null) {
            parts.add("from=" + URLEncoder.encode(bounds[0], StandardCharsets.UTF_8));
        }
        if (bounds[1] != null) {
            parts.add("to=" + URLEncoder.encode(bounds[1], StandardCharsets.UTF_8));
        }
        return "?" + String.join("&", parts);
    }
}
