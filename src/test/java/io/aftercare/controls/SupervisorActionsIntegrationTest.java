package io.aftercare.controls;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.TestApp;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervisor acts on another agent through the agent routes, against the tests' AMI fake: logs them in to a queue,
 * pauses them, moves them to another queue (log out of one, in to the other) and sets the queues they may log in to;
 * an agent may do none of it to a colleague.
 */
class SupervisorActionsIntegrationTest {
    private static final String AGENT2 = "{\"iface\": \"Local/agent2@agents\"";

    @TempDir
    Path dir;

    private ControlsWorld world;

    @BeforeEach
    void start() {
        world = new ControlsWorld(dir, UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private static String line(AmiPacket a, String... headers) {
        StringBuilder sb = new StringBuilder(a.getOrEmpty("Action"));
        for (String h : headers) {
            sb.append(' ').append(h).append('=').append(a.getOrEmpty(h));
        }
        return sb.toString();
    }

    @Test
    void aSupervisorLogsInPausesAndMovesAnotherAgentWhoCannotDoItToAColleague() {
        TestApp boss = world.supervisor;
        TestApp.Reply in = boss.post("/api/agents/login", AGENT2 + ", \"queues\": [\"general-support\"]}");
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        TestApp.Reply paused = boss.post("/api/agents/pause", AGENT2 + ", \"reason\": \"coaching\"}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        TestApp.Reply out = boss.post("/api/agents/logout", AGENT2 + ", \"queues\": [\"general-support\"]}");
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        TestApp.Reply moved = boss.post("/api/agents/login", AGENT2 + ", \"queues\": [\"vip\"]}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        assertThat(world.sent("QueueAdd", "QueuePause", "QueueRemove")).extracting(a -> switch (a.getOrEmpty(
                "Action")) {
            case "QueuePause" -> line(a, "Interface", "Paused", "Reason");
            default -> line(a, "Queue", "Interface");
        }).containsExactly("QueueAdd Queue=general-support Interface=Local/agent2@agents",
                "QueuePause Interface=Local/agent2@agents Paused=true Reason=coaching",
                "QueueRemove Queue=general-support Interface=Local/agent2@agents",
                "QueueAdd Queue=vip Interface=Local/agent2@agents");

        TestApp.Reply assigned = boss.send("PUT", "/api/agent-profiles/agent2/queues",
                "{\"queues\": [{\"queue\": \"vip\", \"penalty\": 0}]}");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);

        TestApp colleague = world.agent1;
        for (String path : new String[] {"/api/agents/login", "/api/agents/logout"}) {
            assertThat(colleague.post(path, AGENT2 + ", \"queues\": [\"vip\"]}").status()).as(path).isEqualTo(403);
        }
        assertThat(colleague.post("/api/agents/pause", AGENT2 + ", \"reason\": \"x\"}").status()).isEqualTo(403);
        assertThat(colleague.send("PUT", "/api/agent-profiles/agent2/queues", "{\"queues\": []}").status()).isEqualTo(403);
    }
}
