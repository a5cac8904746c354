package io.aftercare.demo;

import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.CallerId;
import io.aftercare.fake.SimulatedAmiServer;
import io.aftercare.fake.PbxSimulator;
import io.aftercare.fake.SimAgent;
import io.aftercare.fake.SurveyCallee;
import io.aftercare.surveys.SurveyScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jdbi.v3.core.Jdbi;

/**
 * The built-in PBX of `aftercare demo` when no Asterisk is configured: a fake AMI server that aftercare's
 * connector logs into, and a simulator placing inbound calls from demo customers through the FastAGI port.
 * Thread-safe.
 */
public final class DemoPbx implements AutoCloseable {
    private static final String USER = "aftercare";
    private static final String SECRET = "demo-secret";

    /** Demo agents and the queues they serve. */
    static final List<SimAgent> AGENTS = List.of(
            new SimAgent("Local/agent1@agents", "Agent One", List.of("general-support", "onboarding"), null),
            new SimAgent("Local/agent2@agents", "Agent Two", List.of("general-support", "technical"), "training"),
            new SimAgent("Local/agent3@agents", "Agent Three", List.of("vip", "general-support"), null),
            new SimAgent("Local/agent4@agents", "Agent Four", List.of("returns", "repairs"), null),
            new SimAgent("Local/agent5@agents", "Agent Five", List.of("repairs", "technical"), null),
            new SimAgent("Local/agent6@agents", "Agent Six", List.of("supervisors", "vip", "onboarding"), null));

    private final SimulatedAmiServer ami;
    private final ScheduledExecutorService scheduler;
    private PbxSimulator simulator;

    private DemoPbx(SimulatedAmiServer ami, ScheduledExecutorService scheduler) {
        this.ami = ami;
        this.scheduler = scheduler;
    }

    /** Starts the fake AMI server; {@link #amiConfig} points aftercare's connector at it. */
    public static DemoPbx open(Clock clock) {
        try {
            SimulatedAmiServer server = SimulatedAmiServer.builder().credentials(USER, SECRET).clock(clock).start();
            return new DemoPbx(server, Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("demo-pbx-", 0)
                    .daemon(true).factory()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo PBX", e);
        }
    }

    public AftercareConfig.Ami amiConfig(AftercareConfig.Ami base) {
        return new AftercareConfig.Ami(base.pbxId(), "127.0.0.1", ami.port(), USER, SECRET, base.reconnectInitial(),
                base.reconnectMax(), base.pingInterval());
    }

    /** Starts placing calls from demo customers' numbers to the FastAGI server at {@code agiPort}. */
    public void startCalls(Jdbi jdbi, String agiHost, int agiPort, long seed, int callsPerMinute, Clock clock) {
        List<String> numbers = jdbi.withHandle(h -> h.createQuery(
                "SELECT e164 FROM customer_phones ORDER BY e164 LIMIT 2000").mapTo(String.class).list());
        Random random = new Random(seed);
        // Callers present national numbers for their own country, the way carriers deliver them; some are unknown.
        List<String> unknown = List.of("+13125550199", "+12025550100", "+16175550123");
        simulator = PbxSimulator.builder(ami)
                .agi(agiHost, agiPort)
                .callers(() -> {
                    synchronized (random) {
                        if (numbers.isEmpty() || random.nextInt(10) == 0) {
                            return CallerId.number(unknown.get(random.nextInt(unknown.size())));
                        }
                        return CallerId.number(numbers.get(random.nextInt(numbers.size())));
                    }
                })
                .agents(AGENTS).clock(clock).scheduler(scheduler).seed(seed).callsPerMinute(callsPerMinute)
                .build();
        simulator.start();
    }

    /**
     * Demo customers take survey calls (a seeded mix of busy, no answer, opt-out and answers, the survey played
     * through FastAGI at {@code agiPort}), and other systems post after-sales events that schedule surveys.
     */
    public void startSurveys(SurveyScheduler surveys, Jdbi jdbi, String agiHost, int agiPort, long seed) {
        ami.originatePolicy(new SurveyCallee(agiHost, agiPort, seed, SurveyCallee.Mix.typical(),
                Duration.ofSeconds(2), Duration.ofSeconds(8)));
        AftersalesFeed.start(surveys, jdbi, seed, 5, 20, scheduler);
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
        scheduler.shutdownNow();
        ami.close();
    }
}
