package io.aftercare.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Server-Sent Events response: sends {@code id}/{@code event}/{@code data} frames and comment heartbeats,
 * and reports a client that does not read (its write queue is full) so the owner can drop it instead of
 * buffering without bound. Use from the Vert.x context that owns the response.
 */
public final class SseStream {
    private static final AtomicLong IDS = new AtomicLong();

    private final HttpServerResponse response;
    private final long retryMillis;

    private SseStream(HttpServerResponse response, long retryMillis) {
        this.response = response;
        this.retryMillis = retryMillis;
    }

    /** Starts the event stream on this request. */
    public static SseStream open(RoutingContext ctx, long retryMillis, int maxBufferedBytes) {
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(maxBufferedBytes);
        SseStream stream = new SseStream(response, retryMillis);
        response.write("retry: " + retryMillis + "\n\n");
        return stream;
    }

    /** Sends one event; returns false (and sends nothing) when the client is not keeping up or is gone. */
    public boolean send(String event, String json) {
        if (!isOpen() || response.writeQueueFull()) {
            return false;
        }
        // JSON from our own serialiser holds no raw newline, so one data line is enough.
        response.write("id: " + IDS.incrementAndGet() + "\nevent: " + event + "\ndata: " + json + "\n\n");
        return true;
    }

    public void heartbeat() {
        if (isOpen() && !response.writeQueueFull()) {
            response.write(": keep-alive\n\n");
        }
    }

    public boolean isOpen() {
        return !response.ended() && !response.closed();
    }

    public boolean backedUp() {
        return response.writeQueueFull();
    }

    public void onClose(Runnable action) {
        response.closeHandler(v -> action.run());
    }

    public void close() {
        if (isOpen()) {
            response.end();
        }
    }

    public long retryMillis() {
        return retryMillis;
    }
}
