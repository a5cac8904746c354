package io.aftercare.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.agents.AfterCallWorkPolicy;
import io.aftercare.ami.CapturedEvents;
import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentStateChange;
import io.aftercare.calls.CallTrackingService;
import io.aftercare.config.ConfigLoader;
import io.aftercare.fake.AmiPacket;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.ManualScheduler;
import io.aftercare.fake.PbxSimulator;
import io.aftercare.metrics.CallFacts;
import io.aftercare.metrics.CallMetrics;
import io.aftercare.metrics.MetricsLoader;
import io.aftercare.metrics.Occupancy;
import io.aftercare.metrics.QueueFigures;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.AgentCommands;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo floor as {@code aftercare demo} runs it (its PBX, agents, after-sales calls at the shipped rate through
 * the real route, its agents' habits), for a quarter of an hour to fill up and then four hours of PBX time, measured
 * by aftercare: occupancy from the agent states it stored, time-outs and abandons from the calls it stored. Time is
 * the scheduler's: an hour runs in about a second. The PBX's events reach call tracking in-process (asterisk-java's own event
 * builder, then the AMI translator) and the after-call-work pauses go straight back to the fake's app_queue, so every
 * reaction lands before the PBX's next step, as a real link's few milliseconds do; the floor's desk ends after-call
 * work as a disposition does.
 */
class DemoFloorIntegrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFloorIntegrationTest.class);
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    /** The floor starts empty: a quarter of an hour fills it before measuring. */
    private static final Duration WARM_UP = Duration.ofMinutes(15);
    /** One hour's Poisson arrivals swing by 12% (and occupancy with them): the calibration is judged over four. */
    private static final Duration SHIFT = Duration.ofHours(4);
    private static final String PBX = "pbx1";

    @TempDir
    Path dir;

    private final ManualScheduler scheduler = new ManualScheduler(START);
    private final ConcurrentLinkedQueue<AmiPacket> emitted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> actions = new ConcurrentLinkedQueue<>();
    private final List<String> problems = new ArrayList<>();
    private CallTrackingService tracking;
    /** Something was handed to call tracking (an event, a disposition) since the last settle. */
    private boolean asked = true;

    @Test
    void demoFloorIsAbout70PercentOccupiedWithFewTimeOutsAndNeverRingsAPausedOrBusyAgent() throws Exception {
        TestDatabases.TestDb db = TestDatabases.sqlite(dir);
        try (Database data = Database.open(db.config())) { // as `aftercare demo`: the data before the service
            data.migrate();
            new DemoDataGenerator(data.jdbi(), scheduler.clock(), 42).generate(500);
        }
        int callsPerHour = ConfigLoader.defaults().demo().callsPerHour();
        long seed = 42;
        Map<String, Integer> pauses = new HashMap<>();
        try (TestApp app = new TestApp(db, scheduler.clock());
             FakeAmiServer pbx = DemoPbx.configure(FakeAmiServer.builder(), scheduler.clock()).start()) {
            tracking = app.app().calls().tracking();
            AgentCommands commands = new InProcessCommands(pbx);
            tracking.addListener(new AfterCallWorkPolicy(commands));
            pbx.onBroadcast(emitted::add);
            pbx.onBroadcast(new FloorRules(pauses, problems::add));
            List<String> numbers = app.app().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT e164 FROM customer_phones ORDER BY e164 LIMIT 2000").mapTo(String.class).list());
            PbxSimulator sim = DemoPbx.simulator(pbx, numbers, seed).agi("127.0.0.1", app.app().agiPort())
                    .clock(scheduler.clock()).scheduler(scheduler).callsPerMinute(callsPerHour / 60.0).build();
            DemoFloor floor = new DemoFloor(sim, DemoPbx.AGENTS, new Desk(commands), iface -> false,
                    DemoFloor.Habits.AFTER_SALES, seed);
            scheduler.afterEach(this::settle);
            sim.start();
            floor.start();
            settle();

            Duration run = WARM_UP.plus(SHIFT);
            for (long s = 0; s < run.toSeconds(); s++) {
                scheduler.advance(Duration.ofSeconds(1));
                if (s % 5 == 0) {
                    tracking.ask(t -> {
                        t.agents().expireWrapups(); // the tracker's own check (every second), on PBX time
                        return null;
                    }).join();
                    asked = true;
                    settle();
                }
            }
            sim.stop();
            settle();
        } // closing the service stores every record
        Instant from = START.plus(WARM_UP);
        Instant to = from.plus(SHIFT);
        try (Database data = Database.open(db.config())) {
            MetricsLoader metrics = new MetricsLoader(data.jdbi());
            List<AgentStateChange> states = metrics.agentStates(from, to);
            Map<String, Occupancy.Figures> agents = Occupancy.of(states, from, to, to);
            Occupancy.Figures team = Occupancy.total(agents);
            List<CallFacts> offered = CallMetrics.offeredIn(metrics.calls(from, to), from, to);
            QueueFigures calls = CallMetrics.queue(offered, metrics.rules());
            double timeOuts = (double) calls.timedOut() / calls.offered();
            double abandons = (double) (calls.abandoned() + calls.shortAbandoned()) / calls.offered();
            LOG.info("demo floor, {} h at {} calls an hour: occupancy {} ({}; {} agent-hours available), offered {},"
                    + " answered {}, time-outs {}, abandons {}, ASA {} s, AHT {} s, service level {}; pauses {};"
                    + " offered/timed out/abandoned by queue {}", SHIFT.toHours(), callsPerHour, team.occupancy(),
                    agents.values().stream().map(a -> a.agent() + " " + Math.round(100 * a.occupancy()) + "%").toList(),
                    team.availableMillis() / 3_600_000, calls.offered(), calls.answered(), timeOuts, abandons,
                    calls.asaMillis() / 1000, calls.ahtMillis() / 1000, calls.serviceLevelOffered(), pauses,
                    CallMetrics.byQueue(offered, metrics.rules()).entrySet().stream().map(e -> e.getKey() + " "
                            + e.getValue().offered() + "/" + e.getValue().timedOut() + "/" + e.getValue().abandoned())
                            .toList());

            assertThat(problems).as("app_queue rang a member it must not ring").isEmpty();
            assertThat(agents).hasSize(DemoPbx.AGENTS.size());
            // 0.75 for this seed; 0.67 to 0.73 over six hours with other seeds: doc/demo.md says why six agents and
            // Queue()'s 60 s cap keep the floor at the low end of 70-85%.
            assertThat(team.occupancy()).as("team occupancy").isBetween(0.66, 0.85);
            assertThat(calls.offered()).isBetween(SHIFT.toHours() * callsPerHour * 4 / 5,
                    SHIFT.toHours() * callsPerHour * 6 / 5);
            assertThat(timeOuts).as("time-outs").isLessThanOrEqualTo(0.08);
            assertThat(abandons).as("abandons").isGreaterThan(0).isLessThanOrEqualTo(0.10);
            assertThat(pauses.keySet()).as("after-call work, and breaks with their reasons").contains("acw", "break");
            assertThat(states).as("agents came back from their breaks").anyMatch(s -> s.state() == AgentState.PAUSED
                    && s.reason().equals("break")).anyMatch(s -> s.state() == AgentState.READY);
        }
    }

    /**
     * Lets everything the last step set off land: the PBX's events through call tracking, then the pauses tracking
     * decided, whose events go round again, until nothing moves.
     */
    private void settle() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (AmiPacket p = emitted.poll(); p != null; p = emitted.poll()) {
                PbxEvent event = CapturedEvents.translated(PBX, p);
                if (event != null) {
                    tracking.accept(event);
                    asked = true;
                }
            }
            if (!asked) {
                return; // nothing handed to tracking since it last settled
            }
            asked = false;
            tracking.ask(t -> null).join();
            for (Runnable action = actions.poll(); action != null; action = actions.poll()) {
                action.run();
                moved = true;
            }
        }
    }

    /** aftercare's AMI commands, carried out on the fake's app_queue when the test settles, as QueuePause would be. */
    private final class InProcessCommands implements AgentCommands {
        private final FakeAmiServer pbx;

        InProcessCommands(FakeAmiServer pbx) {
            this.pbx = pbx;
        }

        @Override
        public CompletionStage<Void> pause(String pbxId, String queue, String iface, boolean paused, String reason) {
            actions.add(() -> {
                if (!pbx.queuePause(iface, queue == null ? "" : queue, paused, reason)) {
                    problems.add("QueuePause refused: " + iface + " in '" + queue + "'");
                }
            });
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> add(String pbxId, String queue, String iface, String memberName,
                                         String stateInterface, int penalty, boolean paused, String reason) {
            throw new UnsupportedOperationException("the floor never logs agents in");
        }

        @Override
        public CompletionStage<Void> remove(String pbxId, String queue, String iface) {
            throw new UnsupportedOperationException("the floor never logs agents out");
        }
    }

    /** The floor's desk as the console's requests end: pauses through AMI, a disposition ending after-call work. */
    private final class Desk implements DemoFloor.Desk {
        private final AgentCommands commands;

        Desk(AgentCommands commands) {
            this.commands = commands;
        }

        @Override
        public CompletionStage<?> dispose(String iface, String linkedId) {
            asked = true;
            return tracking.dispose(PBX, iface);
        }

        @Override
        public CompletionStage<?> pause(String iface, String reason) {
            return commands.pause(PBX, "", iface, true, reason);
        }

        @Override
        public CompletionStage<?> unpause(String iface) {
            return commands.pause(PBX, "", iface, false, "");
        }
    }

    /**
     * Watches the PBX's own reports: app_queue must ring (AgentCalled) only a member of the queue who is not paused
     * and whose phone is free ({@code ringinuse = no}); counts the pauses by reason.
     */
    private static final class FloorRules implements Consumer<AmiPacket> {
        /** Each membership's last Paused/Status/Ringinuse, by queue and interface. */
        private final Map<String, String> members = new HashMap<>();
        private final java.util.Set<String> paused = new java.util.HashSet<>();
        private final Map<String, Integer> pauses;
        private final Consumer<String> problem;

        FloorRules(Map<String, Integer> pauses, Consumer<String> problem) {
            this.pauses = pauses;
            this.problem = problem;
        }

        @Override
        public void accept(AmiPacket e) {
            String key = e.getOrEmpty("Queue") + " " + e.getOrEmpty("Interface");
            switch (e.type()) {
                case "QueueMemberAdded", "QueueMemberPause", "QueueMemberStatus" -> {
                    members.put(key, e.getOrEmpty("Paused") + "/" + e.getOrEmpty("Status") + "/"
                            + e.getOrEmpty("Ringinuse"));
                    // one QueuePause pauses every queue of the agent: count it once
                    if (e.type().equals("QueueMemberPause") && e.getOrEmpty("Paused").equals("1")
                            && paused.add(e.getOrEmpty("Interface") + " " + e.getOrEmpty("LastPause"))) {
                        pauses.merge(e.getOrEmpty("PausedReason"), 1, Integer::sum);
                    }
                }
                case "QueueMemberRemoved" -> members.remove(key);
                case "AgentCalled" -> {
                    String member = members.get(key);
                    if (!"0/1/0".equals(member)) {
                        problem.accept("rang " + key + " at " + e.getOrEmpty("Timestamp") + " (paused/status/ringinuse "
                                + member + ")");
                    }
                }
                default -> { }
            }
        }
    }
}
