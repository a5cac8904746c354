package io.aftercare.routing;

import io.aftercare.telephony.PhoneNumber;
import java.util.Optional;

/**
 * Where the route gets what it knows about a caller: {@link RoutingContextLoader} reads the database; the route
 * benchmark plugs in contexts read beforehand, to measure a route that does no read at all. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface RoutingContextSource {
    /** The context of a call from {@code caller} (empty: withheld or unreadable) to {@code hotline}. */
    RoutingContext load(Optional<PhoneNumber> caller, String channelLanguage, String hotline);
}
