package io.aftercare.dispositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.MutableClock;
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
 * Each wrap-up belongs to its own call: calls back to back each get their own disposition, a call still in progress
 * gets none, drafts survive after-call work ending, after-call work can be extended up to the queue's limit, and an
 * unidentified caller can be stamped with the customer the agent found. Call events are fed to the tracker as the
 * AMI translator would.
 */
class WrapupsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String AGENT1 = "Local/agent1@agents";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private TestApp app;
    private TestApp agent;
    private long customerId;

    /** The database the world runs on: SQLite here. */
    protected TestDatabases.TestDb database() {
        return TestDatabases.sqlite(dir);
    }

    @BeforeEach
    void world() throws Exception {
        app = new TestApp(database(), clock);
        app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface, created_at)"
                + " VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
        agent = app.as(app.signIn("a1", "agent", "agent1"));
        customerId = Json.mapper().readTree(app.post("/api/customers", "{\"name\": \"Pia Fischer\","
                + " \"phones\": [\"2125550123\"]}").body()).get("id").asLong();
        feed(new PbxEvent.MemberAdded("pbx1", T0, "vip", AGENT1, "Agent One", false, ""));
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void feed(PbxEvent event) {
        app.app().calls().tracking().accept(event);
    }

    /** Waits until the tracker has applied every event fed so far. */
    private void settle() throws Exception {
        app.app().calls().tracking().ask(t -> t).get();
    }

    /** Waits until the call's record and its ring for agent 1 are stored (they are written in batches). */
    private void stored(String linkedId) {
        await().atMost(WAIT).until(() -> app.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM segments WHERE linkedid = :id AND agent = :agent").bind("id", linkedId)
                .bind("agent", AGENT1).mapTo(Integer.class).one()) > 0);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A call from {@code caller} in queue vip, ringing agent 1 at {@code start} + 2 s, answered 2 s later. */
    private void answered(String linkedId, String caller, int start) {
        String uid = linkedId + "1";
        feed(new PbxEvent.ChannelCreated("pbx1", at(start), linkedId, uid, "Local/1800@hotline-0000;2", caller,
                null, "1800"));
        feed(new PbxEvent.QueueJoined("pbx1", at(start + 1), linkedId, uid, "vip", 1, caller, null));
        feed(new PbxEvent.AgentRinging("pbx1", at(start + 2), linkedId, uid, "vip", AGENT1, "Agent One", caller));
        feed(new PbxEvent.AgentConnected("pbx1", at(start + 4), linkedId, uid, "vip", AGENT1, "Agent One", 3));
    }

    private void ended(String linkedId, int at) {
        feed(new PbxEvent.AgentCompleted("pbx1", at(at), linkedId, linkedId + "1", "vip", AGENT1, "Agent One",
                "caller", at - 4, 3));
        feed(new PbxEvent.ChannelHungUp("pbx1", at(at), linkedId, linkedId + "1", "x", 16));
    }

    private TestApp.Reply dispose(String linkedId, String notes) {
        return agent.post("/api/calls/" + linkedId + "/disposition", "{\"reasonCode\": \"how-to\", \"resolved\": true,"
                + " \"notes\": \"" + notes + "\"}");
    }

    private JsonNode wrapups() throws Exception {
        TestApp.Reply reply = agent.get("/api/agents/me/wrapups");
        assertThat(reply.status()).isEqualTo(200);
        return Json.mapper().readTree(reply.body());
    }

    @Test
    void callsBackToBackEachGetTheirOwnDispositionAndOneInProgressGetsNone() throws Exception {
        answered("100.", "2125550123", 0);
        ended("100.", 30);
        settle();
        clock.advance(Duration.ofSeconds(61)); // after-call work times out with nothing saved
        answered("200.", "2125550199", 100);
        settle();
        await().atMost(WAIT).until(() -> wrapups().size() == 1);
        assertThat(wrapups().get(0).path("linkedId").asText()).isEqualTo("100.");
        assertThat(wrapups().get(0).path("customerName").asText()).isEqualTo("Pia Fischer");

        TestApp.Reply early = dispose("200.", "not yet");
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("still in progress");
        assertThat(dispose("100.", "for Pia").status()).isEqualTo(201);

        ended("200.", 160);
        settle();
        await().atMost(WAIT).until(() -> wrapups().size() == 1 && wrapups().get(0).path("linkedId").asText()
                .equals("200."));
        assertThat(dispose("200.", "for the other caller").status()).isEqualTo(201);
        assertThat(wrapups()).isEmpty();
        java.util.List<String> stored = app.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT linkedid || ':' || notes FROM dispositions ORDER BY linkedid").mapTo(String.class).list());
        assertThat(stored).containsExactly("100.:for Pia", "200.:for the other caller");
    }

    @Test
    void aDraftTypedDuringTheCallOutlivesAfterCallWorkAndGoesWithTheDisposition() throws Exception {
        answered("300.", "2125550123", 0);
        stored("300.");
        TestApp.Reply saved = agent.send("PUT", "/api/calls/300./draft", "{\"notes\": \"Screen cracked, wants RMA\","
                + " \"reasonCode\": \"return-authorised\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        ended("300.", 40);
        settle(); // after-call work starts on aftercare's clock: before it moves on
        clock.advance(Duration.ofSeconds(120));
        settle();
        await().atMost(WAIT).until(() -> !"after_call_work".equals(me().path("state").asText()));

        JsonNode draft = Json.mapper().readTree(agent.get("/api/calls/300./draft").body());
        assertThat(draft.at("/form/notes").asText()).isEqualTo("Screen cracked, wants RMA");
        await().atMost(WAIT).until(() -> wrapups().size() == 1);
        assertThat(wrapups().get(0).at("/draft/reasonCode").asText()).isEqualTo("return-authorised");

        assertThat(dispose("300.", "Screen cracked, wants RMA").status()).isEqualTo(201);
        assertThat(agent.get("/api/calls/300./draft").status()).isEqualTo(404);
        assertThat(agent.send("PUT", "/api/calls/300./draft", "{\"notes\": \"late\"}").status()).isEqualTo(409);
        String tooLong = "x".repeat(DispositionService.MAX_NOTES + 1);
        answered("301.", "2125550123", 200);
        stored("301.");
        assertThat(agent.send("PUT", "/api/calls/301./draft", "{\"notes\": \"" + tooLong + "\"}").status())
                .isEqualTo(422);
    }

    private JsonNode me() throws Exception {
        return Json.mapper().readTree(agent.get("/api/agents/me").body());
    }

    @Test
    void afterCallWorkIsExtendedUpToTheQueuesLimit() throws Exception {
        // vip as seeded: 60 s of after-call work, extendable to 300 s
        String extend = "{\"iface\": \"" + AGENT1 + "\", \"seconds\": 120}";
        assertThat(agent.post("/api/agents/wrapup-extend", extend).status()).as("not in after-call work")
                .isEqualTo(409);
        answered("400.", "2125550123", 0);
        ended("400.", 30);
        settle();
        await().atMost(WAIT).until(() -> "after_call_work".equals(me().path("state").asText()));
        Instant endsAt = Instant.parse(me().path("wrapupEndsAt").asText());
        assertThat(me().path("wrapupLinkedId").asText()).isEqualTo("400.");
        assertThat(Instant.parse(me().path("wrapupLimit").asText())).isEqualTo(endsAt.plusSeconds(240));

        JsonNode longer = Json.mapper().readTree(agent.post("/api/agents/wrapup-extend", extend).body());
        assertThat(Instant.parse(longer.path("endsAt").asText())).isEqualTo(endsAt.plusSeconds(120));
        JsonNode capped = Json.mapper().readTree(agent.post("/api/agents/wrapup-extend", extend).body());
        assertThat(Instant.parse(capped.path("endsAt").asText())).isEqualTo(endsAt.plusSeconds(240));
        assertThat(agent.post("/api/agents/wrapup-extend", "{\"iface\": \"" + AGENT1 + "\", \"seconds\": 0}")
                .status()).isEqualTo(422);

        clock.advance(Duration.ofSeconds(200)); // within the extended time: still wrapping up
        settle();
        assertThat(me().path("state").asText()).isEqualTo("after_call_work");
        clock.advance(Duration.ofSeconds(101));
        await().atMost(WAIT).until(() -> !"after_call_work".equals(me().path("state").asText()));
    }

    @Test
    void anUnknownCallerIsStampedWithTheCustomerTheAgentFoundAndTheirNumberAdded() throws Exception {
        answered("500.", "3125550177", 0);
        stored("500.");
        TestApp.Reply linked = agent.post("/api/calls/500./caller", "{\"customerId\": " + customerId
                + ", \"addNumber\": true}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(linked.body()).path("numberAdded").asText()).isEqualTo("+13125550177");

        JsonNode pop = Json.mapper().readTree(agent.get("/api/calls/500./screenpop").body());
        assertThat(pop.at("/customer/name").asText()).isEqualTo("Pia Fischer");
        JsonNode customer = Json.mapper().readTree(app.get("/api/customers/" + customerId).body());
        assertThat(customer.get("phones").toString()).contains("+13125550177", "+12125550123");

        long other = Json.mapper().readTree(app.post("/api/customers", "{\"name\": \"Ugo Buyer\"}").body())
                .get("id").asLong();
        assertThat(agent.post("/api/calls/500./caller", "{\"customerId\": " + other + ", \"addNumber\": true}")
                .status()).as("the number is Pia's now").isEqualTo(409);
        assertThat(agent.post("/api/calls/500./caller", "{\"customerId\": 999999}").status()).isEqualTo(404);
        assertThat(agent.post("/api/calls/no-such/caller", "{\"customerId\": " + customerId + "}").status())
                .isEqualTo(403);

        ended("500.", 30);
        settle();
        TestApp.Reply withCase = agent.post("/api/calls/500./disposition", "{\"reasonCode\": \"repair-booked\","
                + " \"resolved\": false, \"newCase\": {\"type\": \"technical\", \"subject\": \"No sound\"}}");
        assertThat(withCase.status()).as(withCase.body()).isEqualTo(201);
        assertThat(Json.mapper().readTree(withCase.body()).path("customerId").asLong()).isEqualTo(customerId);
        long caseId = Json.mapper().readTree(withCase.body()).path("caseId").asLong();
        JsonNode history = Json.mapper().readTree(agent.get("/api/cases/" + caseId + "/history").body());
        assertThat(history.findValuesAsText("kind")).containsExactly("opened", "call");
        assertThat(history.get(1).path("linkedId").asText()).isEqualTo("500.");
        assertThat(history.get(1).path("reasonCode").asText()).isEqualTo("repair-booked");
    }
}
