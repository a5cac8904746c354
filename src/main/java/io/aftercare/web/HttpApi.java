package io.aftercare.web;

import io.aftercare.config.AftercareConfig;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The HTTP front: body limits, problem+json errors, {@code /openapi.yaml}, and whatever routes the features
 * mount. Built once by the composition root; thread-safe after start.
 */
public final class HttpApi {
    private HttpApi() {}

    /** Builds the router; {@code features} mounts each feature's routes onto it. */
    public static Router router(Vertx vertx, int maxBodyBytes, Handler<RoutingContext> guard, Consumer<Router> features) {
        Router router = Router.router(vertx);
        router.route().handler(HttpApi::securityHeaders);
        router.route().handler(new RequestPaths());
        router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.route().handler(guard);
        String openApi = resource("/openapi.yaml");
        router.get("/openapi.yaml").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml").end(openApi));
        features.accept(router);
        router.route().failureHandler(Problems::handle);
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 415, 500}) {
            router.errorHandler(status, Problems::handle);
        }
        return router;
    }

    /**
     * Headers every answer carries: pages may load only their own scripts, styles and images, may not be framed,
     * and send no referrer; API answers are not cached.
     */
    private static void securityHeaders(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self';"
                        + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
                        + " form-action 'self'; frame-ancestors 'none'")
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer");
        if (ctx.request().path() != null && ctx.request().path().startsWith("/api/")) {
            ctx.response().putHeader("Cache-Control", "no-store");
        }
        ctx.next();
    }

    /** Listens with the idle timeout, request deadline and connection cap of {@code settings}. */
    public static HttpServer listen(Vertx vertx, Router router, AftercareConfig.Http settings) {
        String host = settings.bind();
        int port = settings.port();
        ConnectionGuard guard = new ConnectionGuard(vertx, settings.requestTimeout(), settings.maxConnections());
        // no cleartext HTTP/2 (browsers never use it): with it on, Vert.x holds a connection back from the
        // connection handler until it has told HTTP/1 from HTTP/2, so a half-sent request would escape the guard
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) Math.max(1, settings.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        try {
            return vertx.createHttpServer(options).connectionHandler(guard::onConnection)
                    .requestHandler(guard.requests(router)).listen().toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the HTTP server", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot listen for HTTP on " + host + ":" + port + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    static String resource(String name) {
        try (InputStream in = HttpApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
