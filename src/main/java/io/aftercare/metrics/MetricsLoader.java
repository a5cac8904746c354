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
        return jdbi.withExtension(MetricsDao.class, dao -> facts(dao.contacts(from, to), dao.segments(from, to)));
    }

    /**
     * What FCR needs for contacts offered in [from, to): those, plus the contacts offered up to
     * {@code to + window} by the customers who called in [from, to), without their handling (FCR reads who called
     * when about what, not talk or wrap-up time): a report reads only the part of the next week it can judge by.
     */
    public List<CallFacts> callsWithFollowUps(Instant from, Instant to, Duration window) {
        List<CallFacts> calls = calls(from, to);
        java.util.Set<String> loaded = new java.util.HashSet<>();
        calls.forEach(c -> loaded.add(c.pbxId() + '\u0000' + c.linkedId()));
        Instant until = to.plus(window);
        List<CallFacts> followUps = jdbi.withExtension(MetricsDao.class, dao -> facts(
                dao.followUps(to, until, from, to), dao.followUpQueueSegments(to, until, from, to)));
        for (CallFacts c : followUps) { // offered at or after `to`, or already loaded
            if (!loaded.contains(c.pbxId() + '\u0000' + c.linkedId())) {
                calls.add(c);
            }
        }
        return calls;
    }

    private static List<CallFacts> facts(List<StoredContact> contacts, List<SegmentRecord> segmentRows) {
        Map<String, List<SegmentRecord>> segments = new HashMap<>();
        for (SegmentRecord s : segmentRows) {
            segments.computeIfAbsent(s.pbxId() + '\u0000' + s.linkedId(), k -> new ArrayList<>()).add(s);
        }
        List<CallFacts> calls = new ArrayList<>();
        for (StoredContact c : contacts) {
            calls.add(CallFacts.of(c, segments.getOrDefault(c.pbxId() + '\u0000' + c.linkedId(), List.of())));
        }
        return calls;
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
