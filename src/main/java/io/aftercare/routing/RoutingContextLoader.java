package io.aftercare.routing;

import io.aftercare.routing.RoutingContext.OpenCase;
import io.aftercare.telephony.PhoneNumber;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link RoutingContext} from the database with one or two indexed queries on one kept session
 * ({@link RoutingLookups}): the customer by phone with the last order's date and categories and an active
 * warranty, then open cases with their owners when there are any. Thread-safe.
 */
public final class RoutingContextLoader implements RoutingContextSource {
    private final RoutingLookups lookups;
    private final Clock clock;
    private final ZoneId zone;

    RoutingContextLoader(RoutingLookups lookups, Clock clock, ZoneId zone) {
        this.lookups = lookups;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public RoutingContext load(Optional<PhoneNumber> caller, String channelLanguage, String hotline) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(zone));
        if (caller.isEmpty()) {
            return RoutingContext.unknown(caller, channelLanguage, hotline, now);
        }
        LocalDate today = now.toLocalDate();
        try {
            return lookup(caller, channelLanguage, hotline, now, today);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("routing lookup failed: " + e.getMessage(), e);
        }
    }

    private RoutingContext lookup(Optional<PhoneNumber> caller, String channelLanguage, String hotline,
                                  LocalDateTime now, LocalDate today) throws java.sql.SQLException {
        return lookups.withSession(session -> {
            var customer = session.caller(caller.get().e164(), today);
            if (customer.isEmpty()) {
                return RoutingContext.unknown(caller, channelLanguage, hotline, now);
            }
            long id = customer.get().id();
            var cases = !customer.get().hasOpenCases() ? List.<OpenCase>of() : session.openCases(id).stream()
                    .map(c -> new OpenCase(c.id(), c.type(), Optional.ofNullable(c.ownerInterface()))).toList();
            var days = Optional.ofNullable(customer.get().lastOrderedOn())
                    .map(on -> (int) Math.max(0, ChronoUnit.DAYS.between(on, today)));
            var categories = customer.get().lastOrderCategories();
            boolean warranty = customer.get().warrantyActive();
            String language = customer.get().language() == null || customer.get().language().isBlank()
                    ? channelLanguage : customer.get().language();
            return new RoutingContext(caller, Optional.of(id), Optional.of(customer.get().tier()), cases, days,
                    categories, warranty, language, hotline, now);
        });
    }
}
