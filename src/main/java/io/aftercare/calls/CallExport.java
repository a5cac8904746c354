package io.aftercare.calls;

import io.aftercare.auth.AuthHandler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams every call a {@code GET /api/calls} filter matches as CSV, {@value CallLog#EXPORT_CHUNK} rows per read:
 * the filter is checked first (a bad one is a problem+json error), then the header row goes out and each chunk is
 * written once the previous one is, so a slow client holds back the reads instead of filling memory. A failure
 * after the first row resets the connection (a truncated file must not look complete). Stateless.
 */
final class CallExport {
    private static final Logger LOG = LoggerFactory.getLogger(CallExport.class);
    /** How long a chunk may wait for the client to take the previous one. */
    private static final long WRITE_TIMEOUT_SECONDS = 60;

    private CallExport() {}

    static void stream(RoutingContext ctx, WorkerExecutor workers, CallLog log) {
        HttpServerResponse response = ctx.response();
        workers.executeBlocking(() -> {
            CallFilter filter = CallFilters.of(ctx, log, AuthHandler.principal(ctx));
            response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"calls.csv\"");
            await(response.write(CallCsv.header()));
            log.export(filter, chunk -> {
                if (!chunk.isEmpty()) {
                    await(response.write(CallCsv.rows(chunk)));
                }
            });
            return null;
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                response.end();
            } else if (!response.headWritten()) {
                ctx.fail(done.cause());
            } else {
                LOG.warn("call export stopped part way: {}", String.valueOf(done.cause().getMessage()));
                response.reset();
            }
        });
    }

    private static void await(io.vertx.core.Future<Void> written) {
        try {
            written.toCompletionStage().toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exporting calls", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the client did not take the export: " + e, e);
        }
    }
}
