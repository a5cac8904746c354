package io.aftercare.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The demo floor's {@link DemoFloor.Desk}: aftercare's HTTP API used as the agent console uses it, signed in as the
 * agent ({@code agentN} / {@code agentN-demo} for {@code Local/agentN@agents}): {@code POST /api/agents/pause} and
 * {@code /unpause}, and {@code POST /api/calls/{linkedId}/disposition} with a reason from {@code GET
 * /api/dispositions/reasons}, resolved three times out of four. A session that expired is opened again. Never
 * blocks: every request is asynchronous. Thread-safe.
 */
final class ConsoleDesk implements DemoFloor.Desk {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, CompletableFuture<String>> tokens = new ConcurrentHashMap<>();
    private final Random random;
    private volatile CompletableFuture<List<String>> reasons;

    /** The console's requests to aftercare at {@code base} (e.g. {@code http://127.0.0.1:8080}). */
    ConsoleDesk(URI base, long seed) {
        this.base = base;
        this.random = new Random(seed);
    }

    @Override
    public CompletionStage<?> dispose(String iface, String linkedId) {
        return reasons(iface).thenCompose(codes -> {
            String code;
            boolean resolved;
            synchronized (random) {
                code = codes.get(random.nextInt(codes.size()));
                resolved = random.nextInt(4) != 0;
            }
            return post(iface, "/api/calls/" + linkedId + "/disposition", Map.of("reasonCode", code,
                    "resolved", resolved, "notes", "demo floor: " + (resolved ? "sorted out on the call" : "follow-up")));
        });
    }

    @Override
    public CompletionStage<?> pause(String iface, String reason) {
        return post(iface, "/api/agents/pause", Map.of("iface", iface, "reason", reason));
    }

    @Override
    public CompletionStage<?> unpause(String iface) {
        return post(iface, "/api/agents/unpause", Map.of("iface", iface));
    }

    /** The active disposition reasons' codes, read once. */
    private CompletableFuture<List<String>> reasons(String iface) {
        CompletableFuture<List<String>> known = reasons;
        if (known == null || known.isCompletedExceptionally()) {
            known = send(iface, token -> HttpRequest.newBuilder(base.resolve("/api/dispositions/reasons")).GET()
                    .header("Authorization", "Bearer " + token)).thenApply(body -> {
                        List<String> codes = new ArrayList<>();
                        for (JsonNode r : tree(body)) {
                            if (r.path("active").asBoolean(true)) {
                                codes.add(r.path("code").asText());
                            }
                        }
                        if (codes.isEmpty()) {
                            throw new IllegalStateException("no active disposition reason");
                        }
                        return codes;
                    });
            reasons = known;
        }
        return known;
    }

    private CompletableFuture<String> post(String iface, String path, Map<String, Object> body) {
        String json = Json.write(body);
        return send(iface, token -> HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends as the agent, signing in first, and once more when the session has expired (401). */
    private CompletableFuture<String> send(String iface, Function<String, HttpRequest.Builder> request) {
        return token(iface).thenCompose(token -> exchange(request.apply(token))).thenCompose(reply -> {
            if (reply.statusCode() != 401) {
                return CompletableFuture.completedFuture(reply);
            }
            tokens.remove(iface);
            return token(iface).thenCompose(token -> exchange(request.apply(token)));
        }).thenApply(reply -> {
            if (reply.statusCode() / 100 != 2) {
                throw new IllegalStateException("HTTP " + reply.statusCode() + " " + reply.body());
            }
            return reply.body();
        });
    }

    private CompletableFuture<String> token(String iface) {
        CompletableFuture<String> token = tokens.computeIfAbsent(iface, this::signIn);
        if (token.isCompletedExceptionally()) {
            tokens.remove(iface, token);
            return tokens.computeIfAbsent(iface, this::signIn);
        }
        return token;
    }

    /** Signs in as the demo account of {@code Local/agentN@agents}: agentN, password agentN-demo. */
    private CompletableFuture<String> signIn(String iface) {
        String user = iface.substring("Local/".length(), iface.indexOf('@'));
        String json = Json.write(Map.of("username", user, "password", user + "-demo"));
        return exchange(HttpRequest.newBuilder(base.resolve("/api/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))).thenApply(reply -> {
                    if (reply.statusCode() != 200) {
                        throw new IllegalStateException("cannot sign in as " + user + ": HTTP " + reply.statusCode());
                    }
                    return tree(reply.body()).path("token").asText();
                });
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("aftercare answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<HttpResponse<String>> exchange(HttpRequest.Builder request) {
        return http.sendAsync(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
