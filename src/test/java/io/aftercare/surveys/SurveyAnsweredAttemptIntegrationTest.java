package io.aftercare.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.agi.FastAgiServer;
import io.aftercare.agi.ScriptRegistry;
import io.aftercare.ami.AmiConnector;
import io.aftercare.ami.OriginateRequest;
import io.aftercare.ami.PbxSettings;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.OriginateOutcome;
import io.aftercare.fake.OriginatePolicy;
import io.aftercare.telephony.events.PbxEvent.OriginateResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a survey answered ends its job whatever the lease says. The fake PBX rings every survey call for an
 * hour and so never reports its outcome in time (as when the instance that sent the Originate was killed); the
 * test then plays the answered call's FastAGI session itself, when it likes.
 */
class SurveyAnsweredAttemptIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NUMBER = "+447700900123";
    private static final AftercareConfig.Surveys CONFIG = SurveyWorld.config(10, 10, 3);
    /** Ring timeout plus grace: the dialing lease. */
    private static final Duration LEASE = CONFIG.ringTimeout().plus(CONFIG.responseGrace());

    @TempDir
    Path dir;
    private SurveyWorld world;
    private FakeAmiServer pbx;
    private AmiConnector ami;
    private FastAgiServer agi;
    private SurveyResults results;
    private SurveyDialer dialer;
    private final List<OriginatePolicy.Call> rung = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        world = newWorld(dir);
        pbx = FakeAmiServer.start();
        pbx.originatePolicy(call -> {
            rung.add(call);
            return new OriginatePolicy.Ring(OriginateOutcome.ANSWERED, Duration.ofHours(1), a -> { });
        });
        ami = new AmiConnector(List.of(new PbxSettings("pbx1", "127.0.0.1", pbx.port(), "hotline", "s3cret",
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10))), e -> { }, Clock.systemUTC());
        ami.start();
        await().atMost(WAIT).until(() -> "connected".equals(ami.states().get("pbx1")));
        results = new SurveyResults(world.database.jdbi(), world.dao, "supervisors", CONFIG.surveyMax());
        agi = FastAgiServer.start(ConfigLoader.defaults().withAgiPort(0).agi(), ScriptRegistry.builder()
                .register("survey", new SurveyAgiScript(results, world.scheduler(CONFIG), List.of("en"), world.clock))
                .build());
        dialer = world.dialer(CONFIG, "a", SurveyDialer.Originator.of(ami));
        ami.addOriginateListener(dialer::onOriginateResult);
    }

    /** The database; the PostgreSQL subclass overrides it. */
    SurveyWorld newWorld(Path folder) {
        return new SurveyWorld(folder);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable part : new AutoCloseable[] {agi, ami, pbx, world}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                // the next part still closes
            }
        }
    }

    /** Places the job's next attempt and waits until the PBX rings it. */
    private void ring(long job, int attempt) {
        assertThat(dialer.tick()).isEqualTo(1);
        await().atMost(WAIT).until(() -> rung.size() == attempt);
        assertThat(rung.getLast().variables()).isEqualTo(Map.of("SURVEY_ID", Long.toString(job),
                "SURVEY_ATTEMPT", Integer.toString(attempt)));
    }

    /** The attempt rang out unheard: the dialer's own timeout reschedules the job for the backoff. */
    private void leaseRunsOut(long job) {
        world.clock.advance(LEASE.plusSeconds(1));
        dialer.tick();
        SurveyJob rescheduled = world.dao.find(job).orElseThrow();
        assertThat(rescheduled.state()).isEqualTo("scheduled");
        assertThat(rescheduled.lastOutcome()).isEqualTo("timeout");
    }

    private FakeAgiClient.Result answer(long job, int attempt, FakeAgiClient.Builder keys) throws Exception {
        return SurveyWorld.answer(agi.port(), job, attempt, keys);
    }

    private int answerRows(long job) {
        return world.database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM survey_answers"
                + " WHERE job_id = :j").bind("j", job).mapTo(Integer.class).one());
    }

    @Test
    void anAttemptAnsweredAfterItsLeaseRanOutAndTheJobWasRescheduledEndsTheJob() throws Exception {
        long job = world.job(world.customer(NUMBER), NUMBER);
        ring(job, 1);
        leaseRunsOut(job);

        var survey = answer(job, 1, FakeAgiClient.builder().getDataReplies("4", "8#").waitForDigitReplies("1"));

        assertThat(survey.commands()).contains("GET DATA \"aftercare/survey-csat\" 4000 1");
        SurveyJob done = world.dao.find(job).orElseThrow();
        assertThat(done.state()).isEqualTo("completed");
        assertThat(done.answeredAttempt()).isEqualTo(1);
        assertThat(answerRows(job)).isEqualTo(1);
        world.clock.advance(CONFIG.retryBackoff());
        assertThat(dialer.tick()).as("the retry was cancelled").isZero();
        world.clock.advance(CONFIG.retryBackoff().multipliedBy(3));
        assertThat(dialer.tick()).isZero();
        assertThat(rung).hasSize(1);
    }

    @Test
    void aLaterAttemptRingingWhenAnEarlierOneIsAnsweredGetsAGoodbyeNotASecondSurvey() throws Exception {
        long job = world.job(world.customer(NUMBER), NUMBER);
        ring(job, 1);
        leaseRunsOut(job);
        world.clock.advance(CONFIG.retryBackoff());
        ring(job, 2);

        answer(job, 1, FakeAgiClient.builder().getDataReplies("2", "3#").waitForDigitReplies("2"));
        var second = answer(job, 2, FakeAgiClient.builder().getDataReplies("5", "10").waitForDigitReplies("1"));
        dialer.onOriginateResult(new OriginateResult("pbx1", world.clock.instant(), "survey-" + job + "-2", 4,
                "1.2", "Local/447700900123@customers-00000002;1"));
        world.executor.runReady();

        assertThat(second.commands()).contains("STREAM FILE \"aftercare/survey-already-answered\" \"\"", "HANGUP")
                .noneMatch(c -> c.startsWith("GET DATA"));
        SurveyJob done = world.dao.find(job).orElseThrow();
        assertThat(done.state()).isEqualTo("completed");
        assertThat(done.answeredAttempt()).isEqualTo(1);
        assertThat(done.detail()).contains("attempt 2 answered too, not surveyed");
        assertThat(answerRows(job)).isEqualTo(1);
        world.clock.advance(CONFIG.retryBackoff().multipliedBy(3));
        assertThat(dialer.tick()).isZero();
        assertThat(rung).hasSize(2);
    }

    @Test
    void anAnswerArrivingWhileTheRetryIsBeingPlacedStopsItsOriginate() {
        long job = world.job(world.customer(NUMBER), NUMBER);
        ring(job, 1);
        leaseRunsOut(job);
        world.clock.advance(CONFIG.retryBackoff());
        List<String> originated = new CopyOnWriteArrayList<>();
        SurveyDialer racing = world.dialer(CONFIG, "b", new SurveyDialer.Originator() {
            @Override
            public CompletionStage<Void> originate(String pbxId, OriginateRequest request) {
                originated.add(request.actionId());
                return ami.originate(pbxId, request);
            }

            @Override
            public boolean linkUp(String pbxId) { // asked after the retry was claimed, before it is marked dialing
                assertThat(results.claim(job, 1, world.clock.instant())).isPresent();
                return true;
            }
        });

        assertThat(racing.tick()).isZero();
        assertThat(originated).isEmpty();
        assertThat(world.state(job)).isEqualTo("answered");
        assertThat(world.dao.find(job).orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void aSurveyStillRunningWhenTheSweepsGiveUpOnItEndsTheJobAsTheCalleeDecides() {
        long job = world.job(world.customer(NUMBER), NUMBER);
        ring(job, 1);
        world.clock.advance(LEASE.plusSeconds(1)); // the answered call's session starts just as the lease runs out
        SurveyJob claimed = results.claim(job, 1, world.clock.instant()).orElseThrow();
        dialer.tick();
        assertThat(world.state(job)).as("not rescheduled under the running survey").isEqualTo("answered");
        world.clock.advance(CONFIG.surveyMax().plusSeconds(1));
        dialer.tick();
        assertThat(world.state(job)).isEqualTo("completed"); // "survey never reported its end"

        results.record(claimed, new SurveyAnswers(null, null, null, true), world.clock.instant());

        assertThat(world.state(job)).isEqualTo("opted_out");
        world.clock.advance(CONFIG.retryBackoff().multipliedBy(3));
        assertThat(dialer.tick()).isZero();
        assertThat(rung).hasSize(1);
    }
}
