package io.aftercare.demo;

import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.AmiServerBuilder;
import io.aftercare.fake.CallMix;
import io.aftercare.fake.CallerId;
import io.aftercare.fake.SimulatedAmiServer;
import io.aftercare.fake.PbxSimulator;
import io.aftercare.fake.PbxSimulatorBuilder;
import io.aftercare.fake.SimAgent;
import io.aftercare.fake.SurveyCallee;
import io.aftercare.surveys.SurveyScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * The built-in PBX of `aftercare demo` when no Asterisk is configured: a fake AMI server that aftercare's
 * connector logs into, with the queues of queues.conf.sample ({@code ringinuse = no}, {@code wrapuptime = 0}), a
 * simulator placing after-sales calls from demo customers through the FastAGI port to the demo agents' phones, and
 * the {@link DemoFloor} playing those agents at their desks through aftercare's HTTP API. Thread-safe.
 */
public final class DemoPbx implements AutoCloseable {
    private static final String USER = "aftercare";
    private static final String SECRET = "demo-secret";

    /**
     * Demo agents and the queues they serve, logged in at start (agent2 paused for training). Everyone takes general
     * support, where the route sends about two callers in three, and every other queue has two or three agents, so a
     * caller rarely waits for one busy specialist.
     */
    static final List<SimAgent> AGENTS = List.of(
            new SimAgent("Local/agent1@agents", "Agent One", List.of("general-support", "onboarding", "returns", "vip"),
                    null),
            new SimAgent("Local/agent2@agents", "Agent Two", List.of("general-support", "technical", "repairs",
                    "onboarding"), "training"),
            new SimAgent("Local/agent3@agents", "Agent Three", List.of("general-support", "vip", "onboarding",
                    "repairs"), null),
            new SimAgent("Local/agent4@agents", "Agent Four", List.of("general-support", "returns", "repairs",
                    "technical"), null),
            new SimAgent("Local/agent5@agents", "Agent Five", List.of("general-support", "repairs", "technical",
                    "returns"), null),
            new SimAgent("Local/agent6@agents", "Agent Six", List.of("general-support", "supervisors", "vip",
                    "onboarding", "returns"), null));

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
            SimulatedAmiServer server = configure(SimulatedAmiServer.builder(), clock)
                    .listsEmittedChannels().start(); // the channel check every minute sees the simulated calls
            return new DemoPbx(server, Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("demo-pbx-", 0)
                    .daemon(true).factory()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo PBX", e);
        }
    }

    /**
     * The demo PBX's AMI account and app_queue: the demo's queues with dialplan/queues.conf.sample's strategies and
     * {@code ringinuse = no}.
     */
    static <S extends SimulatedAmiServer> AmiServerBuilder<S> configure(AmiServerBuilder<S> builder, Clock clock) {
        Map<String, String> queues = new LinkedHashMap<>();
        Catalog.QUEUES.forEach(q -> queues.put((String) q[0], "rrmemory"));
        queues.put("vip", "leastrecent");
        return builder.credentials(USER, SECRET).clock(clock).queues(queues).ringInUse(false);
    }

    public AftercareConfig.Ami amiConfig(AftercareConfig.Ami base) {
        return new AftercareConfig.Ami(base.pbxId(), "127.0.0.1", ami.port(), USER, SECRET, base.reconnectInitial(),
                base.reconnectMax(), base.pingInterval()).withReconcileInterval(base.reconcileInterval());
    }

    /**
     * Starts placing calls from demo customers' numbers to the FastAGI server at {@code agiPort}, {@code callsPerHour}
     * of PBX time, {@code speed} times faster than the wall clock, and the floor of agents answering them; the floor
     * acts through aftercare's HTTP API at {@code http} and leaves alone an agent {@code attended} says a person has
     * the console of.
     */
    public void startCalls(Jdbi jdbi, String agiHost, int agiPort, URI http, Predicate<String> attended, long seed,
                           int callsPerHour, int speed, Clock clock) {
        List<String> numbers = jdbi.withHandle(h -> h.createQuery(
                "SELECT e164 FROM customer_phones ORDER BY e164 LIMIT 2000").mapTo(String.class).list());
        simulator = simulator(ami, numbers, seed).agi(agiHost, agiPort).clock(clock).scheduler(scheduler)
                .callsPerMinute(callsPerHour / 60.0).speed(speed).build();
        DemoFloor floor = new DemoFloor(simulator, AGENTS, new ConsoleDesk(http, seed), attended,
                DemoFloor.Habits.AFTER_SALES, seed);
        simulator.start();
        floor.start();
    }

    /**
     * The demo's PBX simulator before its FastAGI server, clock, scheduler, rate and speed are set: the demo agents,
     * after-sales calls, and callers drawn from {@code numbers} (one in ten an unknown number).
     */
    static PbxSimulatorBuilder simulator(SimulatedAmiServer ami, List<String> numbers, long seed) {
        Random random = new Random(seed);
        // Callers present national numbers for their own country, the way carriers deliver them; some are unknown.
        List<String> unknown = List.of("+13125550199", "+12025550100", "+16175550123");
        return PbxSimulator.builder(ami)
                .callers(() -> {
                    synchronized (random) {
                        if (numbers.isEmpty() || random.nextInt(10) == 0) {
                            return CallerId.number(unknown.get(random.nextInt(unknown.size())));
                        }
                        return CallerId.number(numbers.get(random.nextInt(numbers.size())));
                    }
                })
                .agents(AGENTS).mix(CallMix.AFTER_SALES).seed(seed);
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
