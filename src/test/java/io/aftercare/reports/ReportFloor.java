package io.aftercare.reports;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Two working days of stored calls for the report tests (Monday 5 and Tuesday 6 January 2026, 08:00-18:00 UTC):
 * vip and general-support, four agents (agent1-agent4) answering, abandons and time-outs, the agents' state log
 * (ready all day, on a call and in wrap-up for each call answered),
 * and survey answers about vip calls, one after-sales survey (no queue, no agent) and one opt-out.
 */
final class ReportFloor {
    static final Instant DAY1 = Instant.parse("2026-01-05T00:00:00Z");
    private static final String[] QUEUES = {"vip", "general-support"};
    private static final long HOUR = 3_600_000L;

    private ReportFloor() {}

    static String iface(int agent) {
        return "Local/a" + agent + "@agents";
    }

    static void seed(Handle h) {
        h.execute("INSERT INTO customers (id, name, tier, created_at, updated_at) VALUES (900, 'Pia', 'gold', 0, 0)");
        for (int a = 1; a <= 4; a++) {
            h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES (?, ?, ?, 0)", "agent" + a,
                    "Agent " + a, iface(a));
        }
        int n = 0;
        for (int d = 0; d < 2; d++) {
            long day = DAY1.toEpochMilli() + d * 24 * HOUR;
            for (int a = 1; a <= 4; a++) { // ready 08:00-18:00, on a call or in wrap-up for each call they answer
                state(h, a, "ready", day + 8 * HOUR);
                state(h, a, "logged_out", day + 18 * HOUR + 600_000L);
            }
            for (int hour = 8; hour < 18; hour++) {
                for (int q = 0; q < QUEUES.length; q++) {
                    int calls = 3 + (hour * 7 + d * 3 + q * 5) % 6;
                    for (int i = 0; i < calls; i++) {
                        long queued = day + hour * HOUR + i * 420_000L + q * 60_000L;
                        String outcome = i % 7 == 3 ? "abandoned" : i % 5 == 4 ? "timeout" : "answered";
                        long wait = outcome.equals("timeout") ? 300_000 : 2_000 + ((i * 7 + hour) % 20) * 1_000L;
                        long talk = 90_000 + ((i * 37 + hour * 11) % 300) * 1_000L;
                        contact(h, "r" + n++, QUEUES[q], (i + hour + q) % 4 + 1, queued, wait, outcome, talk,
                                i % 3 == 0 ? 30_000 : 0);
                    }
                }
            }
        }
        // vip surveys on day 1: (5, 10, yes) (4, 9, yes) (2, 3, no) about agent1, (-, 8, -) about agent2;
        // an after-sales survey (3, 7, yes) and an opt-out, which no figure counts.
        survey(h, 1, "vip", iface(1), 5, 10, true, false);
        survey(h, 2, "vip", iface(1), 4, 9, true, false);
        survey(h, 3, "vip", iface(1), 2, 3, false, false);
        survey(h, 4, "vip", iface(2), null, 8, null, false);
        survey(h, 5, null, null, 3, 7, true, false);
        survey(h, 6, "vip", iface(1), 1, 0, false, true);
    }

    private static void state(Handle h, int agent, String state, long at) {
        h.execute("INSERT INTO agent_state_log (pbx_id, agent, name, state, reason, queues, at) VALUES"
                + " ('pbx1', ?, ?, ?, '', 'vip,general-support', ?)", iface(agent), "Agent " + agent, state, at);
    }

    private static void contact(Handle h, String linked, String queue, int agent, long queued, long wait,
                                String outcome, long talk, long hold) {
        boolean answered = outcome.equals("answered");
        long left = queued + wait;
        long ended = answered ? left + talk + hold : left;
        String by = answered ? iface(agent) : null;
        h.execute("INSERT INTO contacts (pbx_id, linkedid, queue, answered_by, entered_at, queued_at, answered_at,"
                        + " dequeued_at, ended_at, outcome) VALUES ('pbx1', ?, ?, ?, ?, ?, ?, ?, ?, ?)", linked, queue,
                by, queued, queued, answered ? left : null, left, ended, outcome);
        segment(h, linked, "queue", "", queue, queued, left);
        if (answered) {
            state(h, agent, "on_call", left);
            state(h, agent, "after_call_work", ended);
            state(h, agent, "ready", ended + 20_000);
            segment(h, linked, "talk", by, queue, left, left + talk);
            if (hold > 0) {
                segment(h, linked, "hold", by, queue, left + talk, ended);
            }
            segment(h, linked, "wrapup", by, queue, ended, ended + 20_000);
        }
    }

    private static void segment(Handle h, String linked, String kind, String agent, String queue, long from, long to) {
        h.execute("INSERT INTO segments (pbx_id, linkedid, kind, agent, queue, started_at, ended_at)"
                + " VALUES ('pbx1', ?, ?, ?, ?, ?, ?)", linked, kind, agent, queue, from, to);
    }

    private static void survey(Handle h, int id, String queue, String agent, Integer csat, Integer nps,
                               Boolean resolved, boolean optedOut) {
        long at = DAY1.toEpochMilli() + 15 * HOUR + id * 60_000L;
        h.execute("INSERT INTO survey_jobs (id, customer_id, e164, source, queue, agent, state, due_at, expires_at,"
                        + " created_at, updated_at) VALUES (?, 900, '+12125550101', ?, ?, ?, ?, ?, ?, ?, ?)", 700 + id,
                queue == null ? "order_delivered" : "disposition", queue, agent, optedOut ? "opted_out" : "completed",
                at, at, at, at);
        h.execute("INSERT INTO survey_answers (job_id, csat, nps, resolved, opted_out, answered_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", 700 + id, csat, nps, resolved, optedOut, at);
    }
}
