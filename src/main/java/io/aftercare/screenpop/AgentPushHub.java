package io.aftercare.screenpop;

import io.aftercare.web.Json;
import io.aftercare.web.SseStream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The push channel per signed-in agent (Server-Sent Events): delivers ringing, connected and wrap-up messages
 * to every open stream of that agent, and re-sends the current call's latest message when an agent
 * reconnects mid-call. All state lives on one Vert.x context, so it needs no locks. Thread-safe.
 */
public final class AgentPushHub implements AutoCloseable {
    private static final int MAX_BUFFERED_BYTES = 1 << 20;

    private final Vertx vertx;
    private final Context context;
    private final Map<String, List<SseStream>> streams = new HashMap<>();
    private final Map<String, Message> current = new HashMap<>();
    private final long heartbeatTimer;

    /** A message as sent: the event name and its JSON. */
    public record Message(String event, String json) {}

    public AgentPushHub(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.heartbeatTimer = vertx.setPeriodic(15_000, id -> context.runOnContext(v -> heartbeats()));
    }

    /** Adds an agent's stream; the agent gets the message of the call in progress at once, if any. */
    public void connect(String iface, SseStream stream) {
        context.runOnContext(v -> {
            streams.computeIfAbsent(iface, k -> new ArrayList<>()).add(stream);
            stream.onClose(() -> context.runOnContext(x -> remove(iface, stream)));
            Message last = current.get(iface);
            if (last != null) {
                stream.send(last.event(), last.json());
            }
        });
    }

    /** Sends to every stream of the agent; {@code keep} makes it the message re-sent on reconnect. */
    public void publish(String iface, String event, Object payload, boolean keep) {
        String json = Json.write(payload);
        context.runOnContext(v -> {
            if (keep) {
                current.put(iface, new Message(event, json));
            }
            for (SseStream stream : List.copyOf(streams.getOrDefault(iface, List.of()))) {
                if (!stream.send(event, json) && stream.isOpen()) {
                    stream.close(); // a client that does not read is dropped; it reconnects and gets `current`
                    remove(iface, stream);
                }
            }
        });
    }

    /** The agent finished with the call: nothing to re-send any more. */
    public void clear(String iface) {
        context.runOnContext(v -> current.remove(iface));
    }

    /** Open streams of an agent (for tests and /health-like views). */
    public io.vertx.core.Future<Integer> streamCount(String iface) {
        io.vertx.core.Promise<Integer> promise = io.vertx.core.Promise.promise();
        context.runOnContext(v -> promise.complete(streams.getOrDefault(iface, List.of()).size()));
        return promise.future();
    }

    public static int maxBufferedBytes() {
        return MAX_BUFFERED_BYTES;
    }

    private void remove(String iface, SseStream stream) {
        List<SseStream> list = streams.get(iface);
        if (list != null) {
            list.remove(stream);
            if (list.isEmpty()) {
                streams.remove(iface);
            }
        }
    }

    private void heartbeats() {
        streams.values().forEach(list -> list.forEach(SseStream::heartbeat));
    }

    @Override
    public void close() {
        vertx.cancelTimer(heartbeatTimer);
        context.runOnContext(v -> {
            streams.values().forEach(list -> list.forEach(SseStream::close));
            streams.clear();
        });
    }
}
