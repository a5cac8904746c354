package io.aftercare.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aftercare.ami.AmiConnector;
import io.aftercare.ami.PbxSettings;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.OriginateOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SurveyDialerIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NUMBER = "+447700900123";
    private static final String CHANNEL = "Local/447700900123@customers";

    @TempDir
    Path dir;
    private SurveyWorld world;
    private FakeAmiServer pbx;
    private AmiConnector ami;

    @BeforeEach
    void start() throws Exception {
        world = newWorld(dir);
        pbx = FakeAmiServer.start();
        ami = new AmiConnector(List.of(new PbxSettings("pbx1", "127.0.0.1", pbx.port(), "hotline", "s3cret",
                Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(10))), e -> { }, Clock.systemUTC());
        ami.start();
        await().atMost(WAIT).until(() -> "connected".equals(ami.states().get("pbx1")));
    }

    /** The database the dialer runs on; the PostgreSQL subclass overrides it. */
    SurveyWorld newWorld(Path folder) {
        return new SurveyWorld(folder);
    }

    @AfterEach
    void stop() throws Exception {
        if (ami != null) {
            ami.close();
        }
        if (pbx != null) {
            pbx.close();
        }
        if (world != null) {
            world.close();
        }
    }

    private SurveyDialer amiDialer(AftercareConfig.Surveys config, String owner) {
        SurveyDialer dialer = world.dialer(config, owner, SurveyDialer.Originator.of(ami));
        ami.addOriginateListener(dialer::onOriginateResult);
        return dialer;
    }

    private void awaitOutcome(long job, String lastOutcome) {
        await().atMost(WAIT).pollInSameThread().until(() -> {
            world.executor.runReady();
            return lastOutcome.equals(world.dao.find(job).orElseThrow().lastOutcome());
        });
    }

    private void awaitState(long job, String state) {
        await().atMost(WAIT).pollInSameThread().until(() -> {
            world.executor.runReady();
            return world.state(job).equals(state);
        });
    }

    @Test
    void answeredSurveyIsOriginatedAsyncWithOurActionIdAndMarkedAnswered() {
        long job = world.job(world.customer(NUMBER), NUMBER);
        SurveyDialer dialer = amiDialer(SurveyWorld.config(10, 2, 3), "a");
        assertEquals(1, dialer.tick());
        awaitState(job, "answered");
        AmiPacket sent = pbx.receivedActions("Originate").getFirst();
        assertTrue(sent.getOrEmpty("ActionID").endsWith("survey-" + job + "-1"), sent.getOrEmpty("ActionID"));
        assertEquals(CHANNEL, sent.getOrEmpty("Channel"));
        assertEquals("survey", sent.getOrEmpty("Context"));
        assertEquals("s", sent.getOrEmpty("Exten"));
        assertEquals("true", sent.getOrEmpty("Async"));
        assertEquals("30000", sent.getOrEmpty("Timeout"));
        assertEquals("\"Survey\" <1800>", sent.getOrEmpty("CallerID"));
        assertThat(String.join(",", sent.getAll("Variable")).split(","))
                .containsExactlyInAnyOrder("SURVEY_ID=" + job, "SURVEY_ATTEMPT=1");
        assertEquals(1, world.dao.find(job).orElseThrow().attempts());
        assertEquals(List.of(SurveyDialer.Outcome.ANSWERED), world.attempts, "the attempt's outcome, for /metrics");
    }

    @ParameterizedTest
    @CsvSource({"BUSY, busy, busy", "NO_ANSWER, no_answer, no_answer", "CONGESTION, failed, congestion",
            "FAILURE, failed, failure", "REJECTED, no_answer, rejected"})
    void everyTranscriptOutcomeEndsTheLastAttempt(OriginateOutcome outcome, String state, String lastOutcome) {
        pbx.scriptOriginate(CHANNEL, outcome);
        long job = world.job(world.customer(NUMBER), NUMBER);
        SurveyDialer dialer = amiDialer(SurveyWorld.config(10, 2, 1), "a");
        assertEquals(1, dialer.tick());
        awaitState(job, state);
        assertEquals(lastOutcome, world.dao.find(job).orElseThrow().lastOutcome());
        assertEquals(List.of(SurveyDialer.Outcome.valueOf(outcome.name())), world.attempts);
    }

    @Test
    void aJobFromAPbxNoLongerConfiguredIsPlacedThroughTheDefaultOne() {
        long customer = world.customer(NUMBER);
        long job = world.job(customer, NUMBER, "pbx-removed");
        assertEquals(1, amiDialer(SurveyWorld.config(10, 2, 1), "a").tick());
        awaitState(job, "answered"); // the Originate went to pbx1, the only PBX, which answered
        assertEquals(1, pbx.receivedActions("Originate").size());
    }

    @Test
    void aCallRejectedBeforeAnswerIsTriedAgain() {
        pbx.scriptOriginate(CHANNEL, OriginateOutcome.REJECTED);
        long rejected = world.job(world.customer(NUMBER), NUMBER);
        SurveyDialer dialer = amiDialer(SurveyWorld.config(10, 2, 2), "a");
        dialer.tick();
        awaitOutcome(rejected, "rejected");
        assertEquals("scheduled", world.dao.find(rejected).orElseThrow().state());
    }

    @Test
    void busyIsRetriedAfterTheBackoffUpToTheMaximum() {
        pbx.scriptOriginate(CHANNEL, OriginateOutcome.BUSY);
        long job = world.job(world.customer(NUMBER), NUMBER);
        SurveyDialer dialer = amiDialer(SurveyWorld.config(10, 2, 2), "a");
        dialer.tick();
        awaitOutcome(job, "busy");
        SurveyJob retry = world.dao.find(job).orElseThrow();
        assertEquals("scheduled", retry.state());
        assertEquals(world.clock.instant().plus(Duration.ofMinutes(60)), retry.dueAt());
        assertEquals(0, dialer.tick(), "not before the backoff");
        world.clock.advance(Duration.ofMinutes(60));
        assertEquals(1, dialer.tick());
        awaitState(job, "busy");
        assertEquals(2, pbx.receivedActions("Originate").size());
        assertTrue(pbx.receivedActions("Originate").get(1).getOrEmpty("ActionID").endsWith("survey-" + job + "-2"));
        assertEquals(List.of(SurveyDialer.Outcome.BUSY, SurveyDialer.Outcome.BUSY), world.attempts);
    }

    @Test
    void aRestartInTheMiddleOfDialingDoesNotDialTwice() {
        long job = world.job(world.customer(NUMBER), NUMBER);
        SurveyDialer before = world.dialer(SurveyWorld.config(10, 2, 3), "before", ami::originate);
        assertEquals(1, before.tick()); // the instance dies before handling the OriginateResponse
        await().atMost(WAIT).until(() -> pbx.receivedActions("Originate").size() == 1);
        SurveyDialer after = world.dialer(SurveyWorld.config(10, 2, 3), "after", ami::originate);
        assertEquals(0, after.tick());
        world.clock.advance(Duration.ofSeconds(30));
        assertEquals(0, after.tick());
        assertEquals(1, pbx.receivedActions("Originate").size());
        assertEquals("dialing", world.state(job));
    }

    @Test
    void noOriginateResponseIsOurOwnTimeoutAndARetry() {
        long job = world.job(world.customer(NUMBER), NUMBER);
        List<String> sent = new CopyOnWriteArrayList<>();
        SurveyDialer dialer = world.dialer(SurveyWorld.config(10, 2, 3), "a", (p, r) -> {
            sent.add(r.actionId());
            return CompletableFuture.completedFuture(null); // queued, and then Asterisk never says more
        });
        dialer.tick();
        world.clock.advance(Duration.ofSeconds(44));
        dialer.tick();
        assertEquals("dialing", world.state(job));
        world.clock.advance(Duration.ofSeconds(2)); // ring 30 s + grace 15 s are over
        dialer.tick();
        SurveyJob timedOut = world.dao.find(job).orElseThrow();
        assertEquals("scheduled", timedOut.state());
        assertEquals("timeout", timedOut.lastOutcome());
        assertEquals(List.of("survey-" + job + "-1"), sent);
    }

    @Test
    void concurrencyAndCallsPerSecondAreCapped() {
        List<String> sent = new CopyOnWriteArrayList<>();
        SurveyDialer.Originator silent = (p, r) -> {
            sent.add(r.actionId());
            return CompletableFuture.completedFuture(null);
        };
        for (int i = 0; i < 6; i++) {
            String number = "+44770090010" + i;
            world.job(world.customer(number), number);
        }
        SurveyDialer paced = world.dialer(SurveyWorld.config(4, 2, 3), "a", silent);
        assertEquals(2, paced.tick(), "two calls per second");
        assertEquals(0, paced.tick(), "same second");
        world.clock.advance(Duration.ofSeconds(1));
        assertEquals(2, paced.tick());
        world.clock.advance(Duration.ofSeconds(1));
        assertEquals(0, paced.tick(), "four calls in flight: the concurrency cap");
        assertEquals(4, sent.size());
    }

    @Test
    void whileThePbxLinkIsDownNoAttemptIsSpent() {
        java.util.concurrent.atomic.AtomicInteger originates = new java.util.concurrent.atomic.AtomicInteger();
        SurveyDialer.Originator down = new SurveyDialer.Originator() {
            @Override
            public java.util.concurrent.CompletionStage<Void> originate(String pbxId,
                                                                        io.aftercare.ami.OriginateRequest request) {
                originates.incrementAndGet();
                return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("not connected"));
            }

            @Override
            public boolean linkUp(String pbxId) {
                return false;
            }
        };
        long customer = world.customer("+447700900556");
        long job = world.job(customer, "+447700900556");
        SurveyDialer dialer = world.dialer(SurveyWorld.config(10, 100, 3), "owner-a", down);
        dialer.tick();
        world.executor.runReady();
        var after = world.dao.find(job).orElseThrow();
        assertThat(after.state()).isEqualTo("scheduled");
        assertThat(after.attempts()).isZero();
        assertThat(after.dueAt()).isEqualTo(SurveyWorld.START.plus(SurveyDialer.LINK_DOWN_WAIT));
        assertThat(originates).hasValue(0);
    }

    @Test
    void aSurveyDelayedLongerThanTheValidityIsStillScheduledAndValidAfterItsDelay() {
        AftercareConfig.Surveys d = SurveyWorld.config(10, 100, 3);
        AftercareConfig.Surveys fiveDaysLater = new AftercareConfig.Surveys(true, d.channelTemplate(), d.hotlineCallerId(),
                d.context(), d.exten(), d.maxConcurrent(), d.callsPerSecond(), d.ringTimeout(), d.responseGrace(),
                d.surveyMax(), d.maxAttempts(), d.retryBackoff(), d.validity(), d.minGap(), Duration.ofDays(5),
                d.tick(), d.batchSize(), d.windowDefault(), d.windowCountries(), d.holidays(), d.unknownZone(),
                d.languages(), d.supervisorQueue());
        long customer = world.customer("+447700900555");
        var scheduled = world.scheduler(fiveDaysLater).onAftersalesEvent("order_delivered", customer, null);
        assertThat(scheduled.reason()).isEqualTo("scheduled"); // 5 days > the 72 h validity
        assertThat(scheduled.dueAt()).isAfterOrEqualTo(SurveyWorld.START.plus(Duration.ofDays(5)));
        assertThat(world.dao.find(scheduled.jobId().orElseThrow()).orElseThrow().expiresAt())
                .isEqualTo(SurveyWorld.START.plus(Duration.ofDays(5)).plus(d.validity()));
    }

    @Test
    void aJobDueOutsideTheWindowWaitsForTheNextOpening() {
        world.clock.set(java.time.Instant.parse("2026-06-10T19:30:00Z")); // 20:30 in London
        long job = world.job(world.customer(NUMBER), NUMBER);
        SurveyDialer dialer = amiDialer(SurveyWorld.config(10, 2, 3), "a");
        assertEquals(0, dialer.tick());
        SurveyJob waiting = world.dao.find(job).orElseThrow();
        assertEquals("scheduled", waiting.state());
        assertEquals(java.time.Instant.parse("2026-06-11T08:00:00Z"), waiting.dueAt());
        assertEquals(0, pbx.receivedActions("Originate").size());
    }

    @Test
    void anOptOutAppliesAtOnceToScheduledJobs() {
        long customer = world.customer(NUMBER);
        long job = world.job(customer, NUMBER);
        assertEquals(1, world.scheduler(SurveyWorld.config(10, 2, 3)).doNotCall(NUMBER, null, "api"));
        assertEquals("opted_out", world.state(job));
        assertEquals(0, amiDialer(SurveyWorld.config(10, 2, 3), "a").tick());
        assertEquals(0, pbx.receivedActions("Originate").size());
    }

    /**
     * As a version before V16 left a job whose lease ran out during its survey: rescheduled, with the answers
     * stored, or with the answer marked on the job.
     */
    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO survey_answers (job_id, csat, opted_out, answered_at) VALUES (:job, 4, FALSE,"
            + " :at)", "UPDATE survey_jobs SET answered_at = :at WHERE id = :job"})
    void aJobWhoseOwnEarlierAttemptWasAnsweredIsNotDialedAgain(String answered) {
        long job = world.job(world.customer(NUMBER), NUMBER);
        world.database.jdbi().useHandle(h -> h.createUpdate(answered).bind("job", job)
                .bind("at", world.clock.millis() - 60_000).execute());
        assertEquals(0, amiDialer(SurveyWorld.config(10, 2, 3), "a").tick());
        assertEquals("expired", world.state(job));
        assertEquals("recent_survey", world.dao.find(job).orElseThrow().detail());
        assertEquals(0, pbx.receivedActions("Originate").size());
    }

    @Test
    void aDoNotCallAddedAfterSchedulingIsCaughtJustBeforeDialing() {
        long customer = world.customer(NUMBER);
        long job = world.job(customer, NUMBER);
        world.database.jdbi().useHandle(h -> h.execute("UPDATE customers SET do_not_call = TRUE WHERE id = ?", customer));
        assertEquals(0, amiDialer(SurveyWorld.config(10, 2, 3), "a").tick());
        assertEquals("opted_out", world.state(job));
        assertEquals(0, pbx.receivedActions("Originate").size());
    }
}
