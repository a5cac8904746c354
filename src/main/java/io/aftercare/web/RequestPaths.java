package io.aftercare.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Gives every request the one path that both the router and the access check use, and refuses with 400 any
 * request whose path is not already in that form: dot segments ({@code ..}, {@code .}), empty segments
 * ({@code //}), backslashes, {@code ;} parameters, percent-encoded dots, slashes, backslashes, semicolons or NUL,
 * and anything Vert.x's normalisation would change. So a path cannot name one route to the access check and another
 * to the router. The canonical path drops a trailing slash. Stateless and thread-safe.
 */
public final class RequestPaths implements Handler<RoutingContext> {
    private static final String KEY = "aftercare.canonicalPath";
    private static final Pattern FORBIDDEN = Pattern.compile(
            "(?i)[\\\\;]|//|%(2e|2f|5c|3b|00)|(^|/)\\.{1,2}(/|$)");

    @Override
    public void handle(RoutingContext ctx) {
        String raw = ctx.request().path();
        if (raw == null || !raw.startsWith("/") || FORBIDDEN.matcher(raw).find() || !raw.equals(ctx.normalizedPath())) {
            ctx.fail(ApiException.badRequest("the request path is not in canonical form (no '.' or '..' segments,"
                    + " '//', backslashes, ';' or encoded '.', '/' or '\\'); send the path the API documents"));
            return;
        }
        String canonical = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        ctx.put(KEY, canonical);
        ctx.next();
    }

    /** The path this request was checked under: the one the access policy decides on. */
    public static String canonical(RoutingContext ctx) {
        String path = ctx.get(KEY);
        if (path == null) {
            throw new IllegalStateException("RequestPaths must run before the access check");
        }
        return path;
    }
}
