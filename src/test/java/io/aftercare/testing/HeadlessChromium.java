package io.aftercare.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftercare.web.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol (its WebSocket, from the JDK's client):
 * open a page, type, click with the mouse, read the DOM, take screenshots, and collect the page's uncaught
 * errors. Just enough for the browser tests; no npm, no driver binary. Not thread-safe: one test drives it.
 */
public final class HeadlessChromium implements AutoCloseable {
    /** The resource the browser test classes lock ({@code @ResourceLock}): one browser at a time takes both cores. */
    public static final String ONE_AT_A_TIME = "headless-chromium";
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> browserLog = Collections.synchronizedList(new ArrayList<>());

    /** The Chromium binary: $AFTERCARE_CHROMIUM, else Debian's /usr/bin/chromium; empty when neither exists. */
    public static Optional<Path> find() {
        String configured = System.getenv("AFTERCARE_CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts Chromium with a fresh profile in {@code profileDir} and attaches to its first page. */
    public static HeadlessChromium launch(Path binary, Path profileDir, int width, int height) {
        List<String> command = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profileDir,
                "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                "--window-size=" + width + "," + height, "about:blank");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        List<String> stderr = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread.ofPlatform().daemon(true).name("chromium-stderr").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    } else if (stderr.size() < 200) {
                        stderr.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended; the endpoint future fails below
            }
            endpoint.completeExceptionally(new IllegalStateException("Chromium exited before listening: " + stderr));
        });
        try {
            URI browserUri = URI.create(endpoint.get(STEP.toSeconds(), TimeUnit.SECONDS));
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browserUri.getAuthority()
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String pageUri = null;
            for (JsonNode target : Json.mapper().readTree(list)) {
                if ("page".equals(target.path("type").asText())) {
                    pageUri = target.path("webSocketDebuggerUrl").asText();
                    break;
                }
            }
            if (pageUri == null) {
                throw new IllegalStateException("Chromium has no page target: " + list);
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            Listener listener = new Listener(message -> self[0].receive(message));
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUri), listener)
                    .get(STEP.toSeconds(), TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            self[0].call("Runtime.enable", Map.of());
            self[0].call("Page.enable", Map.of());
            self[0].call("Log.enable", Map.of());
            return self[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("cannot drive Chromium: " + e, e);
        }
    }

    /** Sends one DevTools command and waits for its result. */
    public JsonNode call(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = Json.mapper().createObjectNode().put("id", id).put("method", method);
        message.set("params", Json.mapper().valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(message.toString(), true).get(STEP.toSeconds(), TimeUnit.SECONDS);
            JsonNode answer = reply.get(STEP.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private void receive(String text) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.exceptionThrown" -> pageErrors.add(params.path("exceptionDetails").path("exception")
                    .path("description").asText(params.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.path("type").asText())) {
                    pageErrors.add("console.error: " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> browserLog.add(params.path("entry").path("level").asText() + " "
                    + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText());
            default -> { }
        }
    }

    /** Loads {@code url} and waits until its document and scripts are done. */
    public void open(String url) {
        call("Page.navigate", Map.of("url", url));
        waitUntil("document.readyState === 'complete' && location.href !== 'about:blank'", STEP);
    }

    /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its JSON value. */
    public JsonNode eval(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits, polling the page, until the expression is true. */
    public void waitUntil(String expression, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .alias("page condition: " + expression + " (page errors: " + pageErrors + ")")
                .until(() -> eval("Boolean(" + expression + ")").asBoolean());
    }

    /** The text of the first element matching the CSS selector ("" when none). */
    public String text(String selector) {
        return eval("(document.querySelector(" + quote(selector) + ") || {}).textContent || ''").asText();
    }

    /** True when the element exists and is rendered (not hidden, not display:none). */
    public boolean visible(String selector) {
        return eval("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " return Boolean(e && e.getClientRects().length); })()").asBoolean();
    }

    /** Focuses a field, empties it and types the text as keyboard input. */
    public void type(String selector, String value) {
        eval("(() => { const e = document.querySelector(" + quote(selector) + "); e.focus(); e.select && e.select(); })()");
        call("Input.insertText", Map.of("text", value));
    }

    /** Chooses an option of a select by value, as a user would (change event fired). */
    public void select(String selector, String value) {
        eval("(() => { const e = document.querySelector(" + quote(selector) + "); e.value = " + quote(value) + ";"
                + " e.dispatchEvent(new Event('change', {bubbles: true})); return e.value; })()");
    }

    /** Clicks the middle of the element with the mouse, after scrolling it into view. */
    public void click(String selector) {
        JsonNode box = eval("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width}; })()");
        if (box.isNull() || box.path("w").asDouble() == 0) {
            throw new IllegalStateException("nothing visible to click at " + selector);
        }
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", box.get("x").asDouble(),
                    "y", box.get("y").asDouble(), "button", "left", "clickCount", 1));
        }
    }

    /** Writes a PNG of the whole page. */
    public void screenshot(Path file) {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uncaught exceptions and console errors of the page so far. */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** The browser's own log (failed loads, CSP and the like), for failure messages. */
    public List<String> browserLog() {
        return List.copyOf(browserLog);
    }

    private static String quote(String s) {
        return Json.write(s);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Reassembles text frames into whole DevTools messages. */
    private static final class Listener implements WebSocket.Listener {
        private final java.util.function.Consumer<String> sink;
        private final StringBuilder partial = new StringBuilder();

        Listener(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                sink.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }
}
