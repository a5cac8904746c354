package io.aftercare.wallboard;

import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Handle;

/**
 * A busy floor for the wallboard's screen tests: the seven queues the migrations ship, 24 agents (ready, on calls
 * with known customers, a 2-minute break, a long lunch, an unlisted pause past its limit), six callers waiting,
 * today's stored calls with abandons and time-outs in every queue, calls of ten days ago for FCR and survey answers
 * (after-sales ones name no queue).
 */
final class TvFloor {
    static final String[] QUEUES = {"general-support", "vip", "repairs", "onboarding", "returns", "technical",
            "supervisors"};
    private static final String[][] CUSTOMERS = {{"Maria Garcia", "gold", "2125550101"},
            {"John Smith", "vip", "2125550102"}, {"Li Wei", "standard", "2125550103"},
            {"Ana Oliveira Santos", "silver", "2125550104"}, {"Tom Baker", "standard", "2125550105"},
            {"Fatima Zahra", "vip", "2125550106"}};
    /** Time-outs today per queue, as QUEUES (vip: 4). */
    private static final int[] TIMED_OUT = {2, 4, 0, 1, 3, 0, 5};

    private TvFloor() {}

    static void seed(TestApp app, Instant now) {
        app.app().database().jdbi().useHandle(h -> {
            for (int i = 0; i < CUSTOMERS.length; i++) {
                h.execute("INSERT INTO customers (id, name, tier, created_at, updated_at) VALUES (?, ?, ?, 0, 0)",
                        100 + i, CUSTOMERS[i][0], CUSTOMERS[i][1]);
                h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES (?, ?, 0)",
                        "+1" + CUSTOMERS[i][2], 100 + i);
            }
            stored(h, now);
            surveys(h, now);
        });
        for (int i = 1; i <= 24; i++) {
            String queue = QUEUES[i % QUEUES.length];
            boolean paused = i <= 3;
            String reason = i == 1 ? "break" : i == 2 ? "lunch" : i == 3 ? "meeting" : "";
            Instant since = now.minus(Duration.ofMinutes(i == 1 ? 2 : i == 2 ? 62 : i == 3 ? 20 : 30 + i));
            feed(app, new PbxEvent.MemberAdded("pbx1", since, queue, iface(i), String.format("Agent %02d", i), paused,
                    reason));
            if (i % 3 == 0 && !paused) {
                feed(app, new PbxEvent.MemberAdded("pbx1", since, QUEUES[(i + 2) % QUEUES.length], iface(i),
                        String.format("Agent %02d", i), false, ""));
            }
        }
        for (int i = 4; i <= 9; i++) { // six agents on calls, customers 0-5
            String linked = "7000." + i;
            String queue = QUEUES[i % QUEUES.length];
            Instant joined = now.minusSeconds(60L * i);
            call(app, linked, queue, CUSTOMERS[i - 4][2], joined);
            feed(app, new PbxEvent.AgentRinging("pbx1", joined.plusSeconds(5), linked, linked + "1", queue, iface(i),
                    "", ""));
            feed(app, new PbxEvent.AgentConnected("pbx1", joined.plusSeconds(8), linked, linked + "1", queue, iface(i),
                    "", 8));
        }
        String[] waitingIn = {"general-support", "general-support", "vip", "repairs", "repairs", "general-support"};
        String[] numbers = {"2125550101", "3125550177", "2125550102", "4155550188", "2125550104", "6175550199"};
        for (int w = 0; w < waitingIn.length; w++) {
            call(app, "8000." + w, waitingIn[w], numbers[w], now.minusSeconds(95 - 15L * w));
        }
    }

    private static String iface(int i) {
        return String.format("Local/agent%02d@agents", i);
    }

    private static void feed(TestApp app, PbxEvent event) {
        app.app().calls().tracking().accept(event);
    }

    private static void call(TestApp app, String linked, String queue, String number, Instant joined) {
        feed(app, new PbxEvent.ChannelCreated("pbx1", joined.minusSeconds(10), linked, linked + "1", "PJSIP/trunk-1",
                number, "", "1800"));
        feed(app, new PbxEvent.QueueJoined("pbx1", joined, linked, linked + "1", queue, 1, number, ""));
    }

    /** Today's calls (in the last three hours, or since midnight UTC when later) and calls of ten days ago. */
    private static void stored(Handle h, Instant now) {
        Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant from = midnight.isAfter(now.minus(Duration.ofHours(3))) ? midnight : now.minus(Duration.ofHours(3));
        long span = Math.max(60_000, Duration.between(from, now.minusSeconds(300)).toMillis());
        int n = 0;
        for (int q = 0; q < QUEUES.length; q++) {
            int answered = 14 + 3 * q;
            int abandoned = q % 3 + 1;
            int total = answered + abandoned + 1 + TIMED_OUT[q];
            for (int c = 0; c < total; c++) {
                Instant queued = from.plusMillis(span * c / total + 1000L * q);
                String outcome = c < answered ? "answered" : c < answered + abandoned ? "abandoned"
                        : c == answered + abandoned ? "short_abandon" : "timeout";
                long wait = outcome.equals("short_abandon") ? 2 : outcome.equals("timeout") ? 300 : 8 + (c * 7) % 40;
                contact(h, "5000." + n++, QUEUES[q], null, queued, wait, outcome, 100 + 40L * (c % 5), 20);
            }
        }
        Instant old = now.minus(Duration.ofDays(10));
        for (int i = 0; i < 5; i++) { // five answered, customer 100 calls again a day later: FCR 4 of 5
            contact(h, "4000." + i, QUEUES[i], 100L + i, old.plusSeconds(600L * i), 10, "answered", 200, 30);
        }
        contact(h, "4000.9", QUEUES[0], 100L, old.plus(Duration.ofDays(1)), 10, "answered", 200, 30);
    }

    private static void contact(Handle h, String linked, String queue, Long customer, Instant queued, long waitSeconds,
                                String outcome, long talkSeconds, long wrapSeconds) {
        long q = queued.toEpochMilli();
        long left = q + waitSeconds * 1000;
        boolean answered = outcome.equals("answered");
        long ended = answered ? left + talkSeconds * 1000 : left;
        String agent = answered ? "Local/agent04@agents" : null;
        h.execute("INSERT INTO contacts (pbx_id, linkedid, caller_raw, caller_e164, queue, answered_by, entered_at,"
                        + " queued_at, answered_at, dequeued_at, ended_at, outcome, customer_id) VALUES ('pbx1', ?,"
                        + " '2125559999', '+12125559999', ?, ?, ?, ?, ?, ?, ?, ?, ?)", linked, queue, agent, q - 10_000,
                q, answered ? left : null, left, ended, outcome, customer);
        h.execute("INSERT INTO segments (pbx_id, linkedid, kind, agent, queue, started_at, ended_at)"
                + " VALUES ('pbx1', ?, 'queue', '', ?, ?, ?)", linked, queue, q, left);
        if (answered) {
            h.execute("INSERT INTO segments (pbx_id, linkedid, kind, agent, queue, started_at, ended_at)"
                    + " VALUES ('pbx1', ?, 'talk', ?, ?, ?, ?)", linked, agent, queue, left, ended);
            h.execute("INSERT INTO segments (pbx_id, linkedid, kind, agent, queue, started_at, ended_at)"
                    + " VALUES ('pbx1', ?, 'wrapup', ?, ?, ?, ?)", linked, agent, queue, ended,
                    ended + wrapSeconds * 1000);
        }
    }

    /** Eight answers today and earlier this week: after-sales ones (no queue) and two about vip calls. */
    private static void surveys(Handle h, Instant now) {
        int[][] answers = {{5, 10}, {4, 9}, {5, 8}, {2, 3}, {4, 9}, {5, 10}, {3, 7}, {4, 9}};
        for (int i = 0; i < answers.length; i++) {
            long at = now.minus(Duration.ofHours(20L * i)).minusSeconds(60).toEpochMilli();
            String queue = i < 2 ? "vip" : null;
            h.execute("INSERT INTO survey_jobs (id, customer_id, e164, source, queue, state, due_at, expires_at,"
                            + " created_at, updated_at) VALUES (?, 100, '+12125550101', ?, ?, 'completed', ?, ?, ?, ?)",
                    500 + i, queue == null ? "order_delivered" : "disposition", queue, at, at, at, at);
            h.execute("INSERT INTO survey_answers (job_id, csat, nps, resolved, answered_at) VALUES (?, ?, ?, ?, ?)",
                    500 + i, answers[i][0], answers[i][1], answers[i][0] >= 4, at);
        }
    }
}
