package io.aftercare.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.MutableClock;
import io.aftercare.testing.RawHttp;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every mounted route, reached through every path spelling a client can send (dot segments through a public page,
 * percent-encoded dots and slashes, '//', ';' parameters, backslashes, a trailing slash, upper case) and through
 * HEAD and OPTIONS, by each role the route refuses: nothing reaches a handler the access policy did not allow.
 */
class PathVariantsIntegrationTest {
    /** Answers that prove no handler ran: refused path, unauthenticated, forbidden, no such route or method. */
    private static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405);

    private static final Map<String, UnaryOperator<String>> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("as is", p -> p);
        VARIANTS.put("dot-dot through the console", p -> "/console/.." + p);
        VARIANTS.put("dot-dot through the wallboard", p -> "/wallboard/x/../.." + p);
        VARIANTS.put("encoded dot-dot", p -> "/console/%2e%2e" + p);
        VARIANTS.put("encoded dot-dot, upper case", p -> "/wallboard/%2E%2E" + p);
        VARIANTS.put("dot segment", p -> p.replaceFirst("/api/", "/api/./"));
        VARIANTS.put("double slash", p -> p.replaceFirst("/api/", "/api//"));
        VARIANTS.put("leading double slash", p -> "/" + p);
        VARIANTS.put("semicolon parameter", p -> p.replaceFirst("/api/", "/api;x=1/"));
        VARIANTS.put("encoded slash", p -> p.replaceFirst("/api/", "/api%2f"));
        VARIANTS.put("encoded slash and dots", p -> "/console%2f..%2f.." + p);
        VARIANTS.put("backslash", p -> p.replaceFirst("/api/", "/api\\\\"));
        VARIANTS.put("encoded letter", p -> p.replaceFirst("/api/", "/%61pi/"));
        VARIANTS.put("trailing slash", p -> p + "/");
        VARIANTS.put("upper case", p -> p.toUpperCase(Locale.ROOT));
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void noPathSpellingOrMethodReachesAHandlerThePolicyRefused() {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface,"
                    + " created_at) VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
            Map<Role, String> tokens = new LinkedHashMap<>();
            tokens.put(null, null);
            tokens.put(Role.AGENT, app.signIn("a1", "agent", "agent1"));
            tokens.put(Role.SUPERVISOR, app.signIn("s1", "supervisor", null));
            AccessPolicy policy = AccessPolicy.defaults();
            List<String> problems = new ArrayList<>();
            int sent = 0;
            for (Route route : app.app().router().getRoutes()) {
                if (route.getPath() == null || route.methods() == null || !route.getPath().startsWith("/api/")) {
                    continue;
                }
                String path = route.getPath().replaceAll(":[A-Za-z]+", "1");
                for (HttpMethod method : route.methods()) {
                    AccessPolicy.Rule rule = policy.ruleFor(method, path);
                    for (var who : tokens.entrySet()) {
                        if (who.getKey() != null && rule.allows(who.getKey())) {
                            continue;
                        }
                        for (var variant : VARIANTS.entrySet()) {
                            for (String verb : List.of(method.name(), "HEAD", "OPTIONS")) {
                                String raw = variant.getValue().apply(path);
                                RawHttp.Answer answer = RawHttp.send(app.app().httpPort(), verb, raw, who.getValue(),
                                        verb.equals("GET") || verb.equals("HEAD") || verb.equals("OPTIONS") ? null : "{}");
                                sent++;
                                boolean refused = REFUSALS.contains(answer.status())
                                        && (answer.status() != 400 || verb.equals("HEAD") // a HEAD answer has no body to read
                                                || answer.body().contains("canonical form"));
                                if (!refused) {
                                    problems.add((who.getKey() == null ? "anonymous" : who.getKey().code()) + " " + verb
                                            + " " + raw + " (" + variant.getKey() + ") -> " + answer.status());
                                }
                            }
                        }
                    }
                }
            }
            assertThat(sent).isGreaterThan(1_000);
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void theReportedBypassesAreRefused() {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface,"
                    + " created_at) VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
            String agent = app.signIn("a1", "agent", "agent1");
            int port = app.app().httpPort();
            assertThat(RawHttp.send(port, "GET", "/console/../api/accounts", null, null).status()).isEqualTo(400);
            assertThat(RawHttp.send(port, "GET", "/wallboard/../api/customers?limit=500", null, null).status())
                    .isEqualTo(400);
            RawHttp.Answer token = RawHttp.send(port, "POST", "/api/customers/../tokens", agent, "{\"accountId\":1}");
            assertThat(token.status()).isEqualTo(400);
            assertThat(token.head()).contains("application/problem+json");
            assertThat(RawHttp.send(port, "POST", "/api/cases/../accounts", agent,
                    "{\"username\":\"evil\",\"role\":\"admin\",\"password\":\"evil-password\"}").status()).isEqualTo(400);
            assertThat(app.app().services().auth().accounts()).noneMatch(a -> a.username().equals("evil"));
            // the canonical spellings still work for whoever may use them
            assertThat(RawHttp.send(port, "GET", "/api/accounts", null, null).status()).isEqualTo(401);
            assertThat(RawHttp.send(port, "GET", "/api/customers", agent, null).status()).isEqualTo(200);
            assertThat(RawHttp.send(port, "GET", "/api/customers/", agent, null).status()).isEqualTo(200);
            assertThat(RawHttp.send(port, "GET", "/console/", null, null).status()).isEqualTo(200);
        }
    }
}
