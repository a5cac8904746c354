package io.aftercare.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue hours through /api/queues/{name}/hours and the after-hours branch of the route and ivr scripts. */
class AfterHoursIntegrationTest {
    /** Tuesday 12:00 UTC: 07:00 in New York, before a 09:00 opening. */
    static final Instant NOW = Instant.parse("2025-03-04T12:00:00Z");
    static final String NEW_YORK_WEEKDAYS = """
            {"timeZone":"America/New_York","afterHoursAction":"%s",
             "weekly":[{"day":"MONDAY","opens":"09:00","closes":"17:00"},{"day":"TUESDAY","opens":"09:00","closes":"17:00"},
                       {"day":"WEDNESDAY","opens":"09:00","closes":"17:00"}],
             "holidays":[{"date":"2025-12-25","name":"Christmas"}]}""";
    @TempDir
    static Path dir;
    static TestApp app;

    @BeforeAll
    static void start() {
        app = new TestApp(TestDatabases.sqlite(dir), Clock.fixed(NOW, ZoneOffset.UTC));
        long now = NOW.toEpochMilli();
        app.app().database().jdbi().useHandle(h -> {
            io.aftercare.testing.Fixtures.repairCallerWithCaseOwner(h, now);
            h.execute("INSERT INTO customers (id, name, language, tier, created_at, updated_at)"
                    + " VALUES (2, 'Victor Vip', 'en', 'vip', ?, ?)", now, now);
            h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES ('+12122000002', 2, ?)", now);
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void openAgain() {
        for (String queue : List.of("repairs", "vip", "general-support", "returns")) {
            app.send("PUT", "/api/queues/" + queue + "/hours", "{\"timeZone\":\"UTC\"}");
        }
    }

    private static FakeAgiClient.Result call(FakeAgiClient.Builder b) throws IOException {
        return b.build().run("127.0.0.1", app.app().agiPort());
    }

    @Test
    void hoursAreStoredInTheQueuesZoneAndReportWhenItOpensNext() {
        var put = app.send("PUT", "/api/queues/repairs/hours", NEW_YORK_WEEKDAYS.formatted("callback"));
        assertThat(put.status()).isEqualTo(200);
        var get = app.get("/api/queues/repairs/hours");
        assertThat(get.body()).contains("\"timeZone\":\"America/New_York\"", "\"afterHoursAction\":\"callback\"",
                "\"openNow\":false", "\"nextOpening\":\"2025-03-04T14:00:00Z\"", "\"date\":\"2025-12-25\"",
                "\"opens\":\"09:00\"", "\"closes\":\"17:00\"");
    }

    @Test
    void invalidHoursAreRejectedAndOnlyAdminsChangeThem() {
        assertThat(app.send("PUT", "/api/queues/repairs/hours", "{\"timeZone\":\"Mars/Base\"}").status()).isEqualTo(422);
        assertThat(app.send("PUT", "/api/queues/repairs/hours", """
                {"timeZone":"UTC","weekly":[{"day":"MONDAY","opens":"18:00","closes":"08:00"}]}""").status())
                .isEqualTo(422);
        assertThat(app.send("PUT", "/api/queues/repairs/hours", """
                {"timeZone":"UTC","weekly":[{"day":"MONDAY","opens":"08:00","closes":"12:00"},
                 {"day":"MONDAY","opens":"11:00","closes":"13:00"}]}""").status()).isEqualTo(422);
        assertThat(app.send("PUT", "/api/queues/repairs/hours", """
                {"timeZone":"UTC","afterHoursAction":"pager"}""").status()).isEqualTo(422);
        assertThat(app.send("PUT", "/api/queues/nowhere/hours", "{\"timeZone\":\"UTC\"}").status()).isEqualTo(404);
        String agent = app.signIn("hours-supervisor", "supervisor", null);
        assertThat(app.as(agent).get("/api/queues/repairs/hours").status()).isEqualTo(200);
        assertThat(app.as(agent).send("PUT", "/api/queues/repairs/hours", "{\"timeZone\":\"UTC\"}").status())
                .isEqualTo(403);
    }

    @Test
    void closedQueueGivesAKnownCallerACallbackCaseForTheNextOpening() throws IOException {
        app.send("PUT", "/api/queues/repairs/hours", NEW_YORK_WEEKDAYS.formatted("callback"));
        var result = call(FakeAgiClient.builder().callerId("2122000003").uniqueId("1795340440.201"));
        assertThat(result.afterDialplan()).containsEntry("QUEUE", "repairs")
                .containsEntry(DialplanVariables.AFTER_HOURS, "1")
                .containsEntry(DialplanVariables.AFTER_HOURS_ACTION, "callback")
                .containsEntry(DialplanVariables.NEXT_OPENING, "2025-03-04T09:00");
        var jdbi = app.app().database().jdbi();
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM cases WHERE customer_id = 3 AND type = 'callback' AND status = 'open'"
                + " AND subject LIKE '%repairs%'")
                .mapTo(Integer.class).one()) == 1);
        String subject = jdbi.withHandle(h -> h.createQuery(
                "SELECT subject FROM cases WHERE type = 'callback' AND subject LIKE '%repairs%'")
                .mapTo(String.class).one());
        assertThat(subject).contains("+12122000003", "repairs", "2025-03-04T09:00", "America/New_York");
        assertThat(app.get("/api/routing/explain?caller=2122000003&dnid=1800").body()).as("explain agrees")
                .contains("\"queue\":\"repairs\"", "\"afterHours\":{\"action\":\"callback\",\"nextOpening\":\"2025-03-04T09:00\"}");
        int cases = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM cases WHERE type = 'callback' AND subject LIKE '%repairs%'")
                .mapTo(Integer.class).one());
        assertThat(cases).as("explain opens no case").isEqualTo(1);
    }

    @Test
    void closedQueueWithVoicemailSetsTheVoicemailBranchAndOpenQueueSetsNothing() throws IOException {
        var open = call(FakeAgiClient.builder().callerId("2122000002").uniqueId("1795340440.202"));
        assertThat(open.afterDialplan()).containsEntry("QUEUE", "vip").doesNotContainKey(DialplanVariables.AFTER_HOURS);
        assertThat(app.get("/api/routing/explain?caller=2122000002").body()).contains("\"afterHours\":null");
        app.send("PUT", "/api/queues/vip/hours", NEW_YORK_WEEKDAYS.formatted("voicemail"));
        var closed = call(FakeAgiClient.builder().callerId("2122000002").uniqueId("1795340440.203"));
        assertThat(closed.afterDialplan()).containsEntry("QUEUE", "vip").containsEntry(DialplanVariables.AFTER_HOURS, "1")
                .containsEntry(DialplanVariables.AFTER_HOURS_ACTION, "voicemail");
        assertThat(app.get("/api/routing/explain?caller=2122000002").body())
                .contains("\"afterHours\":{\"action\":\"voicemail\"");
    }

    @Test
    void ivrChoiceOfAClosedCallbackQueueByAKnownCallerOpensACaseWithTheNumberInE164() throws IOException {
        app.send("PUT", "/api/queues/returns/hours", NEW_YORK_WEEKDAYS.formatted("callback"));
        var ivr = call(FakeAgiClient.builder().script("ivr").callerId("(212) 200-0003").uniqueId("1795340440.205")
                .channelVariable(DialplanVariables.IVR_MENU, "main").channelVariable(DialplanVariables.CUSTOMER_ID, "3")
                .getDataReplies("2"));
        assertThat(ivr.afterDialplan()).containsEntry("QUEUE", "returns")
                .containsEntry(DialplanVariables.AFTER_HOURS_ACTION, "callback");
        String subject = app.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT subject FROM cases WHERE type = 'callback' AND subject LIKE '%returns%'").mapTo(String.class).one());
        assertThat(subject).startsWith("Callback to +12122000003:");
    }

    @Test
    void ivrChoiceOfAClosedQueueByAnAnonymousCallerGetsVoicemailNotACallback() throws IOException {
        app.send("PUT", "/api/queues/general-support/hours", NEW_YORK_WEEKDAYS.formatted("callback"));
        var route = call(FakeAgiClient.builder().callerId("anonymous").uniqueId("1795340440.204"));
        assertThat(route.afterDialplan()).containsEntry(DialplanVariables.IVR_MENU, "main")
                .doesNotContainKey(DialplanVariables.AFTER_HOURS); // the IVR decides the queue first
        var ivr = call(FakeAgiClient.builder().script("ivr").callerId("anonymous").uniqueId("1795340440.204")
                .channelVariable(DialplanVariables.IVR_MENU, "main").getDataReplies("4"));
        assertThat(ivr.afterDialplan()).containsEntry("QUEUE", "general-support")
                .containsEntry(DialplanVariables.AFTER_HOURS, "1")
                .containsEntry(DialplanVariables.AFTER_HOURS_ACTION, "voicemail");
    }
}
