package io.aftercare.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps slow or idle clients from holding the HTTP server: at most {@code maxConnections} open at once (more are
 * closed on arrival), and a request must have arrived whole, headers and body, within {@code requestTimeout} of its
 * connection opening or of the previous response on that connection, else the connection is closed. A request that
 * arrived whole may take as long as its handler needs (event streams last for hours). Thread-safe.
 */
final class ConnectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final long requestTimeoutMs;
    private final int maxConnections;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    /** One connection's request deadline and the request it is reading. */
    private static final class Watch {
        volatile long timer = -1;
        volatile HttpServerRequest current;
    }

    ConnectionGuard(Vertx vertx, Duration requestTimeout, int maxConnections) {
        this.vertx = vertx;
        this.requestTimeoutMs = Math.max(1, requestTimeout.toMillis());
        this.maxConnections = maxConnections;
    }

    void onConnection(HttpConnection connection) {
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            LOG.warn("refused an HTTP connection from {}: {} are open, the most http.max_connections allows",
                    connection.remoteAddress(), maxConnections);
            connection.close();
            return;
        }
        Watch watch = new Watch();
        watches.put(connection, watch);
        connection.closeHandler(v -> {
            if (watches.remove(connection) != null) {
                vertx.cancelTimer(watch.timer);
                open.decrementAndGet();
            }
        });
        arm(connection, watch);
    }

    /** Wraps the router: notes each request on its connection's watch. */
    Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
        return request -> {
            Watch watch = watches.get(request.connection());
            if (watch != null) {
                watch.current = request;
                request.response().endHandler(v -> {
                    watch.current = null;
                    arm(request.connection(), watch);
                });
            }
            next.handle(request);
        };
    }

    private void arm(HttpConnection connection, Watch watch) {
        vertx.cancelTimer(watch.timer);
        watch.timer = vertx.setTimer(requestTimeoutMs, id -> {
            HttpServerRequest request = watch.current;
            if (request == null || !request.isEnded()) {
                LOG.debug("closing an HTTP connection from {}: no whole request within {} ms",
                        connection.remoteAddress(), requestTimeoutMs);
                connection.close();
            }
        });
    }
}
