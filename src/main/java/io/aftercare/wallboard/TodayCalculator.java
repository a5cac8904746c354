package io.aftercare.wallboard;

import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.CallMetrics;
import io.aftercare.metrics.FirstContactResolution;
import io.aftercare.metrics.QueueFigures;
import io.aftercare.metrics.QueueRules;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Today's wallboard figures from stored calls, a pure function over the same calculators as the reports: each
 * queue's calls first offered since its midnight, FCR of those judged now, the survey answers of the day and the
 * offered/answered trend; the same over all queues for the floor (in the chosen zone or the default one).
 * Stateless and thread-safe.
 */
public final class TodayCalculator {
    /** The trend's interval. */
    public static final Duration TREND_BUCKET = Duration.ofMinutes(30);

    private TodayCalculator() {}

    /** The start of today in {@code zone} (DST-aware). */
    public static Instant dayStart(Instant now, ZoneId zone) {
        return CallMetrics.intervalStart(now, zone, CallMetrics.Interval.DAY);
    }

    /**
     * @param settings the queues table (queues seen in calls but not listed use {@code defaultZone})
     * @param chosen a zone for every queue, or null for each queue's own
     * @param calls every stored call offered since the earliest of the day starts involved
     * @param surveysByStart survey counts per queue ("" for none) answered from each day start until now
     * @param recent the rolling figures ({@link #recent}), or {@link Recents#NONE}
     */
    public static Today compute(Instant now, Map<String, QueueSetting> settings, ZoneId chosen, ZoneId defaultZone,
                                List<CallFacts> calls, QueueRules rules,
                                Map<Instant, Map<String, SurveyCounts>> surveysByStart, Duration fcrWindow,
                                Recents recent) {
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
            SurveyCounts survey = surveysByStart.getOrDefault(start, Map.of()).getOrDefault(queue, SurveyCounts.NONE);
            queues.put(queue, day(now, zone, start, all, rules, contacts, fcrWindow, survey));
        });
        ZoneId floorZone = chosen != null ? chosen : defaultZone;
        Instant floorStart = dayStart(now, floorZone);
        SurveyCounts floorSurvey = surveysByStart.getOrDefault(floorStart, Map.of()).values().stream()
                .reduce(SurveyCounts.NONE, SurveyCounts::plus);
        List<CallFacts> offered = calls.stream().filter(c -> c.offered() && !c.offeredAt().isAfter(now)).toList();
        QueueToday floor = day(now, floorZone, floorStart, offered, rules, contacts, fcrWindow, floorSurvey);
        var agents = CallMetrics.byAgent(CallMetrics.offeredIn(calls, floorStart, now.plusMillis(1)));
        return Today.of(now, queues, floor, recent, agents.values(), LocalDate.ofInstant(now, floorZone));
    }

    private static QueueToday day(Instant now, ZoneId zone, Instant start, List<CallFacts> all, QueueRules rules,
                                  FirstContactResolution.Contacts contacts, Duration fcrWindow, SurveyCounts survey) {
        List<CallFacts> today = all.stream().filter(c -> !c.offeredAt().isBefore(start)).toList();
        QueueFigures figures = CallMetrics.queue(today, rules);
        var fcr = FirstContactResolution.of(today, contacts, fcrWindow, now);
        return new QueueToday(LocalDate.ofInstant(now, zone), zone, figures, fcr, SurveyWindow.of(start, now, survey),
                trend(start, now, today));
    }

    /** Offered and answered per {@link #TREND_BUCKET} from {@code start} up to the running interval. */
    static Trend trend(Instant start, Instant now, Collection<CallFacts> today) {
        long bucket = TREND_BUCKET.toMillis();
        int n = (int) Math.max(1, (now.toEpochMilli() - start.toEpochMilli()) / bucket + 1);
        long[] offered = new long[n];
        long[] answered = new long[n];
        for (CallFacts c : today) {
            int i = (int) ((c.offeredAt().toEpochMilli() - start.toEpochMilli()) / bucket);
            if (i >= 0 && i < n) {
                offered[i]++;
                answered[i] += c.answered() ? 1 : 0;
            }
        }
        return new Trend(start, TREND_BUCKET.toSeconds(), boxed(offered), boxed(answered));
    }

    private static List<Long> boxed(long[] values) {
        List<Long> out = new ArrayList<>(values.length);
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    /**
     * The rolling figures at {@code now}: FCR of the calls first offered in [now - 2 windows, now - window), whose
     * windows have all closed, judged against {@code calls} (every call offered since now - 2 windows); and the
     * survey answers of the last {@code surveyDays}, per queue and over all.
     */
    public static Recents recent(Instant now, List<CallFacts> calls, QueueRules rules, Duration fcrWindow,
                                 Map<String, SurveyCounts> surveys, Instant surveyFrom) {
        Instant to = now.minus(fcrWindow);
        Instant from = to.minus(fcrWindow);
        var contacts = FirstContactResolution.Contacts.of(calls, rules);
        List<CallFacts> judged = CallMetrics.offeredIn(calls, from, to);
        Map<String, List<CallFacts>> byQueue = new TreeMap<>();
        judged.forEach(c -> byQueue.computeIfAbsent(c.queue(), k -> new ArrayList<>()).add(c));
        surveys.keySet().forEach(q -> byQueue.computeIfAbsent(q, k -> new ArrayList<>()));
        byQueue.remove("");
        Map<String, Recent> queues = new HashMap<>();
        byQueue.forEach((queue, list) -> queues.put(queue, new Recent(
                FcrWindow.of(from, to, FirstContactResolution.of(list, contacts, fcrWindow, now)),
                SurveyWindow.of(surveyFrom, now, surveys.getOrDefault(queue, SurveyCounts.NONE)))));
        Recent floor = new Recent(FcrWindow.of(from, to, FirstContactResolution.of(judged, contacts, fcrWindow, now)),
                SurveyWindow.of(surveyFrom, now, surveys.values().stream().reduce(SurveyCounts.NONE,
                        SurveyCounts::plus)));
        Recent none = new Recent(FcrWindow.of(from, to, FirstContactResolution.of(List.of(), contacts, fcrWindow, now)),
                SurveyWindow.of(surveyFrom, now, SurveyCounts.NONE));
        return new Recents(now, queues, floor, none);
    }
}
