package io.aftercare.controls;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.Transcript;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * aftercare attached to the tests' AMI fake, with agents 1 and 2 (agent accounts) and a supervisor, and a call of
 * the real Asterisk's (pbx-captures/controls-hangup-dtmf.txt: 1860 from +12125550171 in technical, Local/agent1@agents
 * answering) played through the fake up to the moment agent 1 talks with the caller: the fake then has its channels
 * up, bridged, as Asterisk had. Not thread-safe.
 */
final class ControlsWorld implements AutoCloseable {
    static final String CALL = "1796663163.14";
    static final String AGENT1 = "Local/agent1@agents";
    static final String AGENT_LEG = "Local/agent1@agents-00000008;1";
    static final String AGENT_PHONE = "Local/agent1@agents-00000008;2";
    static final String CALLER_LEG = "Local/1860@inbound-test-00000007;2";
    private static final Duration WAIT = Duration.ofSeconds(10);

    final FakeAmiServer pbx;
    final TestApp app;
    final TestApp agent1;
    final TestApp agent2;
    final TestApp supervisor;
    private final List<AmiPacket> capture = Transcript.parseAmi(Transcript.resource(
            "pbx-captures/controls-hangup-dtmf.txt")).events();
    private int played;

    ControlsWorld(Path dir, UnaryOperator<AftercareConfig> tweak) {
        try {
            pbx = FakeAmiServer.builder().listsEmittedChannels().securityEvents(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC(), config -> tweak.apply(config.withAmi(
                new AftercareConfig.Ami(config.ami().pbxId(), "127.0.0.1", pbx.port(), "hotline", "s3cret",
                        Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10)))));
        app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface, created_at)"
                + " VALUES ('agent1', 'Agent 1', 'Local/agent1@agents', 0), ('agent2', 'Agent 2',"
                + " 'Local/agent2@agents', 0)"));
        agent1 = app.as(app.signIn("a1", "agent", "agent1"));
        agent2 = app.as(app.signIn("a2", "agent", "agent2"));
        supervisor = app.as(app.signIn("s1", "supervisor", null));
        await().atMost(WAIT).until(() -> json(app.get("/health").body()).path("ami").path("pbx1").asText()
                .equals("connected"));
    }

    /** The capture's events up to agent 1 and the caller both in the bridge; waits until aftercare has them. */
    ControlsWorld talking() {
        int bridged = 0;
        while (bridged < 2) {
            AmiPacket e = capture.get(played++);
            pbx.emit(e);
            bridged += e.type().equals("BridgeEnter") ? 1 : 0;
        }
        await().atMost(WAIT).until(() -> json(app.get("/api/agents").body()).findValuesAsText("state")
                .contains("on_call"));
        return this;
    }

    /** The rest of the capture: the agent's phone hung up (aftercare's Hangup), and the call with it. */
    void endOfCall() {
        capture.subList(played, capture.size()).forEach(pbx::emit);
        played = capture.size();
    }

    /** The actions aftercare sent the fake, of these names, in order, each as {@code Name Header=value ...}. */
    List<AmiPacket> sent(String... names) {
        return pbx.receivedActions().stream().filter(a -> List.of(names).stream()
                .anyMatch(n -> n.equalsIgnoreCase(a.getOrEmpty("Action")))).toList();
    }

    static JsonNode json(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A problem answer's detail. */
    static String detail(TestApp.Reply reply) {
        return json(reply.body()).path("detail").asText();
    }

    @Override
    public void close() {
        app.close();
        pbx.close();
    }
}
