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
        return jdbi.withExtension(MetricsDao.class, dao -> {
            Map<String, List<SegmentRecord>> segments = new HashMap<>();
            for (SegmentRecord s : dao.segments(from, to)) {
                segments.computeIfAbsent(s.pbxId() + '\u0000' + s.linkedId(), k -> new ArrayList<>()).add(s);
            }
            List<CallFacts> calls = new ArrayList<>();
            for (StoredContact c : dao.contacts(from, to)) {
                calls.add(CallFacts.of(c, segments.getOrDefault(c.pbxId() + '\u0000' + c.linkedId(), List.of())));
            }
            return calls;
        });
    }

    /** What FCR needs for contacts offered in [from, to): those plus every contact up to {@code to + window}. */
    public List<CallFacts> callsWithFollowUps(Instant from, Instant to, Duration window) {
        return calls(from, to.plus(window));
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
