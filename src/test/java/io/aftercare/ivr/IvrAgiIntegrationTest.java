package io.aftercare.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.Fixtures;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ivr FastAGI script and /api/ivr/menus against a real app on SQLite, played by the fake Asterisk. */
class IvrAgiIntegrationTest {
    /** A Tuesday, noon UTC. */
    static final Instant NOW = Instant.parse("2025-03-04T12:00:00Z");
    @TempDir
    static Path dir;
    static TestApp app;

    @BeforeAll
    static void start() {
        app = new TestApp(TestDatabases.sqlite(dir), Clock.fixed(NOW, ZoneOffset.UTC));
        long now = NOW.toEpochMilli();
        app.app().database().jdbi().useHandle(h -> {
            io.aftercare.testing.Fixtures.repairCallerWithCaseOwner(h, now);
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static FakeAgiClient.Builder ivrCall(String uniqueId) {
        return FakeAgiClient.builder().script("ivr").uniqueId(uniqueId).callerId("anonymous")
                .channelVariable(DialplanVariables.IVR_MENU, "main")
                .channelVariable(DialplanVariables.LINKEDID, uniqueId);
    }

    private static FakeAgiClient.Result run(FakeAgiClient.Builder call) throws IOException {
        return call.build().run("127.0.0.1", app.app().agiPort());
    }

    @Test
    void unknownCallerPressing2IsQueuedForReturnsAndTheDigitIsRecorded() throws IOException {
        var result = run(ivrCall("1795340440.101").getDataReplies("2"));
        assertThat(result.commands()).contains("GET DATA aftercare/en/main-menu 5000 1");
        assertThat(result.afterDialplan()).containsEntry("QUEUE", "returns").containsEntry("AC_IVR_DIGITS", "2")
                .containsEntry("AC_IVR_RESULT", "option").doesNotContainKey("AC_AFTER_HOURS");
        IvrMenuService menus = menus();
        await().atMost(Duration.ofSeconds(5)).until(() -> !menus.selections("pbx1", "1795340440.101").isEmpty()
                || !menus.selections(app.app().config().ami().pbxId(), "1795340440.101").isEmpty());
        IvrSelection s = menus.selections(app.app().config().ami().pbxId(), "1795340440.101").get(0);
        assertThat(s.menu()).isEqualTo("main");
        assertThat(s.digits()).isEqualTo("2");
        assertThat(s.queue()).isEqualTo("returns");
        assertThat(s.linkedid()).isEqualTo("1795340440.101");
    }

    @Test
    void aCallerWhoHangsUpInTheMenuIsRecordedWithTheDigitsPressedSoFar() throws IOException {
        // GET VARIABLE x4, GET DATA (7: invalid), STREAM FILE (invalid prompt), then gone at the second GET DATA
        run(ivrCall("1795340440.110").getDataReplies("7")
                .callerHangsUpAfter(6));
        IvrMenuService menus = menus();
        String pbx = app.app().config().ami().pbxId();
        await().atMost(Duration.ofSeconds(5)).until(() -> !menus.selections(pbx, "1795340440.110").isEmpty());
        IvrSelection s = menus.selections(pbx, "1795340440.110").get(0);
        assertThat(s.outcome()).isEqualTo("hangup");
        assertThat(s.digits()).isEqualTo("7");
        assertThat(s.queue()).isEmpty();
    }

    @Test
    void invalidDigitPlaysTheInvalidPromptAndTheMenuAgain() throws IOException {
        var result = run(ivrCall("1795340440.102").getDataReplies("9", "1"));
        assertThat(result.commands()).containsSubsequence("GET DATA aftercare/en/main-menu 5000 1",
                "STREAM FILE option-is-invalid \"\"", "GET DATA aftercare/en/main-menu 5000 1");
        assertThat(result.afterDialplan()).containsEntry("QUEUE", "repairs").containsEntry("AC_IVR_DIGITS", "91")
                .containsEntry("AC_IVR_RESULT", "option");
    }

    @Test
    void silenceUpToTheRetriesEndsInTheDefaultQueue() throws IOException {
        var result = run(ivrCall("1795340440.103").getDataReplies("", "", ""));
        assertThat(result.commands().stream().filter(c -> c.startsWith("GET DATA")).count()).isEqualTo(3);
        assertThat(result.afterDialplan()).containsEntry("QUEUE", "general-support").containsEntry("AC_IVR_DIGITS", "")
                .containsEntry("AC_IVR_RESULT", "timeout");
    }

    @Test
    void callerWithOpenRepairCaseIsOfferedItFirstAndPressing1ReachesTheCaseOwner() throws IOException {
        Fixtures.loggedIn(app.app(), "Local/agent2@agents", "repairs");
        var result = run(ivrCall("1795340440.104").callerId("2122000003")
                .channelVariable(DialplanVariables.CASE_ID, "30").channelVariable(DialplanVariables.CUSTOMER_ID, "3")
                .getDataReplies("1"));
        assertThat(result.commands()).contains("GET DATA aftercare/en/press-1-repair 5000 1")
                .doesNotContain("GET DATA aftercare/en/main-menu 5000 1");
        assertThat(result.afterDialplan()).containsEntry("QUEUE", "repairs")
                .containsEntry("AC_PREFERRED_AGENT", "Local/agent2@agents").containsEntry("AC_PREFERRED_WAIT", "20")
                .containsEntry("AC_IVR_RESULT", "case").containsEntry("AC_IVR_DIGITS", "1");
    }

    @Test
    void pressing1WhileTheCaseOwnerIsOnACallQueuesWithoutRingingThem() throws IOException {
        String owner = "Local/agent2@agents";
        Fixtures.loggedIn(app.app(), owner, "repairs");
        var tracking = app.app().calls().tracking();
        tracking.accept(new PbxEvent.ChannelCreated("pbx1", NOW, "other", "other", "Local/1800@x-1;2", "", null, ""));
        tracking.accept(new PbxEvent.QueueJoined("pbx1", NOW, "other", "other", "repairs", 1, "", null));
        tracking.accept(new PbxEvent.AgentConnected("pbx1", NOW, "other", "other", "repairs", owner, "", 1));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> tracking.busyReason("pbx1", owner, "repairs")
                    .equals(Optional.of("on a call")));
            var result = run(ivrCall("1795340440.107").callerId("2122000003")
                    .channelVariable(DialplanVariables.CASE_ID, "30").getDataReplies("1"));
            assertThat(result.afterDialplan()).containsEntry("QUEUE", "repairs").containsEntry("AC_PREFERRED_AGENT", "")
                    .containsEntry("AC_IVR_RESULT", "case");
        } finally {
            tracking.accept(new PbxEvent.ChannelHungUp("pbx1", NOW, "other", "other", "Local/1800@x-1;2", 16));
            tracking.dispose("pbx1", owner).join(); // its after-call work over: free for the other tests
        }
    }

    @Test
    void anotherKeyAtTheCaseOfferCountsAsTheMenuChoice() throws IOException {
        var result = run(ivrCall("1795340440.105").channelVariable(DialplanVariables.CASE_ID, "30")
                .getDataReplies("3"));
        assertThat(result.afterDialplan()).containsEntry("QUEUE", "technical").containsEntry("AC_IVR_RESULT", "option")
                .containsEntry("AC_PREFERRED_AGENT", "");
        assertThat(result.commands()).doesNotContain("GET DATA aftercare/en/main-menu 5000 1");
    }

    @Test
    void frenchCallerHearsTheFrenchGreetingAndTheDefaultLanguageInvalidPrompt() throws IOException {
        var result = run(ivrCall("1795340440.106").language("fr").getDataReplies("7", "4"));
        assertThat(result.commands()).contains("GET DATA aftercare/fr/main-menu 5000 1",
                "STREAM FILE option-is-invalid \"\"");
        assertThat(result.afterDialplan()).containsEntry("QUEUE", "general-support");
    }

    @Test
    void unknownMenuKeepsTheCallerMovingToTheFallbackQueue() throws IOException {
        var result = run(ivrCall("1795340440.107").channelVariable(DialplanVariables.IVR_MENU, "no-such-menu"));
        assertThat(result.afterDialplan()).containsEntry("QUEUE", "general-support")
                .containsEntry("AC_IVR_RESULT", "fallback");
        assertThat(result.commands()).noneMatch(c -> c.startsWith("GET DATA"));
    }

    @Test
    void subMenuIsFollowedAndHostileDigitsNeverReachThePbx() throws IOException {
        var created = app.post("/api/ivr/menus", """
                {"name":"returns-menu","defaultQueue":"returns","timeoutMs":3000,"maxRetries":1,
                 "prompts":[{"kind":"greeting","language":"en","sound":"aftercare/en/returns"}],
                 "options":[{"digit":"1","queue":"returns"},{"digit":"2","queue":"technical"}]}""");
        assertThat(created.status()).isEqualTo(201);
        var main = app.get("/api/ivr/menus/main");
        assertThat(main.status()).isEqualTo(200);
        String withSub = main.body().replace("\"options\":[", "\"options\":[{\"digit\":\"9\",\"label\":\"Returns menu\","
                + "\"queue\":null,\"submenu\":\"returns-menu\"},");
        assertThat(app.send("PUT", "/api/ivr/menus/main", withSub).status()).isEqualTo(200);
        try {
            var result = run(ivrCall("1795340440.108").getDataReplies("9", "2"));
            assertThat(result.commands()).containsSubsequence("GET DATA aftercare/en/main-menu 5000 1",
                    "GET DATA aftercare/en/returns 3000 1");
            assertThat(result.afterDialplan()).containsEntry("QUEUE", "technical").containsEntry("AC_IVR_DIGITS", "92");
            var hostile = run(ivrCall("1795340440.109").getDataReplies("1\r\nEXEC System", "", ""));
            assertThat(hostile.commands()).noneMatch(c -> c.startsWith("EXEC"));
        } finally {
            assertThat(app.send("PUT", "/api/ivr/menus/main", main.body()).status()).isEqualTo(200);
        }
    }

    @Test
    void menuValidationRejectsUnsafeSoundsUnknownQueuesAndMissingGreeting() {
        String[] bad = {
            """
            {"name":"x1","defaultQueue":"returns","prompts":[{"kind":"greeting","language":"en","sound":"a b"}]}""",
            """
            {"name":"x2","defaultQueue":"returns","prompts":[{"kind":"greeting","language":"en","sound":"a\\"b"}]}""",
            """
            {"name":"x3","defaultQueue":"nowhere","prompts":[{"kind":"greeting","language":"en","sound":"a"}]}""",
            """
            {"name":"x4","defaultQueue":"returns","prompts":[{"kind":"invalid","language":"en","sound":"a"}]}""",
            """
            {"name":"x5","defaultQueue":"returns","prompts":[{"kind":"greeting","language":"en","sound":"a"}],
             "options":[{"digit":"1","queue":"returns","submenu":"main"}]}""",
            """
            {"name":"X Y","defaultQueue":"returns","prompts":[{"kind":"greeting","language":"en","sound":"a"}]}""",
            """
            {"name":"x6","defaultQueue":"returns","prompts":[{"kind":"greeting","language":"en","sound":"a"}],
             "options":[{"digit":"#","queue":"returns"}]}"""
        };
        for (String body : bad) {
            assertThat(app.post("/api/ivr/menus", body).status()).as(body).isEqualTo(422);
        }
        assertThat(app.send("DELETE", "/api/ivr/menus/main", null).status()).isEqualTo(409); // a rule uses it
        assertThat(app.get("/api/ivr/menus/none").status()).isEqualTo(404);
    }

    @Test
    void theAgiReadTimeoutOutlastsAPromptAndTheLongestDigitWait() {
        // GET DATA is answered after the prompt and the menu's timeout; a shorter read timeout ends the session
        assertThat(io.aftercare.config.ConfigLoader.defaults().agi().readTimeout())
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(IvrMenuService.MAX_TIMEOUT_MS).plusSeconds(60));
    }

    @Test
    void ivrMenusAreForAdminsOnly() {
        String agent = app.signIn("ivr-agent", "agent", "agent2");
        assertThat(app.as(agent).get("/api/ivr/menus").status()).isEqualTo(403);
        assertThat(app.get("/api/ivr/menus").body()).contains("\"main\"");
    }

    private static IvrMenuService menus() {
        return new IvrMenuService(app.app().database().jdbi(), Clock.systemUTC());
    }
}
