package io.aftercare.surveys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aftercare.agi.FastAgiServer;
import io.aftercare.agi.ScriptRegistry;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAgiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurveyAgiIntegrationTest {
    private static final String NUMBER = "+447700900123";

    @TempDir
    Path dir;
    private SurveyWorld world;
    private SurveyResults results;
    private FastAgiServer agi;
    private long job;

    @BeforeEach
    void start() {
        world = new SurveyWorld(dir);
        results = new SurveyResults(world.database.jdbi(), world.dao, "supervisors", Duration.ofMinutes(10));
        var script = new SurveyAgiScript(results, world.scheduler(SurveyWorld.config(10, 2, 3)), List.of("en", "fr"),
                world.clock);
        agi = FastAgiServer.start(ConfigLoader.defaults().withAgiPort(0).agi(),
                ScriptRegistry.builder().register("survey", script).build());
        job = world.job(world.customer(NUMBER), NUMBER);
        world.dao.claimDue("a", world.clock.instant(), world.clock.instant().plusSeconds(45), 1);
        world.dao.markDialing(job, "a", "survey-" + job + "-1", world.clock.instant().plusSeconds(45),
                world.clock.instant());
        world.dao.markAnswered("survey-" + job + "-1", world.clock.instant().plusSeconds(600), world.clock.instant());
    }

    @AfterEach
    void stop() {
        agi.close();
        world.close();
    }

    private FakeAgiClient.Result call(FakeAgiClient.Builder b) throws Exception {
        return SurveyWorld.answer(agi.port(), job, 1, b);
    }

    private Map<String, Object> answers() {
        return world.database.jdbi().withHandle(h -> h.createQuery("SELECT csat, nps, resolved, opted_out,"
                + " followup_case_id FROM survey_answers WHERE job_id = :j").bind("j", job).mapToMap().one());
    }

    @Test
    void keypadAnswersAndTimeoutsAsInTheTranscriptKeepThePartialAnswers() throws Exception {
        // agi-survey.txt: GET DATA 1 digit -> 4, GET DATA 2 digits -> 91, WAIT FOR DIGIT -> 0 (timeout)
        var result = call(FakeAgiClient.builder().getDataReplies("4", "91").waitForDigitReplies("", ""));
        assertTrue(result.commands().contains("ANSWER"), result.commands().toString());
        assertTrue(result.commands().contains("GET DATA \"aftercare/survey-csat\" 4000 1"), result.commands().toString());
        assertEquals(2, result.commands().stream().filter(c -> c.startsWith("GET DATA \"aftercare/survey-nps\"")).count(),
                "91 is no NPS: asked once more, then skipped");
        assertEquals(2, result.commands().stream().filter(c -> c.startsWith("WAIT FOR DIGIT")).count());
        Map<String, Object> a = answers();
        assertEquals(4, ((Number) a.get("csat")).intValue());
        assertNull(a.get("nps"));
        assertNull(a.get("resolved"));
        assertEquals("completed", world.state(job));
    }

    @Test
    void nineOptsOutAndStopsEveryScheduledSurvey() throws Exception {
        call(FakeAgiClient.builder().getDataReplies("9"));
        assertEquals("opted_out", world.state(job));
        int dnc = world.database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM do_not_call WHERE e164 = :e"
                + " AND source = 'keypad'").bind("e", NUMBER).mapTo(Integer.class).one());
        assertEquals(1, dnc);
    }

    @Test
    void answersRaiseSurveyAnsweredAndADetractorAlsoItsFollowUpForWebhooks() throws Exception {
        new io.aftercare.webhooks.WebhookService(world.database.jdbi(), world.clock, () -> {}).create(
                new io.aftercare.webhooks.SubscriptionInput("https://crm.example.com/hooks", null, List.of(
                        "survey.answered", "survey.detractor", "case.opened"), null, null));
        call(FakeAgiClient.builder().getDataReplies("2", "3").waitForDigitReplies("2"));
        List<Map<String, Object>> events = world.database.jdbi().withHandle(h -> h.createQuery("SELECT event_type,"
                + " payload FROM webhook_outbox ORDER BY id").mapToMap().list());
        assertEquals(List.of("survey.answered", "survey.detractor", "case.opened"),
                events.stream().map(e -> e.get("event_type")).toList());
        var detractor = io.aftercare.web.Json.mapper().readTree(events.get(1).get("payload").toString());
        assertEquals("NPS 3, CSAT 2, issue not resolved", detractor.get("reason").asText());
        assertEquals(job, detractor.at("/survey/jobId").asLong());
        assertEquals(3, detractor.at("/survey/nps").asInt());
        long caseId = detractor.get("followupCaseId").asLong();
        assertEquals(caseId, io.aftercare.web.Json.mapper().readTree(events.get(2).get("payload").toString())
                .at("/case/id").asLong());
        int deliveries = world.database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries"
                + " WHERE status = 'pending'").mapTo(Integer.class).one());
        assertEquals(3, deliveries);
    }

    @Test
    void aDetractorOpensACallbackCaseForSupervisorsAndCountsInTheResults() throws Exception {
        call(FakeAgiClient.builder().getDataReplies("2", "3").waitForDigitReplies("2"));
        Map<String, Object> a = answers();
        assertEquals(3, ((Number) a.get("nps")).intValue());
        long caseId = ((Number) a.get("followup_case_id")).longValue();
        Map<String, Object> followUp = world.database.jdbi().withHandle(h -> h.createQuery("SELECT type, status,"
                + " subject, assigned_queue FROM cases WHERE id = :id").bind("id", caseId).mapToMap().one());
        assertEquals("callback", followUp.get("type"));
        assertEquals("supervisors", followUp.get("assigned_queue"));
        assertTrue(followUp.get("subject").toString().contains("NPS 3"), followUp.toString());
        var rows = results.results(world.clock.instant().minus(Duration.ofDays(1)),
                world.clock.instant().plus(Duration.ofDays(1)), "queue");
        assertEquals(List.of(new SurveyResults.Row("repairs", 1, 0.0, -100.0, 0.0)), rows);
    }

    @Test
    void aDialplanThatPassesNoAttemptHasItReadFromTheChannel() throws Exception {
        var result = FakeAgiClient.builder().script("survey?id=" + job).channelVariable("SURVEY_ATTEMPT", "1")
                .getDataReplies("5", "10").waitForDigitReplies("1").build().run("127.0.0.1", agi.port());
        assertTrue(result.commands().contains("GET VARIABLE \"SURVEY_ATTEMPT\""), result.commands().toString());
        assertEquals(5, ((Number) answers().get("csat")).intValue());
        assertEquals(1, world.dao.find(job).orElseThrow().answeredAttempt());
        assertEquals("completed", world.state(job));
    }

    @Test
    void anAttemptNeverPlacedIsNotAnsweredAndTakesNothing() throws Exception {
        var result = SurveyWorld.answer(agi.port(), job, 2, FakeAgiClient.builder().getDataReplies("1"));
        assertFalse(result.commands().contains("ANSWER"), result.commands().toString());
        assertEquals("answered", world.state(job));
        assertNull(world.dao.find(job).orElseThrow().answeredAttempt());
    }

    @Test
    void aSecondAnsweredCallOfTheSameJobHearsAGoodbyeAndNoQuestions() throws Exception {
        call(FakeAgiClient.builder().getDataReplies("4", "8").waitForDigitReplies("1"));
        var again = call(FakeAgiClient.builder().getDataReplies("1", "0").waitForDigitReplies("2"));
        assertTrue(again.commands().contains("STREAM FILE \"aftercare/survey-already-answered\" \"\""),
                again.commands().toString());
        assertTrue(again.commands().stream().noneMatch(c -> c.startsWith("GET DATA")), again.commands().toString());
        assertEquals(4, ((Number) answers().get("csat")).intValue());
        assertEquals("completed", world.state(job));
    }
}
