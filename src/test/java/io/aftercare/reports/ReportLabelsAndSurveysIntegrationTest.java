package io.aftercare.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reports API's additions on SQLite and PostgreSQL: rows labelled with their local start in the requested zone
 * (DST days included), one bucket for the whole interval, and survey results per queue, per agent and per answer.
 */
class ReportLabelsAndSurveysIntegrationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-20T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static TestApp world(TestDatabases.TestDb db) {
        TestApp app = new TestApp(db, CLOCK);
        app.app().database().jdbi().useHandle(ReportFloor::seed);
        return app;
    }

    private static JsonNode json(TestApp app, String path) throws Exception {
        TestApp.Reply reply = app.get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return Json.mapper().readTree(reply.body());
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void rowsCarryTheirLocalStartInTheRequestedZone(String kind) throws Exception {
        try (TestApp app = world(TestDatabases.open(kind, dir))) {
            TestApp sue = app.as(app.signIn("sue", "supervisor", null));
            JsonNode days = json(sue, "/api/reports/queues?from=2026-01-05&to=2026-01-07&zone=Europe/Paris&queue=vip");
            assertThat(days).hasSize(2);
            assertThat(days.get(0).get("start").asText()).isEqualTo("2026-01-04T23:00:00Z");
            assertThat(days.get(0).get("localStart").asText()).isEqualTo("2026-01-05T00:00:00+01:00");
            assertThat(days.get(1).get("localStart").asText()).isEqualTo("2026-01-06T00:00:00+01:00");

            // 29 March 2026 in Paris has 23 hours: 01:00+01:00 is followed by 03:00+02:00.
            JsonNode hours = json(sue, "/api/reports/queues?from=2026-03-29&to=2026-03-30&zone=Europe/Paris"
                    + "&interval=hour&queue=vip");
            assertThat(hours).hasSize(23);
            assertThat(hours.get(1).get("localStart").asText()).isEqualTo("2026-03-29T01:00:00+01:00");
            assertThat(hours.get(2).get("localStart").asText()).isEqualTo("2026-03-29T03:00:00+02:00");

            JsonNode agents = json(sue, "/api/reports/agents?from=2026-01-05&to=2026-01-06&zone=America/New_York"
                    + "&interval=hour&agent=agent1");
            assertThat(agents.get(0).get("localStart").asText()).isEqualTo("2026-01-05T00:00:00-05:00");

            String[] csv = sue.get("/api/reports/queues?from=2026-01-05&to=2026-01-06&zone=Europe/Paris&queue=vip"
                    + "&format=csv").body().split("\r\n");
            assertThat(csv[0]).endsWith(",occupancy,local_start");
            assertThat(csv[1]).startsWith("2026-01-04T23:00:00Z,2026-01-05T23:00:00Z,vip,")
                    .endsWith(",2026-01-05T00:00:00+01:00");
            assertThat(sue.get("/api/reports/agents?from=2026-01-05&to=2026-01-06&agent=agent1&format=csv").body()
                    .split("\r\n")[1]).endsWith(",2026-01-05T00:00:00Z");
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void totalIsOneBucketForTheWholeInterval(String kind) throws Exception {
        try (TestApp app = world(TestDatabases.open(kind, dir))) {
            TestApp sue = app.as(app.signIn("sue", "supervisor", null));
            JsonNode byDay = json(sue, "/api/reports/agents?from=2026-01-05&to=2026-01-07&agent=agent1");
            JsonNode total = json(sue, "/api/reports/agents?from=2026-01-05&to=2026-01-07&interval=total&agent=agent1");
            assertThat(byDay).hasSize(2);
            assertThat(total).hasSize(1);
            assertThat(total.get(0).get("start").asText()).isEqualTo("2026-01-05T00:00:00Z");
            assertThat(total.get(0).get("end").asText()).isEqualTo("2026-01-07T00:00:00Z");
            assertThat(total.get(0).at("/handling/handled").asLong())
                    .isEqualTo(byDay.get(0).at("/handling/handled").asLong() + byDay.get(1).at("/handling/handled").asLong())
                    .isPositive();
            assertThat(total.get(0).get("occupancy").asDouble()).isBetween(0.0, 1.0);
            assertThat(total.get(0).at("/survey/surveys").asInt()).isEqualTo(3);
            JsonNode queues = json(sue, "/api/reports/queues?from=2026-01-05&to=2026-01-07&interval=total");
            assertThat(queues).hasSize(7); // every queue the migrations ship
            assertThat(sue.get("/api/reports/queues?from=2026-01-05&to=2026-01-07&interval=month").body())
                    .contains("hour, day, week or total");
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void surveyResultsPerQueuePerAgentAndPerAnswer(String kind) throws Exception {
        try (TestApp app = world(TestDatabases.open(kind, dir))) {
            TestApp sue = app.as(app.signIn("sue", "supervisor", null));
            JsonNode queues = json(sue, "/api/reports/surveys?from=2026-01-05&to=2026-01-06&group=queue");
            assertThat(queues).hasSize(2);
            assertThat(queues.get(0).get("group").asText()).isEmpty(); // after-sales: no queue
            assertThat(queues.get(0).get("surveys").asInt()).isEqualTo(1);
            JsonNode vip = queues.get(1);
            assertThat(vip.get("group").asText()).isEqualTo("vip");
            assertThat(vip.get("surveys").asInt()).isEqualTo(4); // the opt-out left out
            assertThat(vip.get("csat").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(vip.get("csatAnswers").asInt()).isEqualTo(3);
            assertThat(vip.get("nps").asDouble()).isCloseTo(25.0, within(1e-9)); // 50 % promoters - 25 % detractors
            assertThat(vip.get("npsAnswers").asInt()).isEqualTo(4);
            assertThat(vip.get("resolvedRate").asDouble()).isCloseTo(2.0 / 3, within(1e-9));
            assertThat(vip.at("/counts/csat/5").asInt()).isEqualTo(1);
            assertThat(vip.at("/counts/csat/1").asInt()).isZero();
            assertThat(vip.at("/counts/nps").size()).isEqualTo(11);
            assertThat(vip.at("/counts/resolved/no").asInt()).isEqualTo(1);

            JsonNode agents = json(sue, "/api/reports/surveys?from=2026-01-05&to=2026-01-06&group=agent&agent=agent1");
            assertThat(agents).hasSize(1);
            assertThat(agents.get(0).get("group").asText()).isEqualTo(ReportFloor.iface(1));
            assertThat(agents.get(0).get("surveys").asInt()).isEqualTo(3);
            assertThat(agents.get(0).get("nps").asDouble()).isCloseTo(100.0 * 2 / 3 - 100.0 / 3, within(1e-9));

            JsonNode answers = json(sue, "/api/reports/surveys?from=2026-01-05&to=2026-01-06&group=question");
            assertThat(answers).hasSize(5 + 11 + 2);
            assertThat(answers.get(4).get("question").asText()).isEqualTo("csat");
            assertThat(answers.get(4).get("answer").asText()).isEqualTo("5");
            assertThat(answers.get(4).get("count").asInt()).isEqualTo(1);
            assertThat(answers.get(4).get("share").asDouble()).isCloseTo(0.25, within(1e-9)); // of 4 CSAT answers
            JsonNode vipOnly = json(sue, "/api/reports/surveys?from=2026-01-05&to=2026-01-06&group=question&queue=vip");
            assertThat(vipOnly.get(16).get("answer").asText()).isEqualTo("yes");
            assertThat(vipOnly.get(16).get("count").asInt()).isEqualTo(2);

            String[] csv = sue.get("/api/reports/surveys?from=2026-01-05&to=2026-01-06&group=queue&format=csv").body()
                    .split("\r\n");
            assertThat(csv[0]).startsWith("group,surveys,csat,csat_answers,nps,nps_answers,resolved_rate,"
                    + "resolved_answers,csat_1,csat_2").endsWith(",nps_10,resolved_yes,resolved_no");
            assertThat(csv[2]).startsWith("vip,4,").endsWith(",2,1");
            assertThat(sue.get("/api/reports/surveys?from=2026-01-05&to=2026-01-06&group=day").status()).isEqualTo(422);
            assertThat(sue.get("/api/reports/surveys?from=2026-01-05&to=2026-01-06&agent=ghost").status()).isEqualTo(422);
            TestApp ann = app.as(app.signIn("ann", "agent", "agent1"));
            assertThat(ann.get("/api/reports/surveys?from=2026-01-05&to=2026-01-06").status()).isEqualTo(403);
        }
    }
}
