package io.aftercare.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reports API over stored calls in SQLite: figures per bucket, CSV, and each kind of bad input. */
class ReportsIntegrationTest {
    private static final Instant NOW = Instant.parse("2026-01-20T12:00:00Z");
    private static final long T0 = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    private TestApp app;
    private TestApp sue;

    @BeforeEach
    void world() {
        app = new TestApp(TestDatabases.sqlite(dir), Clock.fixed(NOW, ZoneOffset.UTC));
        sue = app.as(app.signIn("sue", "supervisor", null));
        app.app().database().jdbi().useHandle(h -> {
            h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES ('agent1', 'A1', 'Local/a1@agents', 0)");
            // vip: T = 10 s. c1 answered after 5 s (talk 120, hold 30, wrap-up 30), c2 after 15 s, c3 abandoned
            // after 3 s (short), c4 abandoned after 40 s; c5 the next day.
            contact(h, "c1", 0, 5_000L, 5_000, 185_000, "answered");
            contact(h, "c2", 60_000, 75_000L, 75_000, 200_000, "answered");
            contact(h, "c3", 100_000, null, 103_000, 103_000, "short_abandon");
            contact(h, "c4", 120_000, null, 160_000, 160_000, "abandoned");
            contact(h, "c5", 86_400_000, 86_402_000L, 86_402_000, 86_500_000, "answered");
            segment(h, "c1", "talk", 5_000, 125_000);
            segment(h, "c1", "hold", 125_000, 155_000);
            segment(h, "c1", "wrapup", 155_000, 185_000);
            segment(h, "c2", "talk", 75_000, 200_000);
            segment(h, "c5", "talk", 86_402_000, 86_500_000);
            h.execute("INSERT INTO agent_state_log (pbx_id, agent, name, state, reason, queues, at) VALUES"
                    + " ('pbx1', 'Local/a1@agents', 'A1', 'ready', '', 'vip', ?),"
                    + " ('pbx1', 'Local/a1@agents', 'A1', 'on_call', '', 'vip', ?),"
                    + " ('pbx1', 'Local/a1@agents', 'A1', 'ready', '', 'vip', ?)", T0 - 1_000, T0 + 1_800_000, T0 + 2_700_000);
        });
    }

    private static void contact(org.jdbi.v3.core.Handle h, String id, long queued, Long answered, long dequeued,
                                long ended, String outcome) {
        h.createUpdate("INSERT INTO contacts (pbx_id, linkedid, queue, answered_by, entered_at, queued_at, answered_at,"
                        + " dequeued_at, ended_at, outcome) VALUES ('pbx1', :id, 'vip', :by, :q, :q, :a, :d, :e, :o)")
                .bind("id", id).bind("by", answered == null ? null : "Local/a1@agents").bind("q", T0 + queued)
                .bind("a", answered == null ? null : T0 + answered).bind("d", T0 + dequeued).bind("e", T0 + ended)
                .bind("o", outcome).execute();
        h.createUpdate("INSERT INTO segments (pbx_id, linkedid, kind, queue, started_at, ended_at) VALUES"
                + " ('pbx1', :id, 'queue', 'vip', :s, :e)").bind("id", id).bind("s", T0 + queued).bind("e", T0 + dequeued)
                .execute();
    }

    private static void segment(org.jdbi.v3.core.Handle h, String id, String kind, long from, long to) {
        h.createUpdate("INSERT INTO segments (pbx_id, linkedid, kind, agent, queue, started_at, ended_at) VALUES"
                        + " ('pbx1', :id, :k, 'Local/a1@agents', 'vip', :s, :e)")
                .bind("id", id).bind("k", kind).bind("s", T0 + from).bind("e", T0 + to).execute();
    }

    private JsonNode json(String path) throws Exception {
        TestApp.Reply reply = sue.get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return Json.mapper().readTree(reply.body());
    }

    @Test
    void queueReportGivesEachDaysFiguresFromTheCalculators() throws Exception {
        JsonNode rows = json("/api/reports/queues?from=2026-01-05&to=2026-01-07&interval=day&zone=UTC&queue=vip");
        assertThat(rows).hasSize(2);
        JsonNode day1 = rows.get(0);
        assertThat(day1.get("start").asText()).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(day1.at("/calls/offered").asInt()).isEqualTo(4);
        assertThat(day1.at("/calls/answered").asInt()).isEqualTo(2);
        assertThat(day1.at("/calls/abandoned").asInt()).isEqualTo(1);
        assertThat(day1.at("/calls/shortAbandoned").asInt()).isEqualTo(1);
        assertThat(day1.at("/calls/asaSeconds").asDouble()).isEqualTo(10.0);
        assertThat(day1.at("/calls/serviceLevelAnswered").asDouble()).isEqualTo(0.5);
        assertThat(day1.at("/calls/serviceLevelOffered").asDouble()).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(day1.at("/calls/talkSeconds").asDouble()).isEqualTo(122.5);
        assertThat(day1.at("/calls").has("talkMillis")).isFalse(); // one unit for durations in a response
        assertThat(day1.get("occupancy").asDouble()).isGreaterThan(0);
        assertThat(rows.get(1).at("/calls/offered").asInt()).isEqualTo(1);
    }

    @Test
    void hourlyBucketsFollowTheChosenZone() throws Exception {
        JsonNode rows = json("/api/reports/queues?from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z&interval=hour"
                + "&zone=Asia/Kolkata&queue=vip");
        assertThat(rows.get(0).get("start").asText()).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(rows.get(1).get("start").asText()).isEqualTo("2026-01-05T00:30:00Z"); // +05:30 hours
        long offered = 0;
        for (JsonNode r : rows) {
            offered += r.at("/calls/offered").asLong();
        }
        assertThat(offered).isEqualTo(4);
    }

    @Test
    void agentReportAndCsvWithAHeaderRow() throws Exception {
        JsonNode rows = json("/api/reports/agents?from=2026-01-05&to=2026-01-06&agent=agent1");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).at("/handling/handled").asInt()).isEqualTo(2);
        assertThat(rows.get(0).get("occupancy").asDouble()).isGreaterThan(0);
        TestApp.Reply csv = sue.get("/api/reports/queues?from=2026-01-05&to=2026-01-06&format=csv&queue=vip");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("start,end,queue,offered,answered,abandoned,short_abandoned");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith("2026-01-05T00:00:00Z,2026-01-06T00:00:00Z,vip,4,2,1,1");
        assertThat(io.aftercare.web.Csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void reversedIntervalIsRejected() {
        TestApp.Reply reply = sue.get("/api/reports/queues?from=2026-01-06&to=2026-01-05");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("must be before");
    }

    @Test
    void tooLongIntervalOrTooManyBucketsIsRejected() {
        assertThat(sue.get("/api/reports/queues?from=2024-01-01&to=2026-01-05").status()).isEqualTo(422);
        TestApp.Reply ok = sue.get("/api/reports/queues?from=2025-01-05&to=2026-01-05&interval=hour&queue=vip");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200); // 8,760 hours: under the 10,000-bucket limit
    }

    @Test
    void unknownQueueOrAgentIsNamed() {
        TestApp.Reply queue = sue.get("/api/reports/queues?from=2026-01-05&to=2026-01-06&queue=vip,nope");
        assertThat(queue.status()).isEqualTo(422);
        assertThat(queue.body()).contains("unknown queue 'nope'");
        TestApp.Reply agent = sue.get("/api/reports/agents?from=2026-01-05&to=2026-01-06&agent=ghost");
        assertThat(agent.status()).isEqualTo(422);
        assertThat(agent.body()).contains("unknown agent 'ghost'");
    }

    @Test
    void unknownZoneOrIntervalIsRejected() {
        TestApp.Reply zone = sue.get("/api/reports/queues?from=2026-01-05&to=2026-01-06&zone=Europe/Atlantis");
        assertThat(zone.status()).isEqualTo(422);
        assertThat(zone.body()).contains("Europe/Atlantis");
        assertThat(sue.get("/api/reports/queues?from=2026-01-05&to=2026-01-06&interval=month").status()).isEqualTo(422);
        assertThat(sue.get("/api/reports/queues?from=yesterday&to=2026-01-06").status()).isEqualTo(422);
    }
}
