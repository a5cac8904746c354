package io.aftercare.web;

import io.aftercare.core.ConflictException;
import io.aftercare.core.ForbiddenException;
import io.aftercare.core.TooManyAttemptsException;
import io.aftercare.core.UnauthenticatedException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.persistence.DatabaseFault;
import io.aftercare.telephony.InvalidPhoneNumberException;
import io.aftercare.telephony.PbxRefusedException;
import io.aftercare.telephony.PbxUnavailableException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure of a request into an {@code application/problem+json} answer (RFC 9457). Stateless. */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    public static void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure == null) {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            send(ctx, status, titleFor(status), detailFor(status, ctx));
            return;
        }
        ApiException problem = classify(failure);
        // a failure no feature explained may be the database's: a 503 saying what is wrong, not a 500
        Optional<DatabaseFault> fault = problem.status() == 500 ? DatabaseFault.of(failure) : Optional.empty();
        if (fault.isPresent()) {
            // the reason says it all; a stack trace for every refused request would bury it
            LOG.warn("{} {} refused, the database is {}: {} ({})", ctx.request().method(), ctx.request().path(),
                    fault.get().kind().code(), fault.get().reason(), DatabaseFault.driverMessage(failure));
            retryAfter(fault.get().kind()).ifPresent(seconds -> ctx.response().putHeader("Retry-After", seconds));
            send(ctx, 503, "Service unavailable", fault.get().reason());
            return;
        }
        if (problem.status() == 503) { // something outside is not there (a PBX link down): no bug to trace
            LOG.warn("{} {} refused: {}", ctx.request().method(), ctx.request().path(), problem.getMessage());
        } else if (problem.status() >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        if (problem.status() == 503 || problem.status() == 429) {
            ctx.response().putHeader("Retry-After", problem.status() == 429 ? "60" : "1");
        }
        send(ctx, problem.status(), problem.title(), problem.getMessage());
    }

    static ApiException classify(Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof ValidationException || failure instanceof InvalidPhoneNumberException) {
            return ApiException.unprocessable(failure.getMessage());
        }
        if (failure instanceof UnauthenticatedException) {
            return new ApiException(401, "Unauthorized", failure.getMessage());
        }
        if (failure instanceof ForbiddenException) {
            return new ApiException(403, "Forbidden", failure.getMessage());
        }
        if (failure instanceof TooManyAttemptsException) {
            return new ApiException(429, "Too many requests", failure.getMessage());
        }
        if (failure instanceof NotFoundException) {
            return ApiException.notFound(failure.getMessage());
        }
        if (failure instanceof ConflictException) {
            return ApiException.conflict(failure.getMessage());
        }
        if (failure instanceof PbxRefusedException refused) {
            return ApiException.conflict("the PBX refused " + refused.action() + ": " + refused.pbxMessage());
        }
        if (failure instanceof PbxUnavailableException) {
            return new ApiException(503, "Service unavailable", failure.getMessage());
        }
        return new ApiException(500, "Internal server error", "the request failed; the server log has details");
    }

    /** A busy database frees up in a moment, a down one may be back in a few; read-only or full needs a person. */
    private static Optional<String> retryAfter(DatabaseFault.Kind kind) {
        return switch (kind) {
            case BUSY -> Optional.of("1");
            case DOWN -> Optional.of("5");
            case READ_ONLY, FULL -> Optional.empty();
        };
    }

    public static void send(RoutingContext ctx, int status, String title, String detail) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.request().path());
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(Json.write(body));
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Content too large";
            case 415 -> "Unsupported media type";
            default -> status >= 500 ? "Internal server error" : "Request failed";
        };
    }

    private static String detailFor(int status, RoutingContext ctx) {
        return switch (status) {
            case 404 -> "no resource at " + ctx.request().path();
            case 405 -> ctx.request().method() + " is not allowed on " + ctx.request().path();
            case 413 -> "the request body is larger than the server accepts";
            default -> titleFor(status);
        };
    }
}
