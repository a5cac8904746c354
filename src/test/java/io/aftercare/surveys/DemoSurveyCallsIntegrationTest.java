package io.aftercare.surveys;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aftercare.App;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.SurveyCallee;
import io.aftercare.fake.SurveyCallee.Kind;
import io.aftercare.fake.SurveyCallee.Reply;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's PBX pieces (FakeAmiServer answering Originates through the SurveyCallee policy, which plays the
 * FastAGI survey) against the whole app: after-sales events become surveys that end as customers decide.
 */
class DemoSurveyCallsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Ticks in real time from a Wednesday 15:00 in London, inside every default calling window. */
    private static final Clock CLOCK = Clock.offset(Clock.systemUTC(),
            Duration.between(Instant.now(), SurveyWorld.START));

    @TempDir
    Path dir;

    @Test
    void demoCalleesCompleteTheSurveyBeBusyOrOptOut() throws Exception {
        try (FakeAmiServer pbx = FakeAmiServer.builder().credentials("demo", "demo-secret").clock(CLOCK).start()) {
            AftercareConfig defaults = ConfigLoader.defaults();
            AftercareConfig config = defaults.withDb(TestDatabases.sqliteConfig(dir)).withHttpPort(0).withAgiPort(0)
                    .withAmi(new AftercareConfig.Ami("pbx1", "127.0.0.1", pbx.port(), "demo", "demo-secret",
                            Duration.ofMillis(50), Duration.ofMillis(200), defaults.ami().pingInterval()))
                    .withSurveys(surveys(defaults.surveys()));
            try (App app = App.start(config, CLOCK)) {
                SurveyCallee callees = new SurveyCallee("127.0.0.1", app.agiPort(), 42,
                        new SurveyCallee.Mix(0, 0, 0), Duration.ZERO, Duration.ofMillis(20));
                callees.answerAs("PJSIP/447700900201@trunk", Reply.answers(5, 9, true));
                callees.answerAs("PJSIP/447700900202@trunk", Reply.of(Kind.BUSY));
                callees.answerAs("PJSIP/447700900203@trunk", Reply.of(Kind.OPTS_OUT));
                pbx.originatePolicy(callees);
                await().atMost(WAIT).until(() -> "connected".equals(
                        app.ami().orElseThrow().states().get("pbx1")));

                var jdbi = app.database().jdbi();
                SurveyScheduler scheduler = app.surveys().scheduler();
                List<Long> jobs = List.of("+447700900201", "+447700900202", "+447700900203").stream()
                        .map(number -> scheduler.onAftersalesEvent("repair_completed",
                                customer(app, number), null).jobId().orElseThrow())
                        .toList();

                SurveyJobDao dao = new SurveyJobDao(jdbi);
                await().atMost(WAIT).until(() -> jobs.stream().map(j -> dao.find(j).orElseThrow().state()).toList(),
                        states -> states.equals(List.of("completed", "busy", "opted_out")));
                Map<String, Object> answers = jdbi.withHandle(h -> h.createQuery("SELECT csat, nps, resolved,"
                        + " opted_out FROM survey_answers WHERE job_id = :j").bind("j", jobs.get(0)).mapToMap().one());
                assertEquals(5, ((Number) answers.get("csat")).intValue());
                assertEquals(9, ((Number) answers.get("nps")).intValue());
                assertEquals(List.of(1, 0), List.of(truth(answers.get("resolved")), truth(answers.get("opted_out"))));
                assertEquals("busy", dao.find(jobs.get(1)).orElseThrow().lastOutcome());
                int keypadOptOuts = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM do_not_call"
                        + " WHERE e164 = '+447700900203' AND source = 'keypad'").mapTo(Integer.class).one());
                assertEquals(1, keypadOptOuts);
                await().atMost(WAIT).until(callees::sessions, n -> n == 2); // the client sees the hang-up last
                assertEquals(0, callees.failedSessions());
            }
        }
    }

    /** Surveys on, due at once, one attempt, a fast tick. */
    private static AftercareConfig.Surveys surveys(AftercareConfig.Surveys d) {
        return new AftercareConfig.Surveys(true, "PJSIP/${digits}@trunk", d.hotlineCallerId(), d.context(),
                d.exten(), 10, 10, d.ringTimeout(), d.responseGrace(), d.surveyMax(), 1, d.retryBackoff(),
                d.validity(), d.minGap(), Duration.ZERO, Duration.ofMillis(50), d.batchSize(), d.windowDefault(),
                d.windowCountries(), d.holidays(), d.unknownZone(), d.languages(), d.supervisorQueue());
    }

    private static long customer(App app, String e164) {
        return SurveyWorld.customer(app.database().jdbi(), CLOCK.instant(), e164);
    }

    private static int truth(Object value) {
        return value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).intValue();
    }
}
