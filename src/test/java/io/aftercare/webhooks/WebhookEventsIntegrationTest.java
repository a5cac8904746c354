package io.aftercare.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each change raises its webhook event in its own transaction, and the whole service delivers them: a call that
 * ends (once, however often its record is stored), a disposition that opens a case and moves it, a case changed
 * through the API; a change refused or rolled back raises nothing.
 */
class WebhookEventsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String AGENT1 = "Local/agent1@agents";
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void callsDispositionsAndCasesRaiseTheirEventsWithTheirChanges(String kind) throws Exception {
        try (Receiver receiver = new Receiver(); TestApp app = new TestApp(TestDatabases.open(kind, dir), clock)) {
            Jdbi jdbi = app.app().database().jdbi();
            jdbi.useHandle(h -> h.execute("INSERT INTO agents (login, name, interface, created_at)"
                    + " VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
            TestApp agent = app.as(app.signIn("a1", "agent", "agent1"));
            assertThat(app.post("/api/customers", "{\"name\": \"Pia Fischer\", \"phones\": [\"2125550123\"]}")
                    .status()).isEqualTo(201);
            var created = app.post("/api/webhooks", "{\"url\": \"" + receiver.url("/crm") + "\", \"eventTypes\":"
                    + " [\"call.ended\", \"disposition.saved\", \"case.opened\", \"case.changed\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String secret = Json.mapper().readTree(created.body()).get("secret").asText();

            feed(app, new PbxEvent.MemberAdded("pbx1", T0, "vip", AGENT1, "Agent One", false, ""));
            feed(app, new PbxEvent.ChannelCreated("pbx1", at(0), "100.", "100.1", "Local/1800@hotline-0000;2",
                    "2125550123", null, "1800"));
            feed(app, new PbxEvent.QueueJoined("pbx1", at(1), "100.", "100.1", "vip", 1, "2125550123", null));
            feed(app, new PbxEvent.AgentRinging("pbx1", at(2), "100.", "100.1", "vip", AGENT1, "Agent One",
                    "2125550123"));
            feed(app, new PbxEvent.AgentConnected("pbx1", at(4), "100.", "100.1", "vip", AGENT1, "Agent One", 3));
            feed(app, new PbxEvent.AgentCompleted("pbx1", at(30), "100.", "100.1", "vip", AGENT1, "Agent One",
                    "caller", 26, 3));
            feed(app, new PbxEvent.ChannelHungUp("pbx1", at(30), "100.", "100.1", "x", 16));
            app.app().calls().tracking().ask(t -> t).get();
            await().atMost(WAIT).until(() -> events(jdbi, "call.ended") == 1);

            var disposed = agent.post("/api/calls/100./disposition", "{\"reasonCode\": \"how-to\", \"resolved\": false,"
                    + " \"newCase\": {\"type\": \"technical\", \"subject\": \"Wi-Fi drops\"}, \"notes\": \"reset\"}");
            assertThat(disposed.status()).as(disposed.body()).isEqualTo(201);
            long caseId = Json.mapper().readTree(disposed.body()).get("caseId").asLong();
            assertThat(agent.post("/api/calls/100./disposition", "{\"reasonCode\": \"how-to\", \"resolved\": true}")
                    .status()).as("refused: raises nothing").isEqualTo(409);
            assertThat(app.patch("/api/cases/" + caseId, "{\"status\": \"resolved\"}").status()).isEqualTo(200);

            await().atMost(WAIT).until(() -> receiver.requests().size() == 5);
            Map<String, List<JsonNode>> byType = new java.util.TreeMap<>();
            for (Receiver.Request r : receiver.requests()) {
                assertThat(WebhookSignature.verify(secret, Long.parseLong(r.header("X-Aftercare-Timestamp")), r.body(),
                        r.header("X-Aftercare-Signature"))).isTrue();
                JsonNode body = Json.mapper().readTree(r.body());
                assertThat(body.get("type").asText()).isEqualTo(r.header("X-Aftercare-Event"));
                assertThat(body.get("id").asText()).isEqualTo(r.header("Idempotency-Key"));
                byType.computeIfAbsent(body.get("type").asText(), t -> new java.util.ArrayList<>()).add(body.get("data"));
            }
            assertThat(byType.keySet()).containsExactly("call.ended", "case.changed", "case.opened",
                    "disposition.saved");
            JsonNode call = byType.get("call.ended").getFirst();
            assertThat(call.get("linkedId").asText()).isEqualTo("100.");
            assertThat(call.get("outcome").asText()).isEqualTo("answered");
            assertThat(call.get("callerNumber").asText()).isEqualTo("+12125550123");
            assertThat(call.get("answeredBy").asText()).isEqualTo(AGENT1);
            assertThat(call.get("endedAt").asText()).isEqualTo("2026-12-07T10:00:30Z");
            JsonNode disposition = byType.get("disposition.saved").getFirst();
            assertThat(disposition.at("/disposition/reasonCode").asText()).isEqualTo("how-to");
            assertThat(disposition.at("/disposition/caseId").asLong()).isEqualTo(caseId);
            assertThat(disposition.get("queue").asText()).isEqualTo("vip");
            assertThat(byType.get("case.opened").getFirst().at("/case/status").asText()).isEqualTo("open");
            assertThat(byType.get("case.opened").getFirst().at("/case/subject").asText()).isEqualTo("Wi-Fi drops");
            assertThat(byType.get("case.changed")).extracting(c -> c.at("/previous/status").asText() + " -> "
                    + c.at("/case/status").asText()).containsExactlyInAnyOrder("open -> in_progress",
                    "in_progress -> resolved");

            // the call's record stored again (after-call work ended, a restart's replay): no second call.ended
            clock.advance(Duration.ofMinutes(5));
            app.app().calls().tracking().ask(t -> t).get();
            Thread.sleep(500);
            assertThat(events(jdbi, "call.ended")).isEqualTo(1);
            assertThat(events(jdbi, "disposition.saved")).isEqualTo(1);

            assertThatThrownBy(() -> jdbi.useTransaction(h -> {
                assertThat(WebhookOutbox.append(h, EventType.CASE_OPENED, Map.of("caseId", 1), clock.instant()))
                        .isPresent();
                throw new IllegalStateException("the change fails after its event was written");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(events(jdbi, "case.opened")).as("rolled back with the change").isEqualTo(1);
            Optional<java.util.UUID> unwanted = jdbi.inTransaction(h -> WebhookOutbox.append(h,
                    EventType.SURVEY_ANSWERED, Map.of(), clock.instant()));
            assertThat(unwanted).as("no subscription wants it: nothing written").isEmpty();
        }
    }

    private static void feed(TestApp app, PbxEvent event) {
        app.app().calls().tracking().accept(event);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static int events(Jdbi jdbi, String type) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_outbox WHERE event_type = :t")
                .bind("t", type).mapTo(Integer.class).one());
    }
}
