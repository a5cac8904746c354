package io.aftercare.routing;

import io.aftercare.customers.Tier;
import io.aftercare.routing.RoutingContext.OpenCase;
import io.aftercare.telephony.PhoneNumber;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What routing knows about every customer, in memory, by phone number: the route reads a known caller's context
 * here with no database read and no thread hop (doc/architecture.md, "Caller directory"). Filled and kept current
 * by {@link DirectoryFeed} alone (one writer); read by any number of route threads. A number it does not hold is
 * not thereby unknown: the route then reads the database, which also finds a customer written a moment ago.
 * Thread-safe.
 */
public final class CallerDirectory {
    /** One customer's routing facts. Immutable (the warranty periods array is never written after building). */
    record Caller(long id, Tier tier, String language, LocalDate lastOrderedOn, List<String> lastOrderCategories,
                  long[] warrantyDays, List<OpenCase> openCases, List<PhoneNumber> phones) {
        Caller {
            Objects.requireNonNull(tier);
            lastOrderCategories = List.copyOf(lastOrderCategories);
            openCases = List.copyOf(openCases);
            phones = List.copyOf(phones);
        }

        /** Whether a warranty covers {@code day}: {@code warrantyDays} holds (first, last) epoch-day pairs. */
        boolean warrantyActive(LocalDate day) {
            long d = day.toEpochDay();
            for (int i = 0; i + 1 < warrantyDays.length; i += 2) {
                if (warrantyDays[i] <= d && d <= warrantyDays[i + 1]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The maps are replaced together on a full load; single customers are replaced in place. */
    private record Maps(Map<String, Caller> byPhone, Map<Long, Caller> byId) {
        static Maps empty() {
            return new Maps(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    private final Clock clock;
    private final ZoneId zone;
    private volatile Maps maps = Maps.empty();
    private volatile boolean ready;

    CallerDirectory(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    /** False until the first full load has finished (and always when the directory is switched off). */
    public boolean ready() {
        return ready;
    }

    public int size() {
        return maps.byId().size();
    }

    /**
     * A caller ID that is already E.164 ({@code +} and digits, as trunks that normalise send it) and belongs to a
     * customer here: the route then needs no parsing (numbers are validated when stored). Empty otherwise.
     */
    Optional<PhoneNumber> knownNumber(String callerId) {
        if (!ready || callerId == null || !PhoneNumber.isE164(callerId)) {
            return Optional.empty();
        }
        Caller c = maps.byPhone().get(callerId);
        if (c == null) {
            return Optional.empty();
        }
        for (PhoneNumber p : c.phones()) {
            if (p.e164().equals(callerId)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The context of a call from {@code caller} when this directory holds the number; empty otherwise. */
    Optional<RoutingContext> context(PhoneNumber caller, String channelLanguage, String hotline) {
        if (!ready) {
            return Optional.empty();
        }
        Caller c = maps.byPhone().get(caller.e164());
        if (c == null) {
            return Optional.empty();
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(zone));
        return Optional.of(RoutingContext.known(Optional.of(caller), c.id(), c.tier(), c.openCases(), c.lastOrderedOn(),
                c.lastOrderCategories(), c.warrantyActive(now.toLocalDate()), c.language(), channelLanguage, hotline,
                now));
    }

    /** Replaces everything with {@code callers} (a full load) and marks the directory ready. Feed thread only. */
    void replaceAll(Collection<Caller> callers) {
        Maps fresh = new Maps(new ConcurrentHashMap<>(callers.size() * 2), new ConcurrentHashMap<>(callers.size() * 2));
        callers.forEach(c -> put(fresh, c));
        maps = fresh;
        ready = true;
    }

    /**
     * Replaces the customers {@code ids} with {@code fresh}, their state as just read; an id without a fresh entry
     * no longer exists. Feed thread only.
     */
    void replace(Collection<Long> ids, Collection<Caller> fresh) {
        Maps m = maps;
        for (Long id : ids) {
            Caller old = m.byId().remove(id);
            if (old != null) {
                old.phones().forEach(p -> m.byPhone().remove(p.e164(), old)); // a number now someone else's stays
            }
        }
        fresh.forEach(c -> put(m, c));
    }

    private static void put(Maps m, Caller c) {
        m.byId().put(c.id(), c);
        c.phones().forEach(p -> m.byPhone().put(p.e164(), c));
    }
}
