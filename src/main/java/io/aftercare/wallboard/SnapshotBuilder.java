package io.aftercare.wallboard;

import io.aftercare.calls.AgentView;
import io.aftercare.calls.WaitingCall;
import io.aftercare.metrics.AgentFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a wallboard {@link Snapshot}, a pure function: live calls and agents from the tracker plus today's
 * figures from the stored records, and each queue's alert levels (waiting calls, longest wait, and the stricter
 * service level, {@code serviceLevelOffered}). Stateless and thread-safe.
 */
public final class SnapshotBuilder {
    private SnapshotBuilder() {}

    private static final class Tally {
        int waiting;
        Instant oldest;
        int loggedIn;
        int ready;
        int ringing;
        int onCall;
        int acw;
        int paused;
        final Map<String, Integer> reasons = new TreeMap<>();
    }

    public static Snapshot build(LiveFloor live, Today today, Map<String, QueueSetting> settings, String zone) {
        Map<String, Tally> tallies = new HashMap<>();
        for (WaitingCall w : live.waiting()) {
            Tally t = tallies.computeIfAbsent(w.queue(), k -> new Tally());
            t.waiting++;
            t.oldest = t.oldest == null || w.queuedAt().isBefore(t.oldest) ? w.queuedAt() : t.oldest;
        }
        List<AgentRow> agents = new ArrayList<>(live.agents().size());
        for (AgentView a : live.agents()) {
            Map<String, Boolean> paused = a.queuesPaused();
            String[] queues = new String[paused.size()];
            int n = 0;
            for (Map.Entry<String, Boolean> q : paused.entrySet()) { // one pass: 5,000 agents in a few queues each
                count(tallies.computeIfAbsent(q.getKey(), k -> new Tally()), a, q.getValue());
                queues[n++] = q.getKey();
            }
            Arrays.sort(queues);
            AgentFigures f = today.agent(a.pbxId(), a.agent());
            agents.add(new AgentRow(a.pbxId(), a.agent(), a.name(), a.state(), a.reason(), a.since(),
                    List.of(queues), f == null ? 0 : f.handled(), f == null ? null : f.ahtMillis()));
        }
        TreeSet<String> names = new TreeSet<>(settings.keySet());
        names.addAll(today.queues().keySet());
        names.addAll(tallies.keySet());
        names.remove("");
        List<QueueBoard> queues = new ArrayList<>(names.size());
        for (String name : names) {
            Tally t = tallies.getOrDefault(name, new Tally());
            QueueSetting s = settings.get(name);
            Thresholds th = s == null ? Thresholds.DEFAULT : s.thresholds();
            long longest = t.oldest == null ? 0 : Math.max(0, Duration.between(t.oldest, live.at()).toSeconds());
            QueueToday q = today.queues().get(name);
            Alerts alerts = new Alerts(th.waiting(t.waiting), th.longestWait(longest),
                    th.serviceLevel(q == null ? null : q.calls().serviceLevelOffered()));
            queues.add(new QueueBoard(name, t.waiting, longest, t.oldest, new AgentCounts(t.loggedIn, t.ready,
                    t.ringing, t.onCall, t.acw, t.paused, t.reasons), q, th, alerts));
        }
        return new Snapshot(live.at(), zone, queues, agents);
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
