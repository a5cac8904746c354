package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.demo.DemoDataGenerator;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's simulated PBX places its calls through aftercare's real {@code route} FastAGI script, as
 * {@code aftercare demo} wires it (DemoPbx gets {@code app.agiPort()}): a VIP demo customer lands in {@code vip},
 * and the decision is recorded under the simulated channel's uniqueid.
 */
class DemoCallsThroughRouteIntegrationTest {
    private static final Instant START = Instant.parse("2025-03-04T12:00:00Z");
    private static final List<SimAgent> AGENTS = List.of(
            new SimAgent("Local/agent1@agents", "Agent One", List.of("general-support", "onboarding", "repairs")),
            new SimAgent("Local/agent3@agents", "Agent Three", List.of("vip", "general-support")));

    @TempDir
    Path dir;

    @Test
    void vipDemoCustomerIsRoutedToVipByTheRouteScript() throws Exception {
        ManualScheduler scheduler = new ManualScheduler(START);
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.fixed(START, ZoneOffset.UTC));
             FakeAmiServer ami = FakeAmiServer.builder().clock(scheduler.clock()).start()) {
            var jdbi = app.app().database().jdbi();
            new DemoDataGenerator(jdbi, Clock.fixed(START, ZoneOffset.UTC), 7).generate(300);
            String vip = jdbi.withHandle(h -> h.createQuery("SELECT p.e164 FROM customer_phones p JOIN customers c"
                    + " ON c.id = p.customer_id WHERE c.tier = 'vip' ORDER BY p.e164 LIMIT 1").mapTo(String.class).one());
            PbxSimulator sim = PbxSimulator.builder(ami).agi("127.0.0.1", app.app().agiPort()).agents(AGENTS)
                    .clock(scheduler.clock()).scheduler(scheduler).seed(1).callers(() -> CallerId.number(vip)).build();
            try {
                var done = sim.placeCall(CallerId.number(vip), CallPlan.answered(Duration.ofSeconds(5)));
                scheduler.runAll(100_000);
                CallSummary call = done.get(10, java.util.concurrent.TimeUnit.SECONDS);

                assertThat(call.agiFailed()).isFalse();
                assertThat(call.queues()).containsExactly("vip");
                var recorded = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                        app.app().routing().service().recent(io.aftercare.web.PageRequest.first(10)).items(), l -> !l.isEmpty());
                assertThat(recorded.get(0).callerE164()).isEqualTo(vip);
                assertThat(recorded.get(0).queue()).isEqualTo("vip");
                assertThat(recorded.get(0).ruleName()).isEqualTo("VIP customers");
            } finally {
                sim.close();
            }
        }
    }
}
