package io.aftercare.pbx;

import java.util.List;
import java.util.stream.Stream;

/** One queue_log line: {@code time|callid|queue|agent|event|data1|data2|...}. Immutable. */
public record QueueLogEntry(long epochSeconds, String callId, String queue, String agent, String event,
                            List<String> data) {
    public QueueLogEntry {
        data = List.copyOf(data);
    }

    static QueueLogEntry parse(String line) {
        String[] f = line.split("\\|", -1);
        if (f.length < 5) {
            throw new IllegalArgumentException("not a queue_log line: " + line);
        }
        return new QueueLogEntry(Long.parseLong(f[0]), f[1], f[2], f[3], f[4],
                Stream.of(f).skip(5).toList());
    }

    /** How many of {@code log}'s lines are {@code event} (ENTERQUEUE, CONNECT, ABANDON...). */
    static long count(List<QueueLogEntry> log, String event) {
        return log.stream().filter(e -> e.event().equals(event)).count();
    }

    /** Data field {@code n} counted from 1, as Asterisk's documentation numbers them; "" when absent. */
    public String data(int n) {
        return n <= data.size() ? data.get(n - 1) : "";
    }
}
