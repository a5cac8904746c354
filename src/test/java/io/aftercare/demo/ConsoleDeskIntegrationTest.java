package io.aftercare.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.auth.AuthService;
import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentView;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.CallPlan;
import io.aftercare.fake.CallerId;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.PbxSimulator;
import io.aftercare.fake.SimAgent;
import io.aftercare.persistence.Database;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo floor's desk does what the console does, over HTTP as the demo's agent account: a disposition of the call
 * the agent just had ends their after-call work, and their pauses reach the PBX with the reason.
 */
class ConsoleDeskIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String AGENT = "Local/agent2@agents";

    @TempDir
    Path dir;

    @Test
    void dispositionEndsAfterCallWorkAndPausesReachThePbxWithTheirReason() throws Exception {
        TestDatabases.TestDb db = TestDatabases.sqlite(dir);
        try (Database data = Database.open(db.config())) {
            data.migrate();
            new DemoDataGenerator(data.jdbi(), Clock.systemUTC(), 7).generate(20);
        }
        ScheduledExecutorService phones = Executors.newSingleThreadScheduledExecutor();
        try (FakeAmiServer pbx = DemoPbx.configure(FakeAmiServer.builder(), Clock.systemUTC()).start();
             TestApp app = new TestApp(db, Clock.systemUTC(), c -> c.withAmi(new AftercareConfig.Ami("pbx1",
                     "127.0.0.1", pbx.port(), "aftercare", "demo-secret", Duration.ofMillis(50), Duration.ofMillis(200),
                     ConfigLoader.defaults().ami().pingInterval())))) {
            app.app().services().auth().createAccount(new AuthService.AccountInput("agent2", null, "agent", "agent2",
                    "agent2-demo"));
            await().atMost(WAIT).until(() -> "connected".equals(app.app().ami().orElseThrow().states().get("pbx1")));
            PbxSimulator sim = PbxSimulator.builder(pbx).agents(List.of(new SimAgent(AGENT, "Agent Two",
                    List.of("general-support")))).scheduler(phones).speed(20).build();
            ConsoleDesk desk = new ConsoleDesk(URI.create("http://127.0.0.1:" + app.app().httpPort()), 7);

            String call = sim.placeCall(CallerId.number("2125550123"), CallPlan.answered(Duration.ofSeconds(10)))
                    .get(10, TimeUnit.SECONDS).linkedid();
            await().atMost(WAIT).until(() -> state(app).state() == AgentState.AFTER_CALL_WORK);
            desk.dispose(AGENT, call).toCompletableFuture().get(10, TimeUnit.SECONDS);

            await().atMost(WAIT).until(() -> state(app).state() == AgentState.READY);
            List<String> disposedBy = app.app().database().jdbi().withHandle(h -> h.createQuery("SELECT agent FROM"
                    + " dispositions WHERE linkedid = :id").bind("id", call).mapTo(String.class).list());
            assertThat(disposedBy).containsExactly(AGENT);

            desk.pause(AGENT, "lunch").toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(pbx.receivedActions("QueuePause")).last()
                    .satisfies(a -> assertThat(a.getOrEmpty("Reason")).isEqualTo("lunch"))
                    .satisfies(a -> assertThat(a.getOrEmpty("Interface")).isEqualTo(AGENT));
            await().atMost(WAIT).until(() -> state(app).state() == AgentState.PAUSED
                    && state(app).reason().equals("lunch"));
            desk.unpause(AGENT).toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> state(app).state() == AgentState.READY);
            assertThat(pbx.receivedActions("QueuePause")).extracting(a -> a.getOrEmpty("Paused") + " "
                    + a.getOrEmpty("Reason")).containsSubsequence("true acw", "false ", "true lunch", "false ");
            assertThat(pbx.receivedActions("QueuePause")).map(AmiPacket::toWire).noneMatch(a -> a.contains("agent1"));
            sim.stop();
        } finally {
            phones.shutdownNow();
        }
    }

    private static AgentView state(TestApp app) throws Exception {
        return app.app().calls().tracking().agents().get(5, TimeUnit.SECONDS).stream()
                .filter(v -> v.agent().equals(AGENT)).findFirst().orElseThrow();
    }
}
