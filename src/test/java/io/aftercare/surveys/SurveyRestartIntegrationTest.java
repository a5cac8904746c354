package io.aftercare.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.App;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.OriginateOutcome;
import io.aftercare.fake.OriginatePolicy;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14 as reported: aftercare stops while a survey call rings, a new instance starts over the same database,
 * times the attempt out and reschedules the job; then the customer answers that first call. Two whole apps, the
 * fake PBX and a pinned clock, on SQLite and PostgreSQL.
 */
class SurveyRestartIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AftercareConfig.Surveys SURVEYS = SurveyWorld.config(10, 10, 3)
            .withAftersalesDelay(Duration.ZERO);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void aCallAnsweredAfterARestartRescheduledItsJobEndsTheJobAndIsNeverDialedAgain(String kind) throws Exception {
        MutableClock clock = new MutableClock(SurveyWorld.START);
        List<OriginatePolicy.Call> rung = new CopyOnWriteArrayList<>();
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); FakeAmiServer pbx = FakeAmiServer.start()) {
            pbx.originatePolicy(call -> { // rings on past the end of the test: the first instance never hears back
                rung.add(call);
                return new OriginatePolicy.Ring(OriginateOutcome.ANSWERED, Duration.ofHours(1), a -> { });
            });
            AftercareConfig defaults = ConfigLoader.defaults();
            AftercareConfig config = defaults.withDb(db.config()).withHttpPort(0).withAgiPort(0).withSurveys(SURVEYS)
                    .withAmi(new AftercareConfig.Ami("pbx1", "127.0.0.1", pbx.port(), "hotline", "s3cret",
                            Duration.ofMillis(50), Duration.ofMillis(200), defaults.ami().pingInterval()));
            long job;
            try (App before = started(config, clock)) {
                long customer = SurveyWorld.customer(before.database().jdbi(), clock.instant(), "+447700900123");
                job = survey(before, customer);
                await().atMost(WAIT).until(() -> rung.size() == 1);
            } // gone while attempt 1 rings: its OriginateResponse will reach nobody

            try (App after = started(config, clock)) {
                SurveyJobDao dao = new SurveyJobDao(after.database().jdbi());
                clock.advance(SURVEYS.ringTimeout().plus(SURVEYS.responseGrace()).plusSeconds(1));
                await().atMost(WAIT).until(() -> dao.find(job).orElseThrow().state().equals("scheduled"));

                SurveyWorld.answer(after.agiPort(), job, 1, FakeAgiClient.builder().getDataReplies("5", "9#")
                        .waitForDigitReplies("1"));

                SurveyJob done = dao.find(job).orElseThrow();
                assertThat(done.state()).isEqualTo("completed");
                assertThat(done.answeredAttempt()).isEqualTo(1);
                clock.advance(SURVEYS.retryBackoff());
                // another customer's survey due now: the round that dials it would dial the first job's retry too
                long other = survey(after, SurveyWorld.customer(after.database().jdbi(), clock.instant(),
                        "+447700900124"));
                await().atMost(WAIT).until(() -> rung.size() >= 2);
                assertThat(rung).extracting(c -> c.variables().get("SURVEY_ID"))
                        .containsExactly(Long.toString(job), Long.toString(other));
                assertThat(dao.find(job).orElseThrow().state()).isEqualTo("completed");
            }
        }
    }

    private static App started(AftercareConfig config, MutableClock clock) {
        App app = App.start(config, clock);
        await().atMost(WAIT).until(() -> "connected".equals(app.ami().orElseThrow().states().get("pbx1")));
        return app;
    }

    private static long survey(App app, long customer) {
        return app.surveys().scheduler().onAftersalesEvent("repair_completed", customer, null).jobId().orElseThrow();
    }
}
