package io.aftercare.calls;

import io.aftercare.auth.Principal;
import io.aftercare.core.Coded;
import io.aftercare.core.ForbiddenException;
import io.aftercare.web.ApiException;
import io.aftercare.web.DateRange;
import io.aftercare.web.Handlers;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Reads a call list's filter from its query parameters ({@code from}, {@code to}, {@code queue}, {@code agent},
 * {@code customerId}, {@code outcome}, {@code direction}) and narrows it to what the principal may see: supervisors
 * and admins every call, an agent only the calls they answered (asking for another agent's is a 403). Blocking (it
 * looks agents up): call from a worker thread. Stateless.
 */
final class CallFilters {
    private CallFilters() {}

    static CallFilter of(RoutingContext ctx, CallLog log, Principal principal) {
        CallFilter asked = asked(ctx, log);
        if (principal.seesAllAgents()) {
            return asked;
        }
        String own = own(log, principal);
        if (asked.agent() != null && !asked.agent().equals(own)) {
            throw new ForbiddenException("an agent sees only their own calls");
        }
        return asked.withAgent(own);
    }

    /** True when the principal may see this call: staff any, an agent one that reached them. */
    static boolean maySee(CallDetails call, CallLog log, Principal principal) {
        if (principal.seesAllAgents()) {
            return true;
        }
        String own = own(log, principal);
        return own.equals(call.call().agent()) || call.segments().stream().anyMatch(s -> own.equals(s.agent()));
    }

    private static String own(CallLog log, Principal principal) {
        return principal.agent().flatMap(log::agentInterface).orElseThrow(() ->
                new ForbiddenException("this account is not an agent's, and only supervisors and admins see every"
                        + " call"));
    }

    private static CallFilter asked(RoutingContext ctx, CallLog log) {
        DateRange range = Handlers.query(ctx, "from").isPresent() || Handlers.query(ctx, "to").isPresent()
                ? DateRange.of(ctx, ZoneOffset.UTC) : null;
        Boolean outbound = Handlers.query(ctx, "direction").map(d -> switch (d.toLowerCase(Locale.ROOT)) {
            case "inbound" -> false;
            case "outbound" -> true;
            default -> throw ApiException.badRequest("direction must be inbound or outbound, got '" + shown(d) + "'");
        }).orElse(null);
        return new CallFilter(range == null ? null : range.from(), range == null ? null : range.to(),
                Handlers.query(ctx, "queue").orElse(null), Handlers.query(ctx, "agent").map(log::interfaceOf)
                .orElse(null), Handlers.queryLong(ctx, "customerId").orElse(null),
                Handlers.query(ctx, "outcome").map(o -> Coded.parse(Outcome.class, o, "outcome")).orElse(null),
                outbound, null);
    }

    private static String shown(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
