package io.aftercare.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Searching customers by name: the query is text, so LIKE's wildcards in it match only themselves. */
class CustomerSearchIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void wildcardsInTheQueryMatchOnlyNamesThatContainThem(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            for (String name : List.of("Ann 100% Sure", "Bob_Smith", "Carol Plain", "Dave! Loud", "Erin Ordinary")) {
                assertThat(app.post("/api/customers", "{\"name\": \"" + name + "\"}").status()).isEqualTo(201);
            }
            assertThat(names(app, "%25")).containsExactly("Ann 100% Sure");
            assertThat(names(app, "_")).containsExactly("Bob_Smith");
            assertThat(names(app, "!")).containsExactly("Dave! Loud");
            assertThat(names(app, "0%25%20s")).containsExactly("Ann 100% Sure");
            assertThat(names(app, "ol_p")).isEmpty(); // '_' would match the space in "Carol Plain"
            assertThat(names(app, "!%25")).isEmpty(); // the escape character itself is escaped
            assertThat(names(app, "%25%25")).isEmpty();
            assertThat(names(app, "IN")).containsExactly("Carol Plain", "Erin Ordinary");
        }
    }

    private static List<String> names(TestApp app, String encodedQuery) throws Exception {
        TestApp.Reply reply = app.get("/api/customers?q=" + encodedQuery);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode customer : Json.mapper().readTree(reply.body()).get("items")) {
            names.add(customer.get("name").asText());
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void customersPageByIdWithTheSharedCursor(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            for (int i = 0; i < 7; i++) {
                assertThat(app.post("/api/customers", "{\"name\": \"" + (i % 2 == 0 ? "Even " : "Odd ") + i + "\"}")
                        .status()).isEqualTo(201);
            }
            assertThat(walk(app, "/api/customers?limit=3")).containsExactly("Even 0", "Odd 1", "Even 2", "Odd 3",
                    "Even 4", "Odd 5", "Even 6");
            assertThat(walk(app, "/api/customers?q=even&limit=1")).containsExactly("Even 0", "Even 2", "Even 4",
                    "Even 6");
            assertThat(app.get("/api/customers?after=42").status()).isEqualTo(400);
        }
    }

    private static List<String> walk(TestApp app, String path) {
        return app.walk(path).stream().map(c -> c.get("name").asText()).toList();
    }
}
