package io.aftercare.metrics;

import io.aftercare.calls.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The call metric calculators, pure functions over {@link CallFacts}: per call, per queue, per agent and per
 * interval. The live wallboard and the historical reports both call these, so they agree; doc/metrics.md
 * defines every figure. Stateless and thread-safe.
 */
public final class CallMetrics {
    private CallMetrics() {}

    /** Interval lengths reports group by. */
    public enum Interval { HOUR, DAY, WEEK }

    /** One call's figures under its queue's rule. */
    public static CallFigures call(CallFacts c, QueueRules rules) {
        QueueRules.Rule rule = rules.of(c.queue());
        Duration wait = c.queueWait();
        boolean within = c.answered() && wait != null && wait.compareTo(rule.serviceLevel()) <= 0;
        boolean abandoned = c.abandonedInQueue();
        boolean isShort = abandoned && (wait == null || wait.compareTo(rule.shortAbandon()) < 0);
        long talk = 0;
        long hold = 0;
        long wrapup = 0;
        for (CallFacts.Handling h : c.handling()) {
            talk += h.talk().toMillis();
            hold += h.hold().toMillis();
            wrapup += h.wrapup().toMillis();
        }
        return new CallFigures(c.pbxId(), c.linkedId(), c.queue(), wait == null ? null : wait.toMillis(),
                c.answered(), within, abandoned, isShort, talk, hold, wrapup);
    }

    /** The calls first offered in [from, to): a call belongs to the interval in which it first joined a queue. */
    public static List<CallFacts> offeredIn(Collection<CallFacts> calls, Instant from, Instant to) {
        return calls.stream().filter(c -> c.offered() && !c.offeredAt().isBefore(from) && c.offeredAt().isBefore(to))
                .toList();
    }

    /** Queue figures over all the given offered calls (the caller picks them, e.g. with {@link #offeredIn}). */
    public static QueueFigures queue(Collection<CallFacts> calls, QueueRules rules) {
        long offered = 0, answered = 0, abandoned = 0, shortAbandoned = 0, timedOut = 0, lost = 0, waiting = 0;
        long callbacks = 0;
        long within = 0, waitSum = 0, handled = 0, talk = 0, hold = 0, wrapup = 0;
        for (CallFacts c : calls) {
            if (!c.offered()) {
                continue;
            }
            offered++;
            CallFigures f = call(c, rules);
            if (f.answered()) {
                answered++;
                waitSum += f.waitMillis();
                within += f.withinThreshold() ? 1 : 0;
                if (c.handlingComplete()) {
                    handled++;
                    talk += f.talkMillis();
                    hold += f.holdMillis();
                    wrapup += f.wrapupMillis();
                }
            } else if (f.abandoned()) {
                if (f.shortAbandon()) {
                    shortAbandoned++;
                } else {
                    abandoned++;
                }
            } else if (c.outcome() == Outcome.TIMEOUT) {
                timedOut++;
            } else if (c.outcome() == Outcome.CALLBACK) {
                callbacks++;
            } else if (c.outcome() == Outcome.LOST_TRACK) {
                lost++;
            } else if (c.endedAt() == null) {
                waiting++;
            }
        }
        return new QueueFigures(offered, answered, abandoned, shortAbandoned, timedOut, lost, waiting, within,
                ratio(within, answered), ratio(within, answered + abandoned), ratio(abandoned, answered + abandoned),
                mean(waitSum, answered), handled, mean(talk + hold + wrapup, handled), mean(talk, handled),
                mean(hold, handled), mean(wrapup, handled), callbacks);
    }

    /** Queue figures per queue (the queue a call was first offered to), sorted by queue name. */
    public static Map<String, QueueFigures> byQueue(Collection<CallFacts> calls, QueueRules rules) {
        return group(calls, CallFacts::queue, g -> queue(g, rules));
    }

    /** Queue figures per interval start (hour, day or ISO week from Monday) in {@code zone}, by offer time. */
    public static Map<Instant, QueueFigures> byInterval(Collection<CallFacts> calls, QueueRules rules, ZoneId zone,
                                                        Interval size) {
        return group(calls.stream().filter(CallFacts::offered).toList(), c -> intervalStart(c.offeredAt(), zone, size),
                g -> queue(g, rules));
    }

    /** The start of the interval holding {@code at}, in {@code zone} (DST-aware: a day may last 23 or 25 h). */
    public static Instant intervalStart(Instant at, ZoneId zone, Interval size) {
        ZonedDateTime t = at.atZone(zone);
        return switch (size) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> t.toLocalDate().atStartOfDay(zone).toInstant();
            case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                    .atStartOfDay(zone).toInstant();
        };
    }

    /**
     * Per agent (keyed {@code pbxId/interface}): calls whose handling is complete where the agent talked, held or
     * wrapped up, and the mean of that agent's own talk, hold and wrap-up on them (a transfer splits a call).
     */
    public static Map<String, AgentFigures> byAgent(Collection<CallFacts> calls) {
        record Sum(String pbx, String agent, long n, long talk, long hold, long wrapup) {}
        Map<String, Sum> sums = new TreeMap<>();
        for (CallFacts c : calls) {
            if (!c.answered() || !c.handlingComplete()) {
                continue;
            }
            for (CallFacts.Handling h : c.handling()) {
                sums.merge(c.pbxId() + '/' + h.agent(), new Sum(c.pbxId(), h.agent(), 1, h.talk().toMillis(),
                        h.hold().toMillis(), h.wrapup().toMillis()), (a, b) -> new Sum(a.pbx, a.agent, a.n + b.n,
                        a.talk + b.talk, a.hold + b.hold, a.wrapup + b.wrapup));
            }
        }
        Map<String, AgentFigures> out = new LinkedHashMap<>();
        sums.forEach((k, s) -> out.put(k, new AgentFigures(s.pbx, s.agent, s.n,
                mean(s.talk + s.hold + s.wrapup, s.n), mean(s.talk, s.n), mean(s.hold, s.n), mean(s.wrapup, s.n))));
        return out;
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    static Long mean(long sum, long n) {
        return n == 0 ? null : Math.round((double) sum / n);
    }

    private static <K extends Comparable<K>, V> Map<K, V> group(Collection<CallFacts> calls,
                                                                 Function<CallFacts, K> key,
                                                                 Function<List<CallFacts>, V> figures) {
        Map<K, List<CallFacts>> groups = calls.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.toList()));
        Map<K, V> out = new LinkedHashMap<>();
        groups.forEach((k, g) -> out.put(k, figures.apply(g)));
        return out;
    }
}
