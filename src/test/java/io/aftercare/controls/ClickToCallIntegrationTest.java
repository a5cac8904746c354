package io.aftercare.controls;

import static io.aftercare.controls.ControlsWorld.detail;
import static io.aftercare.controls.ControlsWorld.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Click-to-call through the HTTP API against the tests' AMI fake: the Originate that rings the agent first and
 * runs the outbound context with the customer's number, the call tracked as an outbound contact of its kind, and the
 * calls refused before the PBX is asked.
 */
class ClickToCallIntegrationTest {
    @TempDir
    Path dir;

    private ControlsWorld world;
    private long pia;

    @BeforeEach
    void start() throws Exception {
        world = new ControlsWorld(dir, UnaryOperator.identity());
        pia = json(world.app.post("/api/customers", "{\"name\": \"Pia \\\"P\\\" Fischer\","
                + " \"phones\": [\"2125550123\", \"2125550124\"]}").body()).get("id").asLong();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private TestApp.Reply place(TestApp who, String body) {
        return who.post("/api/calls", body);
    }

    @Test
    void theAgentsPhoneRingsFirstThenTheOutboundContextDialsTheCustomer() {
        TestApp.Reply placed = place(world.agent1, "{\"customerId\": " + pia + "}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode call = json(placed.body());
        String linkedId = call.path("linkedId").asText();
        assertThat(linkedId).matches("click_to_call-[0-9]{13}-1");
        assertThat(call.path("number").asText()).isEqualTo("+12125550123");
        assertThat(call.path("customerId").asLong()).isEqualTo(pia);

        AmiPacket originate = world.sent("Originate").get(0);
        assertThat(originate.getOrEmpty("Channel")).isEqualTo("Local/agent1@agents");
        assertThat(originate.getOrEmpty("Context")).isEqualTo("aftercare-outbound");
        assertThat(originate.getOrEmpty("Exten")).isEqualTo("12125550123");
        assertThat(originate.getOrEmpty("CallerID")).isEqualTo("\"Pia P Fischer\" <+12125550123>");
        assertThat(originate.getOrEmpty("ChannelId")).isEqualTo(linkedId);
        assertThat(originate.getOrEmpty("ActionID")).endsWith(linkedId);
        assertThat(originate.getOrEmpty("Timeout")).isEqualTo("30000");
        assertThat(originate.getAll("Variable")).containsExactlyInAnyOrder("AC_CUSTOMER_CHANNEL=PJSIP/12125550123@trunk",
                "AC_OUTBOUND_CALLER_ID=\"Aftercare\" <1800>");

        // the fake answers the agent's phone and hangs up: an outbound contact of its kind, about Pia
        Map<String, Object> row = await().atMost(Duration.ofSeconds(10)).until(() -> world.app.app().database().jdbi()
                .withHandle(h -> h.createQuery("SELECT kind, customer_id, caller_e164 FROM contacts"
                        + " WHERE linkedid = :l").bind("l", linkedId).mapToMap().findOne().orElse(null)),
                r -> r != null && r.get("customer_id") != null);
        assertThat(row.get("kind")).isEqualTo("click_to_call");
        assertThat(row.get("caller_e164")).isEqualTo("+12125550123");
        assertThat(((Number) row.get("customer_id")).longValue()).isEqualTo(pia);

        await().atMost(Duration.ofSeconds(10)).until(() -> world.app.app().database().jdbi().withHandle(h -> h
                .createQuery("SELECT COUNT(*) FROM contacts WHERE linkedid = :l AND ended_at IS NOT NULL")
                .bind("l", linkedId).mapTo(Integer.class).one()) == 1);
        TestApp.Reply disposed = world.agent1.post("/api/calls/" + linkedId + "/disposition",
                "{\"reasonCode\": \"how-to\", \"resolved\": true, \"notes\": \"called back\"}");
        assertThat(disposed.status()).as("a click-to-call is disposed of like any call: " + disposed.body())
                .isEqualTo(201);

        TestApp.Reply other = place(world.agent2, "{\"number\": \"+1 212 555 0124\"}");
        assertThat(other.status()).as("a number alone, the customer found by it").isEqualTo(201);
        assertThat(json(other.body()).path("customerId").asLong()).isEqualTo(pia);
        assertThat(world.sent("Originate").get(1).getOrEmpty("Channel")).isEqualTo("Local/agent2@agents");
    }

    @Test
    void callsThatMustNotBePlacedAreRefusedBeforeThePbxIsAsked() {
        assertThat(place(world.agent1, "{}").status()).isEqualTo(422);
        assertThat(place(world.agent1, "{\"number\": \"12\"}").status()).as("not a number").isEqualTo(422);
        assertThat(place(world.agent1, "{\"customerId\": " + pia + ", \"number\": \"+12125550199\"}").status())
                .as("not theirs").isEqualTo(422);
        assertThat(place(world.agent1, "{\"customerId\": 999999}").status()).isEqualTo(404);
        TestApp.Reply supervisor = place(world.supervisor, "{\"customerId\": " + pia + "}");
        assertThat(supervisor.status()).as("no phone of theirs to ring").isEqualTo(403);

        assertThat(world.app.post("/api/do-not-call", "{\"number\": \"+12125550124\"}").status()).isEqualTo(201);
        TestApp.Reply listed = place(world.agent1, "{\"number\": \"+12125550124\"}");
        assertThat(listed.status()).isEqualTo(409);
        assertThat(detail(listed)).isEqualTo("+12125550124 (customer " + pia + ") is on the do-not-call list");
        assertThat(place(world.agent1, "{\"customerId\": " + pia + "}").status()).as("their other number")
                .isEqualTo(201);
        assertThat(world.app.post("/api/do-not-call", "{\"customerId\": " + pia + "}").status()).isEqualTo(201);
        assertThat(place(world.agent2, "{\"customerId\": " + pia + "}").status()).as("the customer is listed")
                .isEqualTo(409);
        assertThat(world.sent("Originate")).hasSize(1);
    }

    @Test
    void anAgentOnACallPlacesNoOther() {
        world.talking();
        TestApp.Reply busy = place(world.agent1, "{\"customerId\": " + pia + "}");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(detail(busy)).isEqualTo("you are on call " + ControlsWorld.CALL + ": end it before placing another");
        assertThat(world.sent("Originate")).isEmpty();
    }
}
