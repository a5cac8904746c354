package io.aftercare.routing;

import io.aftercare.routing.RoutingContext.OpenCase;
import io.aftercare.telephony.PhoneNumber;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link RoutingContext} from the database with one or two indexed queries on one kept session
 * ({@link RoutingLookups}): the customer by phone with the last order's date and categories and an active
 * warranty, then open cases with their owners when there are any. Thread-safe.
 */
public final class RoutingContextLoader {
    private final RoutingLookups lookups;
    private final Clock clock;
    private final ZoneId zone;

    RoutingContextLoader(RoutingLookups lookups, Clock clock, ZoneId zone) {
        this.lookups = lookups;
        this.clock = clock;
        this.zone = zone;
    }

    /** The context of a call from {@code caller} (empty: withheld or unreadable) to {@code hotline}. Blocking. */
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
            var row = customer.get();
            var cases = !row.hasOpenCases() ? List.<OpenCase>of() : session.openCases(row.id()).stream()
                    .map(c -> new OpenCase(c.id(), c.type(), Optional.ofNullable(c.ownerInterface()))).toList();
            return RoutingContext.known(caller, row.id(), row.tier(), cases, row.lastOrderedOn(),
                    row.lastOrderCategories(), row.warrantyActive(), row.language(), channelLanguage, hotline, now);
        });
    }
}
