package io.aftercare.waits;

import io.aftercare.metrics.CallFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-queue tallies of stored calls by the local day and hour they entered the queue: answered waits, offers and
 * abandons (added once the queue wait ended) and handle times (added once the call's handling closed). Answers the
 * {@link WaitHistory} of a moment from the days in the window before it. Memory is 24 small cells per queue and day,
 * whatever the traffic. Not thread-safe: its owner ({@link EstimatedWaits}, the replay benchmark) serializes use.
 */
public final class WaitLedger {
    /** How far back the history reaches: four of each weekday. */
    public static final Duration WINDOW = Duration.ofDays(28);

    private final ZoneId zone;
    private final Map<String, TreeMap<LocalDate, Cell[]>> queues = new HashMap<>();

    private static final class Cell {
        long answered;
        long waitMillis;
        long offered;
        long abandoned;
        long handled;
        long handleMillis;
        double handleSquares; // seconds squared
    }

    public WaitLedger(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Adds the call's queue wait: an offer, and its wait when answered or an abandon when the caller hung up in the
     * queue (a time-out counts as offered only). Call it once per call, when its wait has ended ({@link #waitEnded}).
     */
    public void addWait(CallFacts c) {
        if (!c.offered() || waitEnded(c) == null) {
            return;
        }
        Cell cell = cell(c.queue(), c.offeredAt());
        cell.offered++;
        if (c.answered()) {
            cell.answered++;
            cell.waitMillis += c.queueWait().toMillis();
        } else if (c.abandonedInQueue()) {
            cell.abandoned++;
        }
    }

    /** Adds the call's handle time (every agent's talk, hold and wrap-up), once, when its handling is complete. */
    public void addHandling(CallFacts c) {
        if (!c.offered() || !c.answered() || !c.handlingComplete()) {
            return;
        }
        long millis = 0;
        for (CallFacts.Handling h : c.handling()) {
            millis += h.total().toMillis();
        }
        Cell cell = cell(c.queue(), c.offeredAt());
        cell.handled++;
        cell.handleMillis += millis;
        cell.handleSquares += (millis / 1000.0) * (millis / 1000.0);
    }

    /** When the call's queue wait ended (answered, or left the queue); null while it waits or if never offered. */
    public static Instant waitEnded(CallFacts c) {
        if (!c.offered()) {
            return null;
        }
        return c.answeredAt() != null ? c.answeredAt() : c.leftQueueAt();
    }

    /** Drops the days before the one holding {@code at}. */
    public void forgetBefore(Instant at) {
        LocalDate first = at.atZone(zone).toLocalDate();
        queues.values().forEach(days -> days.headMap(first).clear());
    }

    /** What the tallies say for a caller entering {@code queue} at {@code now}: the window's days up to now. */
    public WaitHistory history(String queue, Instant now) {
        TreeMap<LocalDate, Cell[]> days = queues.get(queue);
        if (days == null) {
            return WaitHistory.NONE;
        }
        ZonedDateTime t = now.atZone(zone);
        ZonedDateTime before = now.minus(Duration.ofHours(1)).atZone(zone);
        int hour = t.getHour();
        long[] slot = new long[2];
        long[] ofHour = new long[2];
        long[] all = new long[2];
        long[] recent = new long[2];
        long[] handling = new long[2];
        long offered = 0;
        long abandoned = 0;
        double squares = 0;
        for (Map.Entry<LocalDate, Cell[]> day : days.tailMap(now.minus(WINDOW).atZone(zone).toLocalDate(), true)
                .headMap(t.toLocalDate(), true).entrySet()) {
            boolean sameWeekday = day.getKey().getDayOfWeek() == t.getDayOfWeek();
            Cell[] cells = day.getValue();
            for (int h = 0; h < cells.length; h++) {
                Cell c = cells[h];
                if (c == null) {
                    continue;
                }
                add(all, c.answered, c.waitMillis);
                add(handling, c.handled, c.handleMillis);
                squares += c.handleSquares;
                offered += c.offered;
                abandoned += c.abandoned;
                if (h == hour) {
                    add(ofHour, c.answered, c.waitMillis);
                    if (sameWeekday) {
                        add(slot, c.answered, c.waitMillis);
                    }
                }
                if ((day.getKey().equals(t.toLocalDate()) && h == hour)
                        || (day.getKey().equals(before.toLocalDate()) && h == before.getHour())) {
                    add(recent, c.handled, c.handleMillis);
                }
            }
        }
        return new WaitHistory(mean(slot), mean(ofHour), mean(all), mean(recent), mean(handling), offered,
                abandoned, variation(handling, squares));
    }

    /** The squared coefficient of variation of the handle times (1 when fewer than two). */
    private static double variation(long[] sum, double squares) {
        if (sum[0] < 2) {
            return 1;
        }
        double mean = sum[1] / 1000.0 / sum[0];
        double variance = Math.max(0, squares / sum[0] - mean * mean);
        return mean == 0 ? 1 : variance / (mean * mean);
    }

    private static void add(long[] sum, long n, long millis) {
        sum[0] += n;
        sum[1] += millis;
    }

    private static Mean mean(long[] sum) {
        return Mean.of(sum[0], sum[1]);
    }

    private Cell cell(String queue, Instant at) {
        ZonedDateTime t = at.atZone(zone);
        Cell[] cells = queues.computeIfAbsent(queue, k -> new TreeMap<>()).computeIfAbsent(t.toLocalDate(),
                k -> new Cell[24]);
        Cell c = cells[t.getHour()];
        if (c == null) {
            c = new Cell();
            cells[t.getHour()] = c;
        }
        return c;
    }
}
