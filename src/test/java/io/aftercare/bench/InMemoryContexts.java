package io.aftercare.bench;

import io.aftercare.routing.RoutingContext;
import io.aftercare.routing.RoutingContextSource;
import io.aftercare.routing.RoutingService;
import io.aftercare.telephony.PhoneNumber;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route benchmark's model of a perfect in-memory caller directory: every caller's context read from the
 * database before the run, then served from a map, so the route does the same rules, answer and recording with
 * no read. Only the local time is taken at the call. Thread-safe once built (the map is never written after).
 */
final class InMemoryContexts implements RoutingContextSource {
    private final Map<String, RoutingContext> byCaller;
    private final Clock clock;

    private InMemoryContexts(Map<String, RoutingContext> byCaller, Clock clock) {
        this.byCaller = byCaller;
        this.clock = clock;
    }

    /** Reads the context of each caller through the real route's lookup, as a call to {@code hotline} would. */
    @SafeVarargs
    static InMemoryContexts readAhead(RoutingService routing, ZoneId zone, String language, String hotline,
                                      List<String>... callers) {
        Map<String, RoutingContext> byCaller = new HashMap<>();
        for (List<String> list : callers) {
            for (String caller : list) {
                routing.readCaller(caller).ifPresent(number ->
                        byCaller.put(number.e164(), routing.context(Optional.of(number), language, hotline)));
            }
        }
        return new InMemoryContexts(byCaller, routing.clock().withZone(zone));
    }

    @Override
    public RoutingContext load(Optional<PhoneNumber> caller, String channelLanguage, String hotline) {
        LocalDateTime now = LocalDateTime.now(clock);
        RoutingContext c = caller.map(number -> byCaller.get(number.e164())).orElse(null);
        if (c == null) {
            return RoutingContext.unknown(caller, channelLanguage, hotline, now);
        }
        return new RoutingContext(c.caller(), c.customerId(), c.tier(), c.openCases(), c.daysSinceLastOrder(),
                c.lastOrderCategories(), c.warrantyActive(), c.language(), hotline, now);
    }
}
