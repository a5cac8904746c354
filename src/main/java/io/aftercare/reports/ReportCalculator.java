package io.aftercare.reports;

import io.aftercare.calls.AgentStateChange;
import io.aftercare.metrics.AgentFigures;
import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.CallMetrics;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.Occupancy;
import io.aftercare.metrics.QueueRules;
import io.aftercare.surveys.SurveyResults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Queue and agent report rows, a pure function over the metric calculators (the wallboard's too): calls go to the
 * bucket of their first offer, occupancy is cut at bucket bounds, surveys go to the bucket they were answered in.
 * Stateless and thread-safe.
 */
public final class ReportCalculator {
    private ReportCalculator() {}

    /** The inputs: calls offered in [from, to + FCR window), state changes since before from, survey rows. */
    public record Inputs(List<CallFacts> calls, List<AgentStateChange> states, QueueRules rules,
                         Map<ReportRequest.Bucket, Map<String, SurveyResults.Row>> surveys, Duration window,
                         Instant asOf) {}

    public static List<QueueReportRow> queues(ReportRequest r, Collection<String> queueNames, Inputs in) {
        Map<ReportRequest.Bucket, List<CallFacts>> byBucket = byBucket(r, in.calls());
        Map<String, Set<String>> agentsOfQueue = new HashMap<>();
        for (AgentStateChange c : in.states()) {
            for (String q : c.queues().split(",")) {
                if (!q.isBlank()) {
                    agentsOfQueue.computeIfAbsent(q, k -> new java.util.HashSet<>()).add(c.pbxId() + '/' + c.agent());
                }
            }
        }
        var contacts = FirstContactResolution.Contacts.of(in.calls(), in.rules()); // once, not per queue and bucket
        List<QueueReportRow> rows = new ArrayList<>();
        for (ReportRequest.Bucket b : r.buckets()) {
            Map<String, Occupancy.Figures> occupancy = Occupancy.of(in.states(), b.start(), b.end(), in.asOf());
            Map<String, List<CallFacts>> byQueue = new TreeMap<>();
            queueNames.forEach(q -> byQueue.put(q, new ArrayList<>()));
            for (CallFacts c : byBucket.getOrDefault(b, List.of())) {
                List<CallFacts> list = byQueue.get(c.queue());
                if (list != null) {
                    list.add(c);
                }
            }
            byQueue.forEach((queue, calls) -> {
                Map<String, Occupancy.Figures> team = new HashMap<>();
                agentsOfQueue.getOrDefault(queue, Set.of()).forEach(a -> {
                    if (occupancy.containsKey(a)) {
                        team.put(a, occupancy.get(a));
                    }
                });
                rows.add(new QueueReportRow(b.start(), b.end(), b.localStart(r.zone()), queue, CallMetrics.queue(calls, in.rules()),
                        FirstContactResolution.of(calls, contacts, in.window(), in.asOf()),
                        in.surveys().getOrDefault(b, Map.of()).get(queue), Occupancy.total(team).occupancy()));
            });
        }
        return rows;
    }

    /** @param agents the agents to report ({@code pbxId/interface}); empty: every agent with calls or states */
    public static List<AgentReportRow> agents(ReportRequest r, Collection<String> agents, Inputs in) {
        Map<ReportRequest.Bucket, List<CallFacts>> byBucket = byBucket(r, in.calls());
        var contacts = FirstContactResolution.Contacts.of(in.calls(), in.rules()); // once, not per agent and bucket
        List<AgentReportRow> rows = new ArrayList<>();
        for (ReportRequest.Bucket b : r.buckets()) {
            List<CallFacts> calls = byBucket.getOrDefault(b, List.of());
            Map<String, AgentFigures> handling = CallMetrics.byAgent(calls);
            Map<String, Occupancy.Figures> occupancy = Occupancy.of(in.states(), b.start(), b.end(), in.asOf());
            Set<String> keys = new TreeSet<>(agents);
            if (agents.isEmpty()) {
                keys.addAll(handling.keySet());
                occupancy.forEach((k, f) -> {
                    if (f.availableMillis() > 0) {
                        keys.add(k);
                    }
                });
            }
            Map<String, List<CallFacts>> handledBy = new HashMap<>();
            for (CallFacts c : calls) {
                c.handling().forEach(h -> handledBy.computeIfAbsent(c.pbxId() + '/' + h.agent(),
                        k -> new ArrayList<>()).add(c));
            }
            for (String key : keys) {
                int slash = key.indexOf('/');
                String pbx = key.substring(0, slash);
                String iface = key.substring(slash + 1);
                AgentFigures f = handling.getOrDefault(key, new AgentFigures(pbx, iface, 0, null, null, null, null));
                Occupancy.Figures o = occupancy.get(key);
                rows.add(new AgentReportRow(b.start(), b.end(), b.localStart(r.zone()), pbx, iface, f,
                        FirstContactResolution.of(handledBy.getOrDefault(key, List.of()), contacts, in.window(),
                                in.asOf()),
                        o == null ? null : o.occupancy(), in.surveys().getOrDefault(b, Map.of()).get(iface)));
            }
        }
        return rows;
    }

    /** Each call offered in [from, to) goes to the bucket it was first offered in (the last starting at or before). */
    private static Map<ReportRequest.Bucket, List<CallFacts>> byBucket(ReportRequest r, List<CallFacts> calls) {
        TreeMap<Instant, ReportRequest.Bucket> byStart = new TreeMap<>();
        for (ReportRequest.Bucket b : r.buckets()) {
            byStart.put(b.start(), b);
        }
        Map<ReportRequest.Bucket, List<CallFacts>> out = new HashMap<>();
        for (CallFacts c : CallMetrics.offeredIn(calls, r.from(), r.to())) {
            Map.Entry<Instant, ReportRequest.Bucket> b = byStart.floorEntry(c.offeredAt());
            if (b != null) {
                out.computeIfAbsent(b.getValue(), k -> new ArrayList<>()).add(c);
            }
        }
        return out;
    }
}
