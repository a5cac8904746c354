package io.aftercare.metrics;

import io.aftercare.calls.SegmentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Loads persisted calls and agent states for an interval into the records the calculators take; the only part of
 * metrics that does I/O (blocking JDBC: call it on a worker thread). Thread-safe.
 */
public final class MetricsLoader {
    private final Jdbi jdbi;

    public MetricsLoader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Calls that may have been offered in [from, to) (filter with {@link CallMetrics#offeredIn}). */
    public List<CallFacts> calls(Instant from, Instant to) {
        return calls(from, to, false);
    }

    /**
     * What FCR needs for contacts offered in [from, to): those, plus every contact offered up to
     * {@code to + window} without its handling (FCR reads who called when about what, not talk or wrap-up time),
     * so a report reads the week after its interval without that week's talk, hold and wrap-up segments.
     */
    public List<CallFacts> callsWithFollowUps(Instant from, Instant to, Duration window) {
        List<CallFacts> calls = calls(from, to, false);
        java.util.Set<String> loaded = new java.util.HashSet<>();
        calls.forEach(c -> loaded.add(c.pbxId() + '\u0000' + c.linkedId()));
        for (CallFacts c : calls(to, to.plus(window), true)) { // offered at or after `to`, or already loaded
            if (!loaded.contains(c.pbxId() + '\u0000' + c.linkedId())) {
                calls.add(c);
            }
        }
        return calls;
    }

    private List<CallFacts> calls(Instant from, Instant to, boolean queueWaitsOnly) {
        return jdbi.withExtension(MetricsDao.class, dao -> {
            Map<String, List<SegmentRecord>> segments = new HashMap<>();
            for (SegmentRecord s : queueWaitsOnly ? dao.queueSegments(from, to) : dao.segments(from, to)) {
                segments.computeIfAbsent(s.pbxId() + '\u0000' + s.linkedId(), k -> new ArrayList<>()).add(s);
            }
            List<CallFacts> calls = new ArrayList<>();
            for (StoredContact c : dao.contacts(from, to)) {
                calls.add(CallFacts.of(c, segments.getOrDefault(c.pbxId() + '\u0000' + c.linkedId(), List.of())));
            }
            return calls;
        });
    }

    public List<io.aftercare.agents.AgentStateChange> agentStates(Instant from, Instant to) {
        return jdbi.withExtension(MetricsDao.class, dao -> dao.agentStates(from, to));
    }

    /** Per-queue thresholds from the {@code queues} table. */
    public QueueRules rules() {
        return jdbi.withExtension(MetricsDao.class, dao -> {
            Map<String, Integer> sl = dao.serviceLevelSeconds();
            Map<String, Integer> sa = dao.shortAbandonSeconds();
            Map<String, QueueRules.Rule> rules = new HashMap<>();
            sl.forEach((q, s) -> rules.put(q, QueueRules.Rule.seconds(s, sa.getOrDefault(q, 5))));
            return new QueueRules(rules);
        });
    }
}
