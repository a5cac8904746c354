package io.aftercare.web;

import io.vertx.ext.web.RoutingContext;

/**
 * What page of a keyset-paged list a request asks for: {@code limit} rows after {@code after} (null: the first
 * page). Every list endpoint reads these two query parameters the same way. Immutable.
 */
public record PageRequest(int limit, Cursor after) {
    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** The request's {@code limit} (default {@code defaultLimit}, at most {@code max}) and {@code after}. */
    public static PageRequest of(RoutingContext ctx, int defaultLimit, int max) {
        return new PageRequest(Handlers.limit(ctx, defaultLimit, max),
                Handlers.query(ctx, "after").map(Cursor::decode).orElse(null));
    }

    /** The first page of {@code limit} rows. */
    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    /** The rows to fetch: one more than shown, to know whether another page follows. */
    public int fetch() {
        return limit + 1;
    }
}
