package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GET /api/calls, /api/calls/{id} and /api/customers/{id}/contacts over stored calls, on SQLite and PostgreSQL:
 * keyset pages that walk every call once when calls start at the same instant, filters, totals, bad cursors, an
 * agent's view of their own calls only, and the CSV export of every match.
 */
class CallLogIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
    private static final long T0 = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();
    private static final String AGENT1 = "Local/agent1@agents";
    private static final String AGENT2 = "Local/agent2@agents";

    @TempDir
    Path dir;

    /** 30 inbound calls, three starting at each of ten instants, alternating queues and agents. */
    private static void thirtyCalls(Handle h) {
        h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES ('agent1', 'Agent One', ?, 0),"
                + " ('agent2', 'Agent Two', ?, 0)", AGENT1, AGENT2);
        var batch = h.prepareBatch("INSERT INTO contacts (pbx_id, linkedid, caller_e164, queue, answered_by,"
                + " entered_at, answered_at, ended_at, outcome, kind) VALUES ('pbx1', :linkedId, '+12125550123',"
                + " :queue, :agent, :at, :answered, :ended, :outcome, 'inbound')");
        for (int i = 0; i < 30; i++) {
            boolean answered = i % 5 != 4;
            long at = T0 + (i / 3) * 60_000L;
            batch.bind("linkedId", "call-" + i).bind("queue", i % 2 == 0 ? "vip" : "standard")
                    .bind("agent", answered ? (i % 3 == 0 ? AGENT2 : AGENT1) : null).bind("at", at)
                    .bind("answered", answered ? (Long) (at + 10_000) : null).bind("ended", at + 100_000)
                    .bind("outcome", answered ? "answered" : "abandoned").add();
        }
        batch.execute();
    }

    private static JsonNode json(TestApp.Reply reply) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return Json.mapper().readTree(reply.body());
    }

    /** Every page of a list of calls, {@code limit} at a time, walked by its cursors; the linked ids in order. */
    private static List<String> walk(TestApp app, String path, int limit) {
        return app.walk(path + (path.contains("?") ? "&" : "?") + "limit=" + limit).stream()
                .map(item -> item.get("linkedId").asText()).toList();
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void pagesWalkEveryCallOnceNewestFirstWhenCallsStartTogether(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            app.app().database().jdbi().useHandle(CallLogIntegrationTest::thirtyCalls);
            List<String> expected = new ArrayList<>();
            for (int i = 29; i >= 0; i--) { // newest start first, then the higher id (inserted later)
                expected.add("call-" + i);
            }
            for (int limit : new int[] {1, 2, 3, 4, 7, 30, 500}) {
                List<String> walked = walk(app, "/api/calls", limit);
                assertThat(walked).as("limit " + limit).containsExactlyElementsOf(expected);
                assertThat(new HashSet<>(walked)).hasSize(30);
            }
            JsonNode first = json(app.get("/api/calls?limit=4&count=true"));
            assertThat(first.get("total").asLong()).isEqualTo(30);
            assertThat(json(app.get("/api/calls?limit=4")).has("total")).isFalse();
            List<String> vipOfAgent1 = new ArrayList<>();
            for (int i = 29; i >= 0; i--) {
                if (i % 2 == 0 && i % 5 != 4 && i % 3 != 0) {
                    vipOfAgent1.add("call-" + i);
                }
            }
            assertThat(walk(app, "/api/calls?queue=vip&agent=agent1", 2)).containsExactlyElementsOf(vipOfAgent1);
            assertThat(walk(app, "/api/calls?queue=vip&agent=" + URLEncoder.encode(AGENT1, StandardCharsets.UTF_8),
                    50)).containsExactlyElementsOf(vipOfAgent1);
            assertThat(json(app.get("/api/calls?queue=vip&agent=agent1&count=true")).get("total").asLong())
                    .isEqualTo(vipOfAgent1.size());
            assertThat(walk(app, "/api/calls?outcome=abandoned", 50)).containsExactly("call-29", "call-24", "call-19",
                    "call-14", "call-9", "call-4");
            // [from, to): the calls that started at T0 + 1 min and T0 + 2 min
            assertThat(walk(app, "/api/calls?from=2026-11-02T09:01:00Z&to=2026-11-02T09:03:00Z", 50))
                    .containsExactly("call-8", "call-7", "call-6", "call-5", "call-4", "call-3");
            assertThat(walk(app, "/api/calls?direction=outbound", 50)).isEmpty();
            assertThat(walk(app, "/api/calls?direction=inbound", 50)).hasSize(30);
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void badCursorsAndFiltersAreRefusedSayingWhy(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            for (String bad : List.of("after=not-a-cursor", "after=%21%21", "after=MTIz", "limit=0", "limit=501",
                    "direction=sideways", "count=yes")) {
                TestApp.Reply reply = app.get("/api/calls?" + bad);
                assertThat(reply.status()).as(bad).isEqualTo(400);
                assertThat(reply.contentType()).startsWith("application/problem+json");
            }
            assertThat(app.get("/api/calls?after=bm9wZTox").body()).contains("nextCursor");
            assertThat(app.get("/api/calls?outcome=lost").status()).isEqualTo(422);
            assertThat(app.get("/api/calls?from=2026-11-02").status()).isEqualTo(422); // to is missing
            assertThat(app.get("/api/calls/999").status()).isEqualTo(404);
            assertThat(app.get("/api/calls/abc").status()).isEqualTo(404);
            assertThat(app.get("/api/customers/999/contacts").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void anAgentSeesOnlyTheCallsTheyAnswered(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            app.app().database().jdbi().useHandle(CallLogIntegrationTest::thirtyCalls);
            TestApp agent1 = app.as(app.signIn("ann", "agent", "agent1"));
            List<String> own = walk(agent1, "/api/calls", 4);
            assertThat(own).isNotEmpty().allSatisfy(id -> {
                int i = Integer.parseInt(id.substring(5));
                assertThat(i % 5 != 4 && i % 3 != 0).as(id).isTrue();
            });
            assertThat(walk(agent1, "/api/calls?agent=agent1", 50)).isEqualTo(own);
            assertThat(agent1.get("/api/calls?agent=agent2").status()).isEqualTo(403);
            long mine = id(app, "call-1");
            long theirs = id(app, "call-0");
            assertThat(agent1.get("/api/calls/" + mine).status()).isEqualTo(200);
            assertThat(agent1.get("/api/calls/" + theirs).status()).isEqualTo(403);
            TestApp supervisor = app.as(app.signIn("sue", "supervisor", null));
            assertThat(walk(supervisor, "/api/calls", 50)).hasSize(30);
            assertThat(supervisor.get("/api/calls/" + theirs).status()).isEqualTo(200);
        }
    }

    private static long id(TestApp app, String linkedId) {
        return app.app().database().jdbi().withHandle(h -> h.select("SELECT id FROM contacts WHERE linkedid = ?",
                linkedId).mapTo(Long.class).one());
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void aCallShowsItsSegmentsTimesAndDispositionAndACustomersHistoryItsSurveys(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            long customer = Json.mapper().readTree(app.post("/api/customers", "{\"name\": \"Pia Fischer\","
                    + " \"phones\": [\"2125550123\"]}").body()).get("id").asLong();
            long account = app.app().services().auth().createAccount(new io.aftercare.auth.AuthService.AccountInput(
                    "sv", "Sue Visor", "supervisor", null, "pw-sv-long-enough")).id();
            app.app().database().jdbi().useHandle(h -> {
                h.execute("INSERT INTO contacts (pbx_id, linkedid, caller_e164, caller_name, queue, answered_by,"
                        + " entered_at, queued_at, answered_at, ended_at, outcome, kind, customer_id) VALUES"
                        + " ('pbx1', 'in-1', '+12125550123', 'Pia', 'vip', ?, ?, ?, ?, ?, 'answered', 'inbound', ?),"
                        + " ('pbx1', 'survey-5-2', '+12125550123', NULL, NULL, NULL, ?, NULL, ?, ?, 'answered',"
                        + " 'survey', ?), ('pbx1', 'other', '+13125550100', NULL, 'vip', NULL, ?, NULL, NULL, ?,"
                        + " 'abandoned', 'inbound', NULL)",
                        AGENT1, T0, T0 + 1000, T0 + 13_500, T0 + 100_000, customer,
                        T0 + 200_000, T0 + 205_000, T0 + 260_000, customer, T0 + 300_000, T0 + 301_000);
                var segment = h.prepareBatch("INSERT INTO segments (pbx_id, linkedid, kind, agent, queue, started_at,"
                        + " ended_at) VALUES ('pbx1', 'in-1', :kind, :agent, 'vip', :from, :to)");
                segment.bind("kind", "queue").bind("agent", "").bind("from", T0 + 1000).bind("to", T0 + 13_500).add();
                segment.bind("kind", "ring").bind("agent", AGENT1).bind("from", T0 + 9000).bind("to", T0 + 13_500).add();
                segment.bind("kind", "talk").bind("agent", AGENT1).bind("from", T0 + 13_500).bind("to", T0 + 40_000).add();
                segment.bind("kind", "hold").bind("agent", AGENT1).bind("from", T0 + 40_000).bind("to", T0 + 50_000).add();
                segment.bind("kind", "talk").bind("agent", AGENT1).bind("from", T0 + 50_000).bind("to", T0 + 100_000).add();
                segment.bind("kind", "wrapup").bind("agent", AGENT1).bind("from", T0 + 100_000).bindNull("to", java.sql.Types.BIGINT).add();
                segment.execute();
                h.execute("INSERT INTO dispositions (pbx_id, linkedid, agent, account_id, customer_id, reason_code,"
                        + " resolved, created_at) VALUES ('pbx1', 'in-1', ?, ?, ?, 'how-to', TRUE, ?)", AGENT1,
                        account, customer, T0 + 110_000);
                h.execute("INSERT INTO survey_jobs (id, customer_id, e164, source, state, due_at, expires_at, attempts,"
                        + " answered_attempt, created_at, updated_at) VALUES (5, ?, '+12125550123', 'disposition',"
                        + " 'completed', 0, 1, 2, 2, 0, 0)", customer);
                h.execute("INSERT INTO survey_answers (job_id, csat, nps, resolved, answered_at) VALUES"
                        + " (5, 4, NULL, TRUE, ?)", T0 + 250_000);
            });

            JsonNode call = json(app.get("/api/calls/" + id(app, "in-1")));
            JsonNode summary = call.get("call");
            assertThat(summary.get("direction").asText()).isEqualTo("inbound");
            assertThat(summary.get("startedAt").asText()).isEqualTo("2026-11-02T09:00:00Z");
            assertThat(summary.get("waitSeconds").asDouble()).isEqualTo(12.5);
            assertThat(summary.get("talkSeconds").asDouble()).isEqualTo(76.5);
            assertThat(summary.get("holdSeconds").asDouble()).isEqualTo(10.0);
            assertThat(summary.get("wrapupSeconds").isNull()).isTrue(); // still open
            assertThat(summary.at("/disposition/reasonCode").asText()).isEqualTo("how-to");
            assertThat(summary.at("/disposition/resolved").asBoolean()).isTrue();
            assertThat(summary.get("customerId").asLong()).isEqualTo(customer);
            assertThat(call.get("segments")).hasSize(6);
            assertThat(call.at("/segments/0/kind").asText()).isEqualTo("queue");
            assertThat(call.at("/segments/0/agent").isNull()).isTrue();
            assertThat(call.at("/segments/1/seconds").asDouble()).isEqualTo(4.5);
            assertThat(call.at("/segments/5/endedAt").isNull()).isTrue();

            JsonNode history = json(app.get("/api/customers/" + customer + "/contacts?count=true"));
            assertThat(history.get("total").asLong()).isEqualTo(2);
            assertThat(history.at("/items/0/linkedId").asText()).isEqualTo("survey-5-2");
            assertThat(history.at("/items/0/direction").asText()).isEqualTo("outbound");
            assertThat(history.at("/items/0/kind").asText()).isEqualTo("survey");
            assertThat(history.at("/items/0/survey/csat").asInt()).isEqualTo(4);
            assertThat(history.at("/items/0/survey/nps").isNull()).isTrue();
            assertThat(history.at("/items/1/linkedId").asText()).isEqualTo("in-1");
            assertThat(history.at("/items/1/survey").isNull()).isTrue();
            assertThat(walk(app, "/api/customers/" + customer + "/contacts", 1)).containsExactly("survey-5-2", "in-1");
            assertThat(walk(app, "/api/calls?customerId=" + customer + "&direction=outbound", 5))
                    .containsExactly("survey-5-2");
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void csvExportsEveryMatchingCallQuotedAndFormulaSafe(String kind) throws Exception {
        try (TestApp app = new TestApp(TestDatabases.open(kind, dir), CLOCK)) {
            int calls = CallLog.EXPORT_CHUNK + 203; // more than one read
            app.app().database().jdbi().useHandle(h -> {
                h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES ('agent1', 'Agent One', ?,"
                        + " 0)", AGENT1);
                var batch = h.prepareBatch("INSERT INTO contacts (pbx_id, linkedid, caller_e164, caller_name, queue,"
                        + " answered_by, entered_at, outcome) VALUES ('pbx1', :linkedId, '+12125550123', :name, 'vip',"
                        + " :agent, :at, 'answered')");
                for (int i = 0; i < calls; i++) {
                    batch.bind("linkedId", "c" + i).bind("name", switch (i) {
                        case 0 -> "=HYPERLINK(\"http://evil\",\"x\")";
                        case 1 -> "Smith, \"Jo\"";
                        case 2 -> "-2+3";
                        default -> "Caller " + i;
                    }).bind("agent", i % 2 == 0 ? AGENT1 : null).bind("at", T0 + (i / 7) * 1000L).add();
                }
                batch.execute();
            });
            TestApp.Reply csv = app.get("/api/calls?format=csv&limit=5&queue=vip");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.contentType()).startsWith("text/csv");
            String[] lines = csv.body().split("\r\n");
            assertThat(lines[0]).isEqualTo(String.join(",", CallCsv.HEADER));
            assertThat(lines).hasSize(calls + 1); // every match, not one page
            assertThat(java.util.Arrays.stream(lines).skip(1).map(l -> l.split(",")[2]).distinct().count())
                    .isEqualTo(calls);
            assertThat(lines[1]).startsWith(id(app, "c" + (calls - 1)) + ",pbx1,c" + (calls - 1) + ",inbound,inbound,");
            String evil = line(lines, "c0");
            assertThat(evil).contains(",+12125550123,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",");
            assertThat(line(lines, "c1")).contains(",\"Smith, \"\"Jo\"\"\",");
            assertThat(line(lines, "c2")).contains(",'-2+3,");
            assertThat(line(lines, "c3")).contains(",Caller 3,").contains(",answered,");

            TestApp agent1 = app.as(app.signIn("ann", "agent", "agent1"));
            TestApp.Reply own = agent1.get("/api/calls", "text/csv");
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.body().split("\r\n")).hasSize(calls / 2 + 1 + (calls % 2 == 0 ? 0 : 1));
            TestApp.Reply refused = agent1.get("/api/calls?format=csv&agent=someone-else");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(app.get("/api/calls?format=csv&outcome=nope").status()).isEqualTo(422);
        }
    }

    private static String line(String[] lines, String linkedId) {
        return java.util.Arrays.stream(lines).filter(l -> l.contains(",pbx1," + linkedId + ",")).findFirst()
                .orElseThrow();
    }
}
