package io.aftercare.metrics;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.HandleCallback;
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
        return read(h -> CallReader.calls(h.getConnection(), from, to));
    }

    /**
     * What FCR needs for contacts offered in [from, to): those, plus the contacts offered up to
     * {@code to + window} by the customers of their answered calls (the only calls FCR judges), without their
     * handling (FCR reads who called when about what, not talk or wrap-up time): a report reads only the part of
     * the next week it can judge by.
     */
    public List<CallFacts> callsWithFollowUps(Instant from, Instant to, Duration window) {
        List<CallFacts> calls = calls(from, to);
        Set<String> loaded = new HashSet<>();
        Set<Long> customers = new TreeSet<>(); // sorted: the same statements for the same calls
        for (CallFacts c : calls) {
            loaded.add(c.pbxId() + '\u0000' + c.linkedId());
            if (c.answered() && c.customerId() != null) {
                customers.add(c.customerId());
            }
        }
        List<CallFacts> followUps = read(h -> CallReader.ofCustomers(h.getConnection(), customers, to,
                to.plus(window)));
        for (CallFacts c : followUps) { // offered at or after `to`, or already loaded
            if (!loaded.contains(c.pbxId() + '\u0000' + c.linkedId())) {
                calls.add(c);
            }
        }
        return calls;
    }

    private List<CallFacts> read(HandleCallback<List<CallFacts>, SQLException> query) {
        try {
            return jdbi.withHandle(query);
        } catch (SQLException e) { // the cause keeps SQLite's BUSY visible to the HTTP layer (503, retry)
            throw new IllegalStateException("cannot read stored calls: " + e.getMessage(), e);
        }
    }

    public List<io.aftercare.calls.AgentStateChange> agentStates(Instant from, Instant to) {
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
