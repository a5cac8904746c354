package io.aftercare.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Case-aware first-contact resolution, a pure function: an answered contact is resolved at first contact when the
 * same customer (any of their numbers: contacts carry the customer id) does not contact again about the same
 * case, or the same reason when there is no case, within the window. Stateless and thread-safe.
 */
public final class FirstContactResolution {
    /** The usual window: a week. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private FirstContactResolution() {}

    /**
     * FCR figures; {@code rate} = resolved / (resolved + repeated), null when nothing could be judged. Immutable.
     *
     * @param pending answered contacts with no repeat yet whose window has not closed at {@code asOf}: not counted
     * @param unidentified answered contacts with no known customer: not counted
     */
    public record Figures(long resolved, long repeated, long pending, long unidentified, Double rate) {}

    /**
     * Judges each answered contact in {@code judged} against {@code all} (which must hold every offered contact
     * up to the end of the judged contacts' windows, the judged ones included).
     */
    public static Figures of(Collection<CallFacts> judged, Collection<CallFacts> all, QueueRules rules,
                             Duration window, Instant asOf) {
        return of(judged, Contacts.of(all, rules), window, asOf);
    }

    /**
     * As {@link #of(Collection, Collection, QueueRules, Duration, Instant)}, against contacts grouped once: a
     * report judges each queue and agent of each bucket against the same call set, so it groups that set once.
     */
    public static Figures of(Collection<CallFacts> judged, Contacts all, Duration window, Instant asOf) {
        Objects.requireNonNull(window);
        long resolved = 0, repeated = 0, pending = 0, unidentified = 0;
        for (CallFacts c : judged) {
            if (!c.answered() || !c.offered()) {
                continue;
            }
            if (c.customerId() == null) {
                unidentified++;
            } else if (repeatedWithin(c, all.byCustomer.getOrDefault(c.customerId(), List.of()), window)) {
                repeated++;
            } else if (c.offeredAt().plus(window).isAfter(asOf)) {
                pending++;
            } else {
                resolved++;
            }
        }
        return new Figures(resolved, repeated, pending, unidentified, CallMetrics.ratio(resolved, resolved + repeated));
    }

    /** The offered contacts that can repeat a contact (short abandons left out), by customer. Immutable. */
    public static final class Contacts {
        private final Map<Long, List<CallFacts>> byCustomer;

        private Contacts(Map<Long, List<CallFacts>> byCustomer) {
            this.byCustomer = byCustomer;
        }

        public static Contacts of(Collection<CallFacts> all, QueueRules rules) {
            Map<Long, List<CallFacts>> byCustomer = new HashMap<>();
            for (CallFacts c : all) {
                if (c.customerId() != null && c.offered() && !CallMetrics.call(c, rules).shortAbandon()) {
                    byCustomer.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c);
                }
            }
            return new Contacts(byCustomer);
        }
    }

    private static boolean repeatedWithin(CallFacts first, List<CallFacts> sameCustomer, Duration window) {
        Instant end = first.offeredAt().plus(window);
        for (CallFacts later : sameCustomer) {
            if (later.offeredAt().isAfter(first.offeredAt()) && !later.offeredAt().isAfter(end)
                    && !later.linkedId().equals(first.linkedId()) && sameMatter(first, later)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Same case when the first contact has one; else same reason; a contact with neither matches anything (we
     * cannot tell it was about something else, so it counts against FCR).
     */
    static boolean sameMatter(CallFacts first, CallFacts later) {
        String a = topic(first);
        String b = topic(later);
        return a == null || b == null || a.equals(b);
    }

    private static String topic(CallFacts c) {
        if (c.caseId() != null) {
            return "case:" + c.caseId();
        }
        return c.reasonCode() == null || c.reasonCode().isBlank() ? null : "reason:" + c.reasonCode();
    }
}
