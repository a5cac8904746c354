package io.aftercare.importer;

import io.aftercare.importer.CsvMappings.OrderRow;
import io.aftercare.importer.ImportReport.Rejection;
import io.aftercare.orders.OrderInput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Folds consecutive CSV rows with the same order_number into one order, as ERP exports write one row per
 * order line. The order-level columns must agree on every row of an order. Not thread-safe.
 */
final class OrderGrouping implements EntrySource<OrderInput> {
    private final EntrySource<OrderRow> rows;
    private final Deque<Entry<OrderRow>> pending = new ArrayDeque<>();

    OrderGrouping(EntrySource<OrderRow> rows) {
        this.rows = rows;
    }

    @Override
    public Entry<OrderInput> next() throws IOException {
        Entry<OrderRow> first = read();
        if (first == null) {
            return null;
        }
        if (first.input() == null || first.input().orderNumber() == null) {
            return retype(first);
        }
        String number = first.input().orderNumber();
        List<Entry<OrderRow>> group = new ArrayList<>(List.of(first));
        // unreadable rows between rows of this order belong to it: storing the order without them would lose lines
        List<Entry<OrderRow>> unreadable = new ArrayList<>();
        while (true) {
            Entry<OrderRow> row = read();
            if (row != null && row.input() == null) {
                unreadable.add(row);
                continue;
            }
            if (row == null || !number.equals(row.input().orderNumber())) {
                pending.addAll(unreadable);
                if (row != null) {
                    pending.add(row);
                }
                break;
            }
            group.addAll(unreadable);
            unreadable.clear();
            group.add(row);
        }
        return fold(number, group);
    }

    @Override
    public long line() {
        return rows.line();
    }

    private Entry<OrderRow> read() throws IOException {
        return pending.isEmpty() ? rows.next() : pending.poll();
    }

    private static Entry<OrderInput> fold(String number, List<Entry<OrderRow>> group) {
        OrderRow head = group.get(0).input();
        long headLine = group.get(0).firstLine();
        List<Long> lines = new ArrayList<>();
        List<OrderInput.LineInput> orderLines = new ArrayList<>();
        List<Rejection> problems = new ArrayList<>();
        for (Entry<OrderRow> entry : group) {
            OrderRow row = entry.input();
            long line = entry.firstLine();
            lines.add(line);
            if (row == null) {
                problems.addAll(entry.problems());
                continue;
            }
            orderLines.add(row.line());
            if (row.problem() != null) {
                problems.add(new Rejection(line, row.problem()));
            } else if (entry != group.get(0)) {
                String clash = clash("customer_ref", head.customerRef(), row.customerRef());
                clash = clash != null ? clash : clash("ordered_on", head.orderedOn(), row.orderedOn());
                clash = clash != null ? clash : clash("currency", head.currency(), row.currency());
                clash = clash != null ? clash : clash("channel", head.channel(), row.channel());
                if (clash != null) {
                    problems.add(new Rejection(line, clash + " differs from line " + headLine + " of order " + number));
                }
            }
        }
        OrderInput input = problems.isEmpty() ? new OrderInput(number, null, head.customerRef(), head.orderedOn(),
                head.currency(), head.channel(), orderLines) : null;
        return new Entry<>(lines, input, "order " + number, problems);
    }

    private static String clash(String column, String head, String value) {
        return Objects.equals(strip(head), strip(value)) ? null : column + " '" + (value == null ? "" : value) + "'";
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static Entry<OrderInput> retype(Entry<OrderRow> row) {
        if (row.input() == null) {
            return new Entry<>(row.lines(), null, row.label(), row.problems());
        }
        // no order number: the service names the problem, alongside any unreadable value
        OrderRow r = row.input();
        if (r.problem() != null) {
            return Entry.rejected(row.firstLine(), r.problem());
        }
        return Entry.of(row.firstLine(), new OrderInput(null, null, r.customerRef(), r.orderedOn(), r.currency(),
                r.channel(), List.of(r.line())));
    }
}
