package io.aftercare.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRoutesIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void anAgentActsOnlyOnTheirOwnInterfaceWhileSupervisorsActOnAnyone() {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC())) {
            app.app().database().jdbi().useHandle(h -> {
                h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES "
                        + "('agent1', 'Agent One', 'Local/agent1@agents', 0), "
                        + "('agent2', 'Agent Two', 'Local/agent2@agents', 0)");
                h.execute("INSERT INTO agent_queues (agent_id, queue) SELECT id, 'vip' FROM agents WHERE login = 'agent1'");
            });
            TestApp one = app.as(app.signIn("ann", "agent", "agent1"));
            TestApp boss = app.as(app.signIn("sue", "supervisor", null));
            String own = "{\"iface\":\"Local/agent1@agents\"";
            String other = "{\"iface\":\"Local/agent2@agents\"";

            for (String path : new String[] {"/api/agents/login", "/api/agents/logout"}) {
                assertThat(one.post(path, other + ",\"queues\":[\"vip\"]}").status()).as(path).isEqualTo(403);
                assertThat(one.post(path, own + ",\"queues\":[\"vip\"]}").status()).as(path).isNotEqualTo(403);
                assertThat(boss.post(path, other + ",\"queues\":[\"vip\"]}").status()).as(path).isNotEqualTo(403);
            }
            assertThat(one.post("/api/agents/pause", other + ",\"reason\":\"lunch\"}").status()).isEqualTo(403);
            assertThat(one.post("/api/agents/unpause", other + "}").status()).isEqualTo(403);
            // a CR/LF trick in the interface is not the agent's own interface either
            assertThat(one.post("/api/agents/pause", "{\"iface\":\"Local/agent1@agents\\r\\nQueue: x\","
                    + "\"reason\":\"lunch\"}").status()).isEqualTo(403);
            assertThat(one.post("/api/agents/wrapup-done", other + "}").status()).isEqualTo(403);

            TestApp.Reply mine = one.post("/api/agents/wrapup-done", own + "}");
            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.body()).contains("\"wrapupEnded\":false");
            assertThat(boss.post("/api/agents/wrapup-done", other + "}").status()).isEqualTo(200);
        }
    }
}
