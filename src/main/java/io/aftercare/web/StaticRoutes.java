package io.aftercare.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser pages served from the classpath ({@code webroot/}): the agent console under {@code /console/}, the
 * supervisors' wallboard under {@code /wallboard/} and their report page under {@code /reports/}, with {@code /},
 * {@code /console}, {@code /wallboard} and {@code /reports} sending the browser there. The pages are shells that
 * sign in and then read the API, which checks who may read what. Routes carry no HTTP method, so the OpenAPI
 * contract (the API's routes) leaves them out. Stateless.
 */
public final class StaticRoutes {
    private StaticRoutes() {}

    public static void mount(Router router) {
        router.route("/").handler(ctx -> redirect(ctx, "/", "/console/"));
        router.route("/console").handler(ctx -> redirect(ctx, "/console", "/console/"));
        router.route("/wallboard").handler(ctx -> redirect(ctx, "/wallboard", "/wallboard/"));
        router.route("/wallboard/*").handler(StaticHandler.create("webroot/wallboard")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIndexPage("index.html"));
        router.route("/reports").handler(ctx -> redirect(ctx, "/reports", "/reports/"));
        router.route("/reports/*").handler(StaticHandler.create("webroot/reports")
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIndexPage("index.html"));
        router.route("/console/*").handler(StaticHandler.create("webroot/console")
                .setCachingEnabled(false) // small files, and a new release must reach the desktops at once
                .setDirectoryListing(false)
                .setIndexPage("index.html"));
    }

    private static void redirect(RoutingContext ctx, String from, String to) {
        // Vert.x treats a route path ending in '/' as a prefix (and may ignore a trailing slash): match exactly.
        if (!ctx.request().path().equals(from)
                || (ctx.request().method() != HttpMethod.GET && ctx.request().method() != HttpMethod.HEAD)) {
            ctx.next(); // falls through to 404/405 like any unknown route
            return;
        }
        ctx.response().setStatusCode(302).putHeader("Location", to).end();
    }
}
