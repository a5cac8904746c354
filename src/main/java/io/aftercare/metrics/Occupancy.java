package io.aftercare.metrics;

import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentStateChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Occupancy from the agent state log, a pure function: handling time (on a call, on hold, after-call work) over
 * logged-in-available time (handling plus ready and ringing; paused and logged out count in neither), within
 * [from, to). Stateless and thread-safe.
 */
public final class Occupancy {
    private Occupancy() {}

    /** One agent's occupancy; {@code occupancy} is null when the agent was never available. Immutable. */
    public record Figures(String pbxId, String agent, long availableMillis, long handlingMillis, Double occupancy) {}

    /**
     * Per agent (keyed {@code pbxId/interface}). {@code changes} must hold each agent's last change before
     * {@code from} (its state when the interval opens) plus every change in [from, to); a state still running at
     * {@code to} (or at {@code asOf}, if earlier, for a live view) counts up to there.
     */
    public static Map<String, Figures> of(List<AgentStateChange> changes, Instant from, Instant to, Instant asOf) {
        Instant end = asOf.isBefore(to) ? asOf : to;
        Map<String, List<AgentStateChange>> byAgent = new TreeMap<>();
        for (AgentStateChange c : changes) {
            byAgent.computeIfAbsent(c.pbxId() + '/' + c.agent(), k -> new ArrayList<>()).add(c);
        }
        Map<String, Figures> out = new LinkedHashMap<>();
        byAgent.forEach((key, list) -> {
            list.sort(Comparator.comparing(AgentStateChange::at));
            long available = 0;
            long handling = 0;
            for (int i = 0; i < list.size(); i++) {
                AgentStateChange c = list.get(i);
                Instant start = c.at().isBefore(from) ? from : c.at();
                Instant stop = i + 1 < list.size() ? list.get(i + 1).at() : end;
                stop = stop.isAfter(end) ? end : stop;
                long ms = Math.max(0, stop.toEpochMilli() - start.toEpochMilli());
                if (handles(c.state())) {
                    handling += ms;
                    available += ms;
                } else if (c.state() == AgentState.READY || c.state() == AgentState.RINGING) {
                    available += ms;
                }
            }
            AgentStateChange first = list.get(0);
            out.put(key, new Figures(first.pbxId(), first.agent(), available, handling,
                    CallMetrics.ratio(handling, available)));
        });
        return out;
    }

    /** Occupancy of a team: the sums of its agents' handling and available time. */
    public static Figures total(Map<String, Figures> agents) {
        long available = agents.values().stream().mapToLong(Figures::availableMillis).sum();
        long handling = agents.values().stream().mapToLong(Figures::handlingMillis).sum();
        return new Figures("", "", available, handling, CallMetrics.ratio(handling, available));
    }

    private static boolean handles(AgentState s) {
        return s == AgentState.ON_CALL || s == AgentState.ON_HOLD || s == AgentState.AFTER_CALL_WORK;
    }
}
