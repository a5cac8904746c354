package io.aftercare.web;

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

    public static HttpServer listen(Vertx vertx, Router router, String host, int port) {
        try {
            return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(router).listen().toCompletionStage().toCompletableFuture().get();
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
