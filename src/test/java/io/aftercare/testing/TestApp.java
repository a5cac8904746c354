package io.aftercare.testing;

import io.aftercare.App;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** The whole service on dynamic ports over a test database, with a small HTTP client. Not thread-safe. */
public final class TestApp implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password";

    private final App app;
    private final TestDatabases.TestDb db;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    public TestApp(TestDatabases.TestDb db, Clock clock) {
        this(db, clock, UnaryOperator.identity());
    }

    /** As {@link #TestApp(TestDatabases.TestDb, Clock)}, the test configuration changed by {@code tweak} first. */
    public TestApp(TestDatabases.TestDb db, Clock clock, UnaryOperator<AftercareConfig> tweak) {
        this.db = db;
        this.app = start(db, clock, tweak);
        app.services().auth().bootstrapAdmin(ADMIN_PASSWORD);
        this.token = app.services().auth().login("admin", ADMIN_PASSWORD, "test").token();
    }

    private TestApp(App app, TestDatabases.TestDb db, String token) {
        this.app = app;
        this.db = db;
        this.token = token;
    }

    /**
     * The whole service over a database that already has its accounts, sending {@code token}: nothing is written
     * at start, so the database may be one that refuses writes.
     */
    public static TestApp startedWithToken(TestDatabases.TestDb db, Clock clock, String token) {
        return new TestApp(start(db, clock, UnaryOperator.identity()), db, token);
    }

    private static App start(TestDatabases.TestDb db, Clock clock, UnaryOperator<AftercareConfig> tweak) {
        var defaults = ConfigLoader.defaults();
        // cheap hashes keep tests fast; a loaded CI machine must not turn a route (or the callback case it waits
        // for) into a fallback: tests of the budget set their own
        return App.start(tweak.apply(defaults.withDb(db.config()).withHttpPort(0).withAgiPort(0)
                .withAgi(defaults.withAgiPort(0).agi().withRouteBudget(Duration.ofSeconds(5)))
                .withAuth(defaults.auth().withBcryptCost(4))), clock);
    }

    /** The same running app, sending another bearer token (null: none). Do not close the view. */
    public TestApp as(String otherToken) {
        return new TestApp(app, db, otherToken);
    }

    /** Creates an account of the role and signs it in; returns its bearer token. */
    public String signIn(String username, String role, String agentLogin) {
        var auth = app.services().auth();
        auth.createAccount(new io.aftercare.auth.AuthService.AccountInput(username, username, role, agentLogin,
                "password-" + username));
        return auth.login(username, "password-" + username, "test").token();
    }

    /** An account of a token-only role (integration, display) and an API token for it: it has no password. */
    public String apiToken(String username, String role) {
        var auth = app.services().auth();
        var account = auth.createAccount(new io.aftercare.auth.AuthService.AccountInput(username, username,
                role, null, null));
        return auth.apiToken(account.id(), "test", java.time.Duration.ofDays(1)).token();
    }

    public App app() {
        return app;
    }

    /** A response's status, content type and body. */
    public record Reply(int status, String contentType, String body) {}

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /**
     * Every item of a keyset-paged list (web/Page), following nextCursor from {@code path} (which may hold a query
     * string, and an {@code after} to start from) to the last page; each page must answer 200.
     */
    public java.util.List<com.fasterxml.jackson.databind.JsonNode> walk(String path) {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> items = new java.util.ArrayList<>();
        String base = path.replaceAll("([?&])after=[^&]*&?", "$1").replaceAll("[?&]$", ""); // the next pages' own
        String after = null;
        do {
            Reply reply = get(after == null ? path : base + (base.contains("?") ? "&" : "?") + "after=" + after);
            if (reply.status() != 200) {
                throw new AssertionError("page of " + path + " answered " + reply.status() + ": " + reply.body());
            }
            try {
                var page = io.aftercare.web.Json.mapper().readTree(reply.body());
                page.get("items").forEach(items::add);
                after = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } while (after != null);
        return items;
    }

    /** A GET with an Accept header. */
    public Reply get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    public Reply send(String method, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply patch(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.httpPort() + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.close();
        db.close();
    }
}
