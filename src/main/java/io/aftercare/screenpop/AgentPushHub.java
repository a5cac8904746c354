package io.aftercare.screenpop;

import io.aftercare.web.Json;
import io.aftercare.web.SseStream;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The push channel per signed-in agent (Server-Sent Events): delivers ringing, connected and wrap-up messages
 * to every open stream of that agent. A second stream (another tab) gets the current call's latest message at once;
 * an agent's first stream, when nobody was watching, gets it from the {@link #onFirstStream} callback, since what
 * was not watched was never built. Streams and messages live on one Vert.x context, so they need no locks; {@link
 * #watched} may be asked from any thread. Thread-safe.
 */
public final class AgentPushHub implements AutoCloseable {
    private static final int MAX_BUFFERED_BYTES = 1 << 20;

    private final Vertx vertx;
    private final Context context;
    private final Map<String, List<SseStream>> streams = new HashMap<>();
    private final Map<String, Message> current = new HashMap<>();
    /** Agents with at least one open stream: written on the context, read by any thread. */
    private final Set<String> watching = ConcurrentHashMap.newKeySet();
    /** Open streams of all agents: written on the context, read by any thread. */
    private final AtomicInteger open = new AtomicInteger();
    private volatile Consumer<String> firstStream = iface -> { };
    private final long heartbeatTimer;

    /** A message as sent: the event name and its JSON. */
    public record Message(String event, String json) {}

    public AgentPushHub(Vertx vertx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.heartbeatTimer = vertx.setPeriodic(15_000, id -> context.runOnContext(v -> heartbeats()));
    }

    /**
     * {@code callback} is told, on the hub's context, the agent whose first stream just opened: it publishes the
     * message of that agent's call in progress, if any. Set once, before streams connect.
     */
    public void onFirstStream(Consumer<String> callback) {
        this.firstStream = callback;
    }

    /** True while the agent has a stream open: only then is anything built for them. Any thread; never waits. */
    public boolean watched(String iface) {
        return watching.contains(iface);
    }

    /** Adds an agent's stream; the agent gets the message of the call in progress, if any. */
    public void connect(String iface, SseStream stream) {
        context.runOnContext(v -> {
            List<SseStream> agentStreams = streams.computeIfAbsent(iface, k -> new ArrayList<>());
            agentStreams.add(stream);
            open.incrementAndGet();
            stream.onClose(() -> context.runOnContext(x -> remove(iface, stream)));
            if (agentStreams.size() == 1) {
                watching.add(iface);
                current.remove(iface); // what happened unwatched was never sent here: ask for it afresh
                firstStream.accept(iface);
                return;
            }
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

    /**
     * Sends and keeps {@code payload} unless a message was kept for the agent since their first stream opened (it is
     * at least as recent): how a message built for a stream that just opened joins those sent meanwhile.
     */
    public void publishUnlessSent(String iface, String event, Object payload) {
        String json = Json.write(payload);
        context.runOnContext(v -> {
            if (!current.containsKey(iface)) {
                current.put(iface, new Message(event, json));
                streams.getOrDefault(iface, List.of()).forEach(stream -> stream.send(event, json));
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

    /** Open streams of all agents, for {@code /metrics}. Any thread; never waits. */
    public int streams() {
        return open.get();
    }

    public static int maxBufferedBytes() {
        return MAX_BUFFERED_BYTES;
    }

    private void remove(String iface, SseStream stream) {
        List<SseStream> list = streams.get(iface);
        if (list != null && list.remove(stream)) { // a dropped stream's close callback comes too
            open.decrementAndGet();
            if (list.isEmpty()) {
                streams.remove(iface);
                watching.remove(iface);
                current.remove(iface);
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
            watching.clear();
            open.set(0);
        });
    }
}
