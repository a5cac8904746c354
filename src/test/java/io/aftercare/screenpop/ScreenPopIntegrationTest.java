package io.aftercare.screenpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.SseClient;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent desktop's back end end to end: a routed call rings an agent, the pop arrives on the push channel,
 * the agent disposes of the call. Call events are fed to the tracker as the AMI translator would.
 */
class ScreenPopIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String AGENT1 = "Local/agent1@agents";
    private static final String LINKED = "1795341450.1";
    private static final String UNIQUE = "1795341450.2";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    private TestApp app;
    private String agent1;
    private String agent2;
    private long customerId;
    private long otherCustomerCase;

    @BeforeEach
    void world() throws Exception {
        app = new TestApp(TestDatabases.sqlite(dir), clock);
        app.app().database().jdbi().useHandle(h -> {
            h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES"
                    + " ('agent1', 'Agent One', 'Local/agent1@agents', 0), ('agent2', 'Agent Two', 'Local/agent2@agents', 0)");
        });
        agent1 = app.signIn("a1", "agent", "agent1");
        agent2 = app.signIn("a2", "agent", "agent2");
        customerId = Json.mapper().readTree(app.post("/api/customers", "{\"name\": \"Alice Buyer\", \"tier\": \"vip\","
                + " \"phones\": [\"2125550123\"]}").body()).get("id").asLong();
        for (int i = 1; i <= 55; i++) {
            assertThat(app.post("/api/orders", "{\"orderNumber\": \"SO-" + i + "\", \"customerId\": " + customerId
                    + ", \"orderedOn\": \"2026-" + String.format("%02d", 1 + i % 10) + "-" + String.format("%02d", 1 + i % 27)
                    + "\", \"currency\": \"USD\", \"lines\": [{\"sku\": \"PH-1\", \"productName\": \"Phone\","
                    + " \"category\": \"phone\", \"quantity\": 1, \"unitPrice\": 69900, \"serialNumbers\": [\"SN-" + i + "\"]},"
                    + " {\"sku\": \"AC-1\", \"productName\": \"Case\", \"category\": \"accessory\", \"quantity\": 1,"
                    + " \"unitPrice\": 1999}]}").status()).isEqualTo(201);
        }
        app.post("/api/warranties", "{\"customerId\": " + customerId + ", \"serialNumber\": \"SN-1\", \"sku\": \"PH-1\","
                + " \"startsOn\": \"2026-01-01\", \"endsOn\": \"2027-12-31\"}");
        app.post("/api/cases", "{\"customerId\": " + customerId + ", \"type\": \"repair\", \"subject\": \"Cracked screen\","
                + " \"sku\": \"PH-1\", \"serialNumber\": \"SN-1\"}");
        long other = Json.mapper().readTree(app.post("/api/customers", "{\"name\": \"Bob Other\"}").body()).get("id").asLong();
        otherCustomerCase = Json.mapper().readTree(app.post("/api/cases", "{\"customerId\": " + other
                + ", \"type\": \"technical\"}").body()).get("id").asLong();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void route(String callerId) throws Exception {
        FakeAgiClient.builder().callerId(callerId).callerIdName("Alice Buyer").uniqueId(UNIQUE)
                .channel("Local/1800@hotline-00000000;2").script("route").build().run("127.0.0.1", app.app().agiPort());
        await().atMost(WAIT).until(() -> app.app().routing().service().recorded("pbx1", UNIQUE).isPresent());
    }

    private void feed(PbxEvent event) {
        app.app().calls().tracking().accept(event);
    }

    private Instant at(int seconds) {
        return Instant.parse("2026-11-20T10:00:00Z").plusSeconds(seconds);
    }

    private void ringAndConnect() {
        feed(new PbxEvent.ChannelCreated("pbx1", at(0), LINKED, UNIQUE, "Local/1800@hotline-00000000;2", "2125550123",
                "Alice Buyer", "1800"));
        feed(new PbxEvent.QueueJoined("pbx1", at(1), LINKED, UNIQUE, "vip", 1, "2125550123", "Alice Buyer"));
        feed(new PbxEvent.AgentRinging("pbx1", at(2), LINKED, UNIQUE, "vip", AGENT1, "Agent One", "2125550123"));
    }

    private String push(String token) {
        return "http://127.0.0.1:" + app.app().httpPort() + "/api/push?access_token=" + token;
    }

    @Test
    void ringingThenConnectedPopThenWrapUpReachTheAgentAndAReconnectGetsTheCurrentOne() throws Exception {
        route("2125550123");
        try (SseClient stream = new SseClient(push(agent1))) {
            assertThat(stream.status()).isEqualTo(200);
            ringAndConnect();
            JsonNode ringing = Json.mapper().readTree(stream.next("ringing", WAIT).data());
            assertThat(ringing.at("/customer/name").asText()).isEqualTo("Alice Buyer");
            assertThat(ringing.at("/routing/queue").asText()).isEqualTo("vip");
            assertThat(ringing.at("/routing/reason").asText()).contains("vip");
            assertThat(app.app().agentPush().streams()).as("the agents' SSE clients of /metrics").isEqualTo(1);

            feed(new PbxEvent.AgentConnected("pbx1", at(5), LINKED, UNIQUE, "vip", AGENT1, "Agent One", 3));
            JsonNode pop = Json.mapper().readTree(stream.next("connected", WAIT).data());
            assertThat(pop.at("/customer/tier").asText()).isEqualTo("vip");
            assertThat(pop.get("orders")).hasSize(50);
            assertThat(pop.get("ordersCursor").isTextual()).isTrue();
            // the pop's cursor pages on from its first page: every other order once, none of the first 50 again
            java.util.Set<Long> seen = new java.util.HashSet<>();
            pop.get("orders").forEach(o -> seen.add(o.get("id").asLong()));
            String customer = pop.at("/customer/id").asText();
            java.util.List<JsonNode> rest = app.walk("/api/customers/" + customer + "/orders?limit=7&after="
                    + pop.get("ordersCursor").asText());
            rest.forEach(o -> assertThat(seen.add(o.get("id").asLong())).as("order " + o.get("id")).isTrue());
            assertThat(seen).hasSize(app.walk("/api/customers/" + customer + "/orders?limit=500").size());
            assertThat(pop.at("/orders/0/orderedOn").asText()).isGreaterThanOrEqualTo(pop.at("/orders/49/orderedOn").asText());
            assertThat(pop.at("/orders/0/lines/0/serialNumbers")).isNotEmpty();
            assertThat(pop.at("/warranties/0/status").asText()).isEqualTo("active");
            assertThat(pop.at("/openCases/0/type").asText()).isEqualTo("repair");
            assertThat(pop.get("searchBy")).isEmpty();
        }
        feed(new PbxEvent.AgentCompleted("pbx1", at(65), LINKED, UNIQUE, "vip", AGENT1, "Agent One", "agent", 60, 3));
        try (SseClient again = new SseClient(push(agent1))) { // the desktop dropped and came back mid-wrap-up
            JsonNode wrapUp = Json.mapper().readTree(again.next("wrap-up", WAIT).data());
            assertThat(wrapUp.get("reasons").findValuesAsText("code")).contains("repair-booked", "other");
            assertThat(wrapUp.at("/openCases/0/type").asText()).isEqualTo("repair");
        }
    }

    /**
     * Rings agent 1 for Alice's call, then for a second call (whose ringing message comes after the first call's
     * pop was prepared, the agent's messages being in order), then opens a second case for Alice.
     */
    private void ringThenOpenACase(SseClient stream) throws Exception {
        route("2125550123");
        ringAndConnect();
        assertThat(stream.next("ringing", WAIT).data()).contains("Alice Buyer");
        feed(new PbxEvent.ChannelCreated("pbx1", at(3), "1795341450.7", "1795341450.8",
                "Local/1800@hotline-00000001;2", "3125550199", "Bob", "1800"));
        feed(new PbxEvent.QueueJoined("pbx1", at(3), "1795341450.7", "1795341450.8", "vip", 2, "3125550199", "Bob"));
        feed(new PbxEvent.AgentRinging("pbx1", at(3), "1795341450.7", "1795341450.8", "vip", AGENT1, "Agent One",
                "3125550199"));
        assertThat(stream.next("ringing", WAIT).data()).contains("1795341450.7");
        assertThat(app.post("/api/cases", "{\"customerId\": " + customerId + ", \"type\": \"technical\"}").status())
                .isEqualTo(201);
    }

    @Test
    void connectedPopIsTheOnePreparedWhileThePhoneRang() throws Exception {
        try (SseClient stream = new SseClient(push(agent1))) {
            ringThenOpenACase(stream);
            feed(new PbxEvent.AgentConnected("pbx1", at(5), LINKED, UNIQUE, "vip", AGENT1, "Agent One", 3));
            JsonNode pop = Json.mapper().readTree(stream.next("connected", WAIT).data());
            assertThat(pop.get("openCases")).hasSize(1); // as it was when the phone rang: no read at the answer
        }
    }

    @Test
    void connectedPopIsReadAgainWhenTheRingLastedOverAMinute() throws Exception {
        try (SseClient stream = new SseClient(push(agent1))) {
            ringThenOpenACase(stream);
            clock.advance(ScreenPopNotifier.PREPARED_FOR.plusSeconds(1));
            feed(new PbxEvent.AgentConnected("pbx1", at(70), LINKED, UNIQUE, "vip", AGENT1, "Agent One", 68));
            JsonNode pop = Json.mapper().readTree(stream.next("connected", WAIT).data());
            assertThat(pop.get("openCases")).hasSize(2);
        }
    }

    @Test
    void unknownCallerGetsAPopThatSaysSoAndOffersSearch() throws Exception {
        route("3125550199");
        try (SseClient stream = new SseClient(push(agent1))) {
            ringAndConnect();
            feed(new PbxEvent.AgentConnected("pbx1", at(5), LINKED, UNIQUE, "general-support", AGENT1, "Agent One", 3));
            JsonNode pop = Json.mapper().readTree(stream.next("connected", WAIT).data());
            assertThat(pop.get("customer").isNull()).isTrue();
            assertThat(pop.get("searchBy").findValuesAsText("")).isEmpty();
            assertThat(pop.get("searchBy").toString()).contains("phone", "orderNumber", "serialNumber");
        }
    }

    @Test
    void anAgentWhoOpensTheDesktopMidCallGetsThePopOfTheCallInProgressOnce() throws Exception {
        route("2125550123");
        ringAndConnect();
        feed(new PbxEvent.AgentConnected("pbx1", at(5), LINKED, UNIQUE, "vip", AGENT1, "Agent One", 3));
        app.app().calls().tracking().ask(t -> t).get();
        try (SseClient stream = new SseClient(push(agent1))) {
            JsonNode pop = Json.mapper().readTree(stream.next("connected", WAIT).data());
            assertThat(pop.at("/customer/name").asText()).isEqualTo("Alice Buyer");
            assertThat(pop.at("/call/linkedId").asText()).isEqualTo(LINKED);
            feed(new PbxEvent.AgentCompleted("pbx1", at(65), LINKED, UNIQUE, "vip", AGENT1, "Agent One", "agent", 60,
                    3));
            assertThat(stream.next(WAIT).event()).as("the next message, not the pop again")
                    .isEqualTo("wrap-up");
        }
    }

    /**
     * The agent may be rung before the route's decision (written in batches) and the call record reach the
     * database: the caller is then named from the number AgentCalled carries.
     */
    @Test
    void ringingPopNamesTheCallerFromTheEventWhenNothingIsWrittenYet() throws Exception {
        try (SseClient stream = new SseClient(push(agent1))) {
            feed(new PbxEvent.AgentRinging("pbx1", at(2), LINKED, UNIQUE, "vip", AGENT1, "Agent One", "2125550123"));
            JsonNode ringing = Json.mapper().readTree(stream.next("ringing", WAIT).data());
            assertThat(ringing.at("/customer/name").asText()).isEqualTo("Alice Buyer");
            assertThat(ringing.at("/call/callerE164").asText()).isEqualTo("+12125550123");
            assertThat(ringing.get("routing").isNull()).as("no decision to show yet").isTrue();

            feed(new PbxEvent.AgentRinging("pbx1", at(3), "1795341450.7", "1795341450.8", "vip", AGENT1, "Agent One",
                    "anonymous"));
            JsonNode withheld = Json.mapper().readTree(stream.next("ringing", WAIT).data());
            assertThat(withheld.get("customer").isNull()).isTrue();
            assertThat(withheld.at("/call/callerRaw").asText()).isEqualTo("anonymous");
        }
    }

    @Test
    void onlyTheAgentOfTheCallSeesItsPopAndMayDisposeOfIt() throws Exception {
        route("2125550123");
        ringAndConnect();
        feed(new PbxEvent.AgentConnected("pbx1", at(5), LINKED, UNIQUE, "vip", AGENT1, "Agent One", 3));
        feed(new PbxEvent.AgentCompleted("pbx1", at(65), LINKED, UNIQUE, "vip", AGENT1, "Agent One", "agent", 60, 3));
        await().atMost(WAIT).until(() -> app.as(agent1).get("/api/calls/" + LINKED + "/screenpop").status() == 200);
        assertThat(app.as(agent2).get("/api/calls/" + LINKED + "/screenpop").status()).isEqualTo(403);
        assertThat(app.get("/api/calls/" + LINKED + "/screenpop").status()).isEqualTo(200); // admin sees all
        assertThat(app.as(agent1).get("/api/calls/no-such-call/screenpop").status()).isEqualTo(404);

        String good = "{\"reasonCode\": \"repair-booked\", \"resolved\": false, \"newCase\": {\"type\": \"repair\","
                + " \"subject\": \"Battery swells\", \"serialNumber\": \"SN-2\"}, \"notes\": \"Sent a box\"}";
        assertThat(app.as(agent2).post("/api/calls/" + LINKED + "/disposition", good).status()).isEqualTo(403);
        assertThat(app.as(agent1).post("/api/calls/no-such-call/disposition", good).status()).isEqualTo(404);
        assertThat(app.as(agent1).post("/api/calls/" + LINKED + "/disposition",
                "{\"reasonCode\": \"bribe\", \"resolved\": true}").body()).contains("unknown reason code");
        assertThat(app.as(agent1).post("/api/calls/" + LINKED + "/disposition",
                "{\"reasonCode\": \"other\", \"resolved\": true, \"notes\": \"" + "x".repeat(5000) + "\"}").status())
                .isEqualTo(422);
        assertThat(app.as(agent1).post("/api/calls/" + LINKED + "/disposition",
                "{\"reasonCode\": \"other\", \"resolved\": true, \"caseId\": " + otherCustomerCase + "}").body())
                .contains("belongs to another customer");
        assertThat(app.as(agent1).post("/api/calls/" + LINKED + "/disposition",
                "{\"reasonCode\": \"repair-booked\", \"resolved\": false, \"newCase\": {\"type\": \"repair\"}}").body())
                .contains("serialNumber");

        var saved = app.as(agent1).post("/api/calls/" + LINKED + "/disposition", good);
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        long caseId = Json.mapper().readTree(saved.body()).get("caseId").asLong();
        assertThat(Json.mapper().readTree(app.get("/api/cases/" + caseId).body()).get("status").asText())
                .isEqualTo("in_progress");
        assertThat(app.as(agent1).post("/api/calls/" + LINKED + "/disposition", good).status()).isEqualTo(409);
        // The contact now carries the case and reason that case-aware FCR reads.
        String marked = app.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT case_id || ':' || reason_code FROM contacts WHERE linkedid = :l").bind("l", LINKED)
                .mapTo(String.class).one());
        assertThat(marked).isEqualTo(caseId + ":repair-booked");
        assertThat(app.as(null).get("/api/push").status()).isEqualTo(401);
    }

    @Test
    void anAgentDialledStraightFromTheDialplanGetsThePopsAndDisposesOfTheCall() throws Exception {
        route("2125550123");
        feed(new PbxEvent.MemberAdded("pbx1", at(0), "vip", AGENT1, "Agent One", false, ""));
        try (SseClient stream = new SseClient(push(agent1))) {
            feed(new PbxEvent.ChannelCreated("pbx1", at(0), LINKED, UNIQUE, "Local/1800@hotline-00000000;2",
                    "2125550123", "Alice Buyer", "1800"));
            feed(new PbxEvent.DialStarted("pbx1", at(1), LINKED, UNIQUE, "1795341450.3", AGENT1 + "-00000001;1", AGENT1,
                    "2125550123", "Alice Buyer")); // a Dial() of the agents table's agent 1, in no queue
            assertThat(Json.mapper().readTree(stream.next("ringing", WAIT).data()).at("/customer/name").asText())
                    .isEqualTo("Alice Buyer");
            feed(new PbxEvent.DialEnded("pbx1", at(4), LINKED, UNIQUE, "1795341450.3", AGENT1, "ANSWER"));
            assertThat(Json.mapper().readTree(stream.next("connected", WAIT).data()).at("/customer/tier").asText())
                    .isEqualTo("vip");
            feed(new PbxEvent.BridgeChanged("pbx1", at(30), LINKED, "1795341450.3", AGENT1 + "-00000001;1", "b",
                    false));
            assertThat(stream.next("wrap-up", WAIT).data()).contains("repair-booked");
        }
        await().atMost(WAIT).until(() -> app.as(agent1).get("/api/calls/" + LINKED + "/screenpop").status() == 200);
        var saved = app.as(agent1).post("/api/calls/" + LINKED + "/disposition",
                "{\"reasonCode\": \"other\", \"resolved\": true}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    }
}
