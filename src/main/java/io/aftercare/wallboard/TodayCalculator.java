package io.aftercare.wallboard;

import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.CallMetrics;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.QueueFigures;
import io.aftercare.metrics.QueueRules;
import io.aftercare.surveys.SurveyResults;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Today's wallboard figures from stored calls, a pure function over the same calculators as the reports: each
 * queue's calls first offered since its midnight, FCR of those judged now, and the survey answers of the day.
 * Stateless and thread-safe.
 */
public final class TodayCalculator {
    private TodayCalculator() {}

    /** The start of today in {@code zone} (DST-aware). */
    public static Instant dayStart(Instant now, ZoneId zone) {
        return CallMetrics.intervalStart(now, zone, CallMetrics.Interval.DAY);
    }

    /**
     * @param settings the queues table (queues seen in calls but not listed use {@code defaultZone})
     * @param chosen a zone for every queue, or null for each queue's own
     * @param calls every stored call offered since the earliest of the day starts involved
     * @param surveysByStart survey rows per queue answered from each day start until now
     */
    public static Today compute(Instant now, Map<String, QueueSetting> settings, ZoneId chosen, ZoneId defaultZone,
                                List<CallFacts> calls, QueueRules rules,
                                Map<Instant, Map<String, SurveyResults.Row>> surveysByStart, Duration fcrWindow) {
        Map<String, List<CallFacts>> byQueue = new TreeMap<>();
        settings.keySet().forEach(q -> byQueue.put(q, new ArrayList<>()));
        for (CallFacts c : calls) {
            if (c.offered() && !c.offeredAt().isAfter(now)) {
                byQueue.computeIfAbsent(c.queue(), k -> new ArrayList<>()).add(c);
            }
        }
        var contacts = FirstContactResolution.Contacts.of(calls, rules); // grouped once, not once per queue
        Map<String, QueueToday> queues = new HashMap<>();
        byQueue.forEach((queue, all) -> {
            QueueSetting s = settings.get(queue);
            ZoneId zone = chosen != null ? chosen : s != null ? s.zone() : defaultZone;
            Instant start = dayStart(now, zone);
            List<CallFacts> today = all.stream().filter(c -> !c.offeredAt().isBefore(start)).toList();
            QueueFigures figures = CallMetrics.queue(today, rules);
            var fcr = FirstContactResolution.of(today, contacts, fcrWindow, now);
            SurveyResults.Row survey = surveysByStart.getOrDefault(start, Map.of()).get(queue);
            queues.put(queue, new QueueToday(LocalDate.ofInstant(now, zone), zone, figures, fcr, survey));
        });
        ZoneId agentZone = chosen != null ? chosen : defaultZone;
        Instant agentStart = dayStart(now, agentZone);
        var agents = CallMetrics.byAgent(CallMetrics.offeredIn(calls, agentStart, now.plusMillis(1)));
        return Today.of(now, queues, agents.values(), LocalDate.ofInstant(now, agentZone));
    }
}
