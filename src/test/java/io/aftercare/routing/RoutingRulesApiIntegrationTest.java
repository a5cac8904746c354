package io.aftercare.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.agi.DialplanVariables;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.web.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingRulesApiIntegrationTest extends RoutingAppTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> send(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body());
    }

    @Test
    void listsTheDefaultRulesInOrder() throws Exception {
        var response = send("GET", "/api/routing/rules", null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(response).forEach(r -> names.add(r.get("name").asText()));
        assertThat(names).startsWith("VIP customers", "Open repair case", "Recent purchase", "Unknown caller");
    }

    @Test
    void rejectsUnknownQueuesAndBadConditions() throws Exception {
        var unknownQueue = send("POST", "/api/routing/rules", "{\"name\":\"x\",\"then\":{\"queue\":\"nowhere\"}}");
        assertThat(unknownQueue.statusCode()).isEqualTo(422);
        assertThat(unknownQueue.body()).contains("nowhere");
        var badCondition = send("POST", "/api/routing/rules",
                "{\"name\":\"y\",\"when\":{\"maxDaysSincePurchase\":-3,\"from\":\"08:00\"},\"then\":{\"queue\":\"vip\"}}");
        assertThat(badCondition.statusCode()).isEqualTo(422);
        assertThat(badCondition.body()).contains("maxDaysSincePurchase", "from");
        var unknownTier = send("POST", "/api/routing/rules",
                "{\"name\":\"z\",\"when\":{\"tiers\":[\"platinum\"]},\"then\":{\"queue\":\"vip\"}}");
        assertThat(unknownTier.statusCode()).isBetween(400, 422);
        var duplicate = send("POST", "/api/routing/rules", "{\"name\":\"VIP customers\",\"then\":{\"queue\":\"vip\"}}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
    }

    @Test
    void rejectsRulesThatWouldSaveButNeverWorkAsWritten() throws Exception {
        var unknownMenu = send("POST", "/api/routing/rules",
                "{\"name\":\"m\",\"then\":{\"queue\":\"vip\",\"ivrMenu\":\"mian\"}}");
        assertThat(unknownMenu.statusCode()).isEqualTo(422);
        assertThat(unknownMenu.body()).contains("'mian' is not a known IVR menu");
        var menuAndAgent = send("POST", "/api/routing/rules",
                "{\"name\":\"n\",\"then\":{\"queue\":\"vip\",\"ivrMenu\":\"main\",\"preferredAgent\":\"case_owner\"}}");
        assertThat(menuAndAgent.statusCode()).isEqualTo(422);
        assertThat(menuAndAgent.body()).contains("cannot go together");
        var overflow = send("POST", "/api/routing/rules",
                "{\"name\":\"o\",\"position\":300000000,\"then\":{\"queue\":\"vip\"}}");
        assertThat(overflow.statusCode()).as("position * 10 would overflow and put it first").isEqualTo(422);
        assertThat(send("POST", "/api/routing/rules",
                "{\"name\":\"p\",\"then\":{\"queue\":\"vip\",\"ivrMenu\":\"main\"}}").statusCode()).isEqualTo(201);
    }

    @Test
    void newRuleAppliesToTheNextCallWithoutRestartAndCanBeMovedAndDeleted() throws Exception {
        var created = send("POST", "/api/routing/rules", "{\"name\":\"French speakers\",\"position\":1,"
                + "\"when\":{\"language\":\"fr\"},\"then\":{\"queue\":\"repairs\",\"priority\":7}}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json(created).get("id").asLong();
        assertThat(json(created).get("position").asInt()).isEqualTo(1);

        var call = FakeAgiClient.builder().callerId(RoutingTestWorld.REPAIR).build().run("127.0.0.1", app.agiPort());
        assertThat(call.afterDialplan()).containsEntry(DialplanVariables.RULE, "French speakers")
                .containsEntry(DialplanVariables.QUEUE_PRIO, "7");

        var moved = send("PUT", "/api/routing/rules/" + id, "{\"name\":\"French speakers\",\"position\":5,"
                + "\"when\":{\"language\":\"fr\"},\"then\":{\"queue\":\"repairs\",\"priority\":7}}");
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(json(moved).get("position").asInt()).isEqualTo(5);
        var again = FakeAgiClient.builder().callerId(RoutingTestWorld.REPAIR).build().run("127.0.0.1", app.agiPort());
        assertThat(again.afterDialplan()).containsEntry(DialplanVariables.RULE, "Open repair case");

        assertThat(send("DELETE", "/api/routing/rules/" + id, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/routing/rules/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void reorderNeedsEveryRuleOnceAndChangesWhichMatchesFirst() throws Exception {
        List<Long> ids = new ArrayList<>();
        json(send("GET", "/api/routing/rules", null)).forEach(r -> ids.add(r.get("id").asLong()));
        assertThat(send("PUT", "/api/routing/rules/order", "{\"ids\":[" + ids.get(0) + "]}").statusCode()).isEqualTo(422);
        List<Long> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        var response = send("PUT", "/api/routing/rules/order", Json.write(Map.of("ids", reversed)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get(0).get("id").asLong()).isEqualTo(reversed.get(0));
        assertThat(send("PUT", "/api/routing/rules/order", Json.write(Map.of("ids", ids))).statusCode()).isEqualTo(200);
    }

    @Test
    void explainNeedsACaller() throws Exception {
        assertThat(send("GET", "/api/routing/explain", null).statusCode()).isEqualTo(400);
        var anonymous = json(send("GET", "/api/routing/explain?caller=anonymous&dnid=1800", null));
        assertThat(anonymous.get("decision").get("ivrMenu").asText()).isEqualTo("main");
        assertThat(anonymous.get("decision").get("reason").asText()).contains("unknown");
    }
}
