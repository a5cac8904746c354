package io.aftercare.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.Fixtures;
import io.aftercare.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouteAgiIntegrationTest extends RoutingAppTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Agent 2, owner of Rita Repair's open repair case. */
    static final String OWNER = "Local/agent2@agents";

    static FakeAgiClient.Result call(String callerId, String uniqueId) throws IOException {
        return FakeAgiClient.builder().callerId(callerId).uniqueId(uniqueId)
                .channelVariable("CHANNEL(linkedid)", "link-" + uniqueId).build().run("127.0.0.1", app.agiPort());
    }

    @Test
    void routesVipCallerToPriorityQueue() throws IOException {
        var result = call(RoutingTestWorld.VIP, "100.1");
        assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "vip")
                .containsEntry(DialplanVariables.QUEUE_PRIO, "10")
                .containsEntry(DialplanVariables.CUSTOMER_ID, "2")
                .containsEntry(DialplanVariables.ROUTE_STATUS, "ok");
        assertThat(result.serverClosed()).isTrue();
    }

    @Test
    void routesOpenRepairCaseToRepairsWithTheFreeCaseOwnerPreferred() throws IOException {
        Fixtures.loggedIn(app, OWNER, "repairs");
        var result = call(RoutingTestWorld.REPAIR, "100.2");
        assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "repairs")
                .containsEntry(DialplanVariables.PREFERRED_AGENT, OWNER)
                .containsEntry(DialplanVariables.PREFERRED_WAIT, "20")
                .containsEntry(DialplanVariables.CASE_ID, "30")
                .containsEntry(DialplanVariables.LANGUAGE, "fr");
    }

    @Test
    void caseOwnerWhoIsNotLoggedInToTheQueueIsNotRungFirstAndTheDecisionSaysWhy() throws IOException {
        Fixtures.loggedIn(app, OWNER, "returns");
        app.calls().tracking().accept(new PbxEvent.MemberRemoved("pbx1", Instant.now(), "repairs", OWNER, ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> app.calls().tracking().busyReason("pbx1", OWNER, "repairs")
                .isPresent());
        var result = call(RoutingTestWorld.REPAIR, "100.9");
        assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "repairs")
                .doesNotContainKey(DialplanVariables.PREFERRED_AGENT)
                .doesNotContainKey(DialplanVariables.PREFERRED_WAIT);
        RecordedDecision recorded = await().atMost(Duration.ofSeconds(5)).until(() -> app.routing().service()
                .recorded("pbx1", "100.9"), java.util.Optional::isPresent).orElseThrow();
        assertThat(recorded.preferredAgent()).isNull();
        assertThat(recorded.reason()).contains(OWNER + " not rung first: not logged in to repairs");
    }

    @Test
    void pausedCaseOwnerIsNotRungFirst() throws IOException {
        Fixtures.loggedIn(app, OWNER, "repairs");
        app.calls().tracking().accept(new PbxEvent.MemberPaused("pbx1", Instant.now(), "repairs", OWNER, "", true,
                "lunch"));
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> app.calls().tracking().busyReason("pbx1", OWNER,
                    "repairs").isPresent());
            var result = call(RoutingTestWorld.REPAIR, "100.10");
            assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "repairs")
                    .doesNotContainKey(DialplanVariables.PREFERRED_AGENT);
            RecordedDecision recorded = await().atMost(Duration.ofSeconds(5)).until(() -> app.routing().service()
                    .recorded("pbx1", "100.10"), java.util.Optional::isPresent).orElseThrow();
            assertThat(recorded.reason()).contains(OWNER + " not rung first: paused in repairs (lunch)");
        } finally {
            Fixtures.loggedIn(app, OWNER, "repairs");
        }
    }

    @Test
    void theFreeOwnersRingIsTrackedAsTheRoutesQueueOfferedAndAnswered() throws IOException {
        Fixtures.loggedIn(app, OWNER, "repairs");
        call(RoutingTestWorld.REPAIR, "100.11"); // linkedid link-100.11
        var tracking = app.calls().tracking();
        String caller = "Local/1800@inbound-test-00000000;2";
        Instant t0 = Instant.now();
        tracking.accept(new PbxEvent.ChannelCreated("pbx1", t0, "link-100.11", "100.11", caller, "+12122000003", null,
                "1800"));
        tracking.accept(new PbxEvent.DialStarted("pbx1", t0.plusMillis(100), "link-100.11", "100.11", "100.12",
                OWNER + "-00000001;1", OWNER, "+12122000003", "Rita Repair"));
        tracking.accept(new PbxEvent.DialEnded("pbx1", t0.plusMillis(2100), "link-100.11", "100.11", "100.12", OWNER,
                "ANSWER"));
        var agent = await().atMost(Duration.ofSeconds(5)).until(() -> tracking.agents().join().stream()
                .filter(a -> a.agent().equals(OWNER)).findFirst().orElseThrow(), a -> "link-100.11".equals(a.linkedId()));
        assertThat(agent.state().code()).isEqualTo("on_call");
        tracking.accept(new PbxEvent.ChannelHungUp("pbx1", t0.plusMillis(5100), "link-100.11", "100.12",
                OWNER + "-00000001;1", 16));
        tracking.accept(new PbxEvent.ChannelHungUp("pbx1", t0.plusMillis(5200), "link-100.11", "100.11", caller, 16));
        var stored = await().atMost(Duration.ofSeconds(5)).until(() -> app.database().jdbi().withHandle(h -> h
                .createQuery("SELECT queue, outcome, answered_by, queued_at, answered_at FROM contacts WHERE linkedid"
                        + " = 'link-100.11'").mapToMap().findOne()), r -> r.isPresent() && "answered".equals(
                                r.get().get("outcome"))).orElseThrow();
        assertThat(stored).containsEntry("queue", "repairs").containsEntry("answered_by", OWNER);
        assertThat(((Number) stored.get("answered_at")).longValue() - ((Number) stored.get("queued_at")).longValue())
                .as("wait: the owner's ring").isEqualTo(2000);
        assertThat(tracking.dispose("pbx1", OWNER).join()).as("the owner's after-call work").isTrue();
    }

    @Test
    void routesRecentPurchaseToOnboarding() throws IOException {
        var result = call(RoutingTestWorld.RECENT, "100.3");
        assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "onboarding")
                .containsEntry(DialplanVariables.RULE, "Recent purchase");
    }

    @Test
    void routesKnownCallerWithoutSpecialNeedsToFallbackQueue() throws IOException {
        var result = call(RoutingTestWorld.KNOWN, "100.4");
        assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "general-support")
                .containsEntry(DialplanVariables.CUSTOMER_ID, "1")
                .containsEntry(DialplanVariables.RULE, RuleEngine.NO_RULE)
                .doesNotContainKey(DialplanVariables.IVR_MENU);
    }

    @Test
    void sendsUnknownAndAnonymousCallersToMainMenu() throws IOException {
        for (String callerId : new String[] {RoutingTestWorld.STRANGER, "anonymous", "unknown", ""}) {
            var result = call(callerId, "100.5");
            assertThat(result.afterDialplan()).as(callerId).containsEntry(DialplanVariables.QUEUE, "general-support")
                    .containsEntry(DialplanVariables.IVR_MENU, "main")
                    .doesNotContainKey(DialplanVariables.CUSTOMER_ID);
        }
    }

    @Test
    void recordsDecisionWithUniqueidAndLinkedid() throws IOException {
        call(RoutingTestWorld.VIP, "200.7");
        RecordedDecision recorded = await().atMost(Duration.ofSeconds(5)).until(
                () -> app.routing().service().recorded("pbx1", "200.7"), java.util.Optional::isPresent).orElseThrow();
        assertThat(recorded.linkedid()).isEqualTo("link-200.7");
        assertThat(recorded.callerE164()).isEqualTo("+12122000002");
        assertThat(recorded.customerId()).isEqualTo(2L);
        assertThat(recorded.queue()).isEqualTo("vip");
        assertThat(recorded.ruleName()).isEqualTo("VIP customers");
        assertThat(recorded.reason()).contains("tier is vip");
    }

    @Test
    void answersInOneExchangeWhenTheDialplanPassesTheLinkedid() throws IOException {
        var result = FakeAgiClient.builder().callerId(RoutingTestWorld.VIP).uniqueId("200.8")
                .env("agi_arg_1", "link-arg-200.8").build().run("127.0.0.1", app.agiPort());
        // asterisk-java then sets AJ_AGISTATUS itself, as after every script
        assertThat(result.commands()).first().asString().startsWith("SET VARIABLE AC_ROUTE ");
        assertThat(result.commands()).filteredOn(c -> !c.contains("AJ_AGISTATUS")).hasSize(1);
        assertThat(result.afterDialplan()).containsEntry(DialplanVariables.QUEUE, "vip");
        RecordedDecision recorded = await().atMost(Duration.ofSeconds(5)).until(
                () -> app.routing().service().recorded("pbx1", "200.8"), java.util.Optional::isPresent).orElseThrow();
        assertThat(recorded.linkedid()).isEqualTo("link-arg-200.8");
    }

    @Test
    void explainAgreesWithLiveRoute() throws Exception {
        for (String callerId : new String[] {RoutingTestWorld.VIP, RoutingTestWorld.REPAIR, RoutingTestWorld.RECENT,
                RoutingTestWorld.KNOWN, RoutingTestWorld.STRANGER, "anonymous"}) {
            var live = call(callerId, "300.1").afterDialplan();
            var uri = URI.create("http://127.0.0.1:" + app.httpPort() + "/api/routing/explain?caller="
                    + URLEncoder.encode(callerId, StandardCharsets.UTF_8) + "&dnid=1800");
            var response = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            var decision = Json.mapper().readTree(response.body()).get("decision");
            assertThat(decision.get("queue").asText()).as(callerId).isEqualTo(live.get(DialplanVariables.QUEUE));
            assertThat(decision.get("priority").asText()).isEqualTo(live.get(DialplanVariables.QUEUE_PRIO));
            assertThat(decision.get("ruleName").asText()).isEqualTo(live.get(DialplanVariables.RULE));
            assertThat(decision.get("reason").asText()).isNotBlank();
        }
    }
}
