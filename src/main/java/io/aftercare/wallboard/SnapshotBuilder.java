package io.aftercare.wallboard;

import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentView;
import io.aftercare.calls.WaitingCall;
import io.aftercare.metrics.AgentFigures;
import io.aftercare.metrics.QueueFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a wallboard {@link Snapshot}, a pure function: live calls and agents from the tracker, who the callers
 * are (stored contacts), today's and the rolling figures from the stored records, each queue's alert levels
 * (waiting calls, longest wait, the stricter service level {@code serviceLevelOffered}, abandon rate, ASA, AHT)
 * and each pause's colour against its reason's limit. Stateless and thread-safe.
 */
public final class SnapshotBuilder {
    /** Waiting callers listed per queue (the longest-waiting); {@code waiting} counts them all. */
    public static final int MAX_CALLERS = 20;

    private SnapshotBuilder() {}

    private static final class Tally {
        final List<WaitingCall> calls = new ArrayList<>();
        int loggedIn;
        int ready;
        int ringing;
        int onCall;
        int acw;
        int paused;
        final Map<String, Integer> reasons = new TreeMap<>();

        AgentCounts counts() {
            return new AgentCounts(loggedIn, ready, ringing, onCall, acw, paused, reasons);
        }
    }

    /** As {@link #build(LiveFloor, Today, Map, String, Map, PauseLimits)} with no callers known, default limits. */
    public static Snapshot build(LiveFloor live, Today today, Map<String, QueueSetting> settings, String zone) {
        return build(live, today, settings, zone, Map.of(), PauseLimits.DEFAULT);
    }

    /** As {@link #build(LiveFloor, Today, Map, String, Map, PauseLimits, Map)} with no follow-ups. */
    public static Snapshot build(LiveFloor live, Today today, Map<String, QueueSetting> settings, String zone,
                                 Map<String, Caller> callers, PauseLimits limits) {
        return build(live, today, settings, zone, callers, limits, Map.of());
    }

    /**
     * @param callers   the open calls' callers by {@link Caller#key} (a call not there yet shows no caller)
     * @param followUps the follow-up backlog by queue
     */
    public static Snapshot build(LiveFloor live, Today today, Map<String, QueueSetting> settings, String zone,
                                 Map<String, Caller> callers, PauseLimits limits,
                                 Map<String, FollowUpBacklog> followUps) {
        Map<String, Tally> tallies = new HashMap<>();
        Tally all = new Tally();
        for (WaitingCall w : live.waiting()) {
            tallies.computeIfAbsent(w.queue(), k -> new Tally()).calls.add(w);
            all.calls.add(w);
        }
        List<AgentRow> agents = new ArrayList<>(live.agents().size());
        for (AgentView a : live.agents()) {
            Map<String, Boolean> paused = a.queuesPaused();
            String[] queues = new String[paused.size()];
            int n = 0;
            boolean pausedEverywhere = !paused.isEmpty();
            for (Map.Entry<String, Boolean> q : paused.entrySet()) { // one pass: 5,000 agents in a few queues each
                count(tallies.computeIfAbsent(q.getKey(), k -> new Tally()), a, q.getValue());
                queues[n++] = q.getKey();
                pausedEverywhere &= q.getValue();
            }
            count(all, a, pausedEverywhere);
            Arrays.sort(queues);
            agents.add(row(a, List.of(queues), today.agent(a.pbxId(), a.agent()), callers, limits, live.at()));
        }
        TreeSet<String> names = new TreeSet<>(settings.keySet());
        names.addAll(today.queues().keySet());
        names.addAll(tallies.keySet());
        names.addAll(followUps.keySet());
        names.remove("");
        List<QueueBoard> queues = new ArrayList<>(names.size());
        for (String name : names) {
            Tally t = tallies.getOrDefault(name, new Tally());
            QueueSetting s = settings.get(name);
            Thresholds th = s == null ? Thresholds.DEFAULT : s.thresholds();
            Instant oldest = oldest(t.calls);
            long longest = waited(oldest, live.at());
            QueueToday q = today.queues().get(name);
            QueueFigures f = q == null ? null : q.calls();
            Alerts alerts = new Alerts(th.waiting(t.calls.size()), th.longestWait(longest),
                    th.serviceLevel(f == null ? null : f.serviceLevelOffered()),
                    th.abandonRate(f == null ? null : f.abandonRate()), th.asa(f == null ? null : f.asaMillis()),
                    th.aht(f == null ? null : f.ahtMillis()));
            queues.add(new QueueBoard(name, t.calls.size(), longest, oldest, callers(t.calls, callers, live.at()),
                    t.counts(), q, today.recent().queue(name), th, alerts,
                    followUps.getOrDefault(name, FollowUpBacklog.NONE).at(live.at())));
        }
        Floor floor = new Floor(all.calls.size(), waited(oldest(all.calls), live.at()), all.counts(), today.floor(),
                today.recent().floor());
        return new Snapshot(live.at(), zone, floor, queues, agents);
    }

    private static AgentRow row(AgentView a, List<String> queues, AgentFigures f, Map<String, Caller> callers,
                                PauseLimits limits, Instant now) {
        String linked = switch (a.state()) {
            case RINGING, ON_CALL, ON_HOLD -> a.linkedId();
            case AFTER_CALL_WORK -> a.wrapupLinkedId();
            default -> null;
        };
        AgentCall call = null;
        if (linked != null) {
            Caller c = callers.get(Caller.key(a.pbxId(), linked));
            call = c == null ? new AgentCall("", null, null) : new AgentCall(c.queue(), c.who(), c.tier());
        }
        Long limit = null;
        Level level = Level.OK;
        if (a.state() == AgentState.PAUSED) {
            limit = limits.limit(a.reason()).toSeconds();
            Duration paused = a.since() == null ? Duration.ZERO : Duration.between(a.since(), now);
            level = limits.level(a.reason(), paused);
        }
        return new AgentRow(a.pbxId(), a.agent(), a.name(), a.state(), a.reason(), a.since(), queues,
                f == null ? 0 : f.handled(), f == null ? null : f.ahtMillis(), call, limit, level);
    }

    private static List<WaitingCaller> callers(List<WaitingCall> calls, Map<String, Caller> known, Instant now) {
        List<WaitingCall> sorted = calls.stream().sorted(Comparator.comparing(WaitingCall::queuedAt)
                .thenComparing(WaitingCall::linkedId)).limit(MAX_CALLERS).toList();
        List<WaitingCaller> out = new ArrayList<>(sorted.size());
        for (WaitingCall w : sorted) {
            Caller c = known.get(Caller.key(w.pbxId(), w.linkedId()));
            out.add(new WaitingCaller(out.size() + 1, w.queuedAt(), waited(w.queuedAt(), now),
                    c == null ? null : c.who(), c == null ? null : c.tier()));
        }
        return out;
    }

    private static Instant oldest(List<WaitingCall> calls) {
        Instant oldest = null;
        for (WaitingCall w : calls) {
            oldest = oldest == null || w.queuedAt().isBefore(oldest) ? w.queuedAt() : oldest;
        }
        return oldest;
    }

    private static long waited(Instant since, Instant now) {
        return since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
    }

    private static void count(Tally t, AgentView a, boolean pausedHere) {
        switch (a.state()) {
            case LOGGED_OUT -> { return; }
            case RINGING -> t.ringing++;
            case ON_CALL, ON_HOLD -> t.onCall++;
            case AFTER_CALL_WORK -> t.acw++;
            case PAUSED -> pause(t, a.reason());
            case READY -> {
                if (pausedHere) {
                    pause(t, "");
                } else {
                    t.ready++;
                }
            }
        }
        t.loggedIn++;
    }

    private static void pause(Tally t, String reason) {
        t.paused++;
        t.reasons.merge(reason == null ? "" : reason, 1, Integer::sum);
    }
}
