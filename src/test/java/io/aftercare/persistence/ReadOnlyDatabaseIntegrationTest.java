package io.aftercare.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftercare.testing.RawHttp;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service over a database that answers reads but refuses writes: /health says so instead of "up", and
 * sign-in and writes answer 503 with the reason instead of 500.
 */
class ReadOnlyDatabaseIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void readOnlyDatabaseIsReportedByHealthAndWritesAnswer503WithTheReason(String kind) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir)) {
            String token;
            try (TestApp writable = new TestApp(kept(db, db.config().url()), Clock.systemUTC())) {
                token = writable.signIn("lead", "supervisor", null);
            }
            try (TestApp app = TestApp.startedWithToken(kept(db, readOnly(db)), Clock.systemUTC(), token)) {
                var health = app.get("/health");
                assertThat(health.status()).as(health.body()).isEqualTo(503);
                JsonNode body = JSON.readTree(health.body());
                assertThat(body.get("status").asText()).isEqualTo("DOWN");
                assertThat(body.get("database").asText()).isEqualTo("read-only");
                assertThat(body.get("databaseReason").asText()).contains("read-only");

                assertThat(app.get("/api/auth/me").status()).as("reads are still served").isEqualTo(200);

                var signIn = RawHttp.send(app.app().httpPort(), "POST", "/api/auth/login", null,
                        "{\"username\": \"lead\", \"password\": \"password-lead\"}");
                assertThat(signIn.status()).as(signIn.body()).isEqualTo(503);
                assertThat(signIn.head()).contains("application/problem+json")
                        .as("waiting does not make a read-only database writable").doesNotContain("Retry-After");
                assertThat(JSON.readTree(signIn.body()).get("detail").asText()).contains("read-only");

                var write = app.post("/api/customers", "{\"name\": \"Ada\", \"phones\": [\"+12125550123\"]}");
                assertThat(write.status()).as(write.body()).isEqualTo(503);
                assertThat(write.contentType()).isEqualTo("application/problem+json");
                assertThat(JSON.readTree(write.body()).get("detail").asText()).contains("read-only");
            }
        }
    }

    /**
     * The same database, refusing writes. SQLite: the file opened read-only, which is what SQLite does on its own
     * with a write-protected file; chmod alone would not do, as root (often the test user in containers) writes
     * anyway. PostgreSQL: every transaction read-only, as on a standby.
     */
    private String readOnly(TestDatabases.TestDb db) {
        return db.config().isSqlite() ? "jdbc:sqlite:file:" + dir.resolve("aftercare-test.db") + "?mode=ro"
                : db.config().url() + "&options=-c%20default_transaction_read_only%3Don";
    }

    /** {@code db} at {@code url}, left in place when an app closes it. */
    private static TestDatabases.TestDb kept(TestDatabases.TestDb db, String url) {
        return new TestDatabases.TestDb(db.name(), db.config().withUrl(url), () -> {});
    }
}
