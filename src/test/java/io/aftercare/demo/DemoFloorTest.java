package io.aftercare.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.fake.CallPlan;
import io.aftercare.fake.CallerId;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.ManualScheduler;
import io.aftercare.fake.PbxSimulator;
import io.aftercare.fake.SimAgent;
import io.aftercare.fake.Spread;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo floor's agents at their desks, against the simulated PBX alone: what they do, and when. */
class DemoFloorTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ONE = "Local/agent1@agents";
    private static final String TWO = "Local/agent2@agents";
    private static final String THREE = "Local/agent3@agents";

    private final ManualScheduler scheduler = new ManualScheduler(START);
    private final List<String> desk = new CopyOnWriteArrayList<>();
    private FakeAmiServer pbx;
    private PbxSimulator sim;

    @AfterEach
    void stop() {
        sim.stop();
        pbx.close();
    }

    private DemoFloor floor(List<SimAgent> agents, DemoFloor.Habits habits, List<String> attended, double perMinute)
            throws Exception {
        pbx = DemoPbx.configure(FakeAmiServer.builder(), scheduler.clock()).start();
        sim = PbxSimulator.builder(pbx).agents(agents).clock(scheduler.clock()).scheduler(scheduler).seed(3)
                .callsPerMinute(perMinute).callers(() -> CallerId.number("2025550100")).build();
        return new DemoFloor(sim, agents, new Desk(), attended::contains, habits, 3);
    }

    private static SimAgent agent(String iface) {
        return new SimAgent(iface, iface.substring(6, 12), List.of("general-support"));
    }

    private static DemoFloor.Habits habits(Duration wrapUp, Duration betweenBreaks, Duration breakLength) {
        Spread w = new Spread(wrapUp, wrapUp, wrapUp);
        return new DemoFloor.Habits(w, w, new Spread(betweenBreaks, betweenBreaks, betweenBreaks),
                Map.of("break", new DemoFloor.Break(1, new Spread(breakLength, breakLength, breakLength))));
    }

    @Test
    void agentWithTheConsoleOpenIsLeftToThePersonTheOthersWriteUpEveryCallAndTakeBreaks() throws Exception {
        floor(List.of(agent(ONE), agent(TWO)), DemoFloor.Habits.AFTER_SALES, List.of(ONE), 1).start();
        sim.start();
        scheduler.advance(Duration.ofHours(3));

        assertThat(desk).noneMatch(line -> line.contains(ONE));
        assertThat(desk).anyMatch(line -> line.startsWith("dispose " + TWO))
                .anyMatch(line -> line.startsWith("pause " + TWO))
                .anyMatch(line -> line.startsWith("unpause " + TWO));
    }

    @Test
    void breakDueDuringACallIsTakenAfterItsWriteUpJustBeforeTheDisposition() throws Exception {
        DemoFloor floor = floor(List.of(agent(ONE)), habits(Duration.ofSeconds(20), Duration.ofSeconds(1),
                Duration.ofMinutes(10)), List.of(), 0);
        List<Instant> talkEnded = new CopyOnWriteArrayList<>();
        sim.onTalkEnded(ended -> talkEnded.add(ended.at()));
        var call = sim.placeCall(CallerId.number("2025550100"), CallPlan.answered(Duration.ofSeconds(60)));
        floor.start(); // the break comes due within a second, while the call rings
        scheduler.advance(Duration.ofMinutes(2));

        String writtenUp = time(talkEnded.get(0).plusSeconds(20));
        assertThat(desk).containsExactly("pause " + ONE + " break at " + writtenUp,
                "dispose " + ONE + " " + call.join().linkedid() + " at " + writtenUp);
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(desk.get(2)).isEqualTo("unpause " + ONE + " at " + time(talkEnded.get(0).plusSeconds(620)));
    }

    @Test
    void oneAgentIsAwayAtATime() throws Exception {
        floor(List.of(agent(ONE), agent(TWO), agent(THREE)), habits(Duration.ofSeconds(20), Duration.ofSeconds(30),
                Duration.ofMinutes(5)), List.of(), 0).start();
        scheduler.advance(Duration.ofMinutes(40));

        int away = 0;
        for (String line : desk) {
            away += line.startsWith("pause") ? 1 : line.startsWith("unpause") ? -1 : 0;
            assertThat(away).as(desk.toString()).isBetween(0, 1);
        }
        assertThat(desk.stream().filter(line -> line.startsWith("pause")).map(line -> line.split(" ")[1]).distinct())
                .containsExactlyInAnyOrder(ONE, TWO, THREE);
    }

    private static String time(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString().substring(11);
    }

    /** Records what the floor did, and pauses on the PBX as aftercare's console route would. */
    private final class Desk implements DemoFloor.Desk {
        @Override
        public CompletionStage<?> dispose(String iface, String linkedId) {
            return record("dispose " + iface + " " + linkedId);
        }

        @Override
        public CompletionStage<?> pause(String iface, String reason) {
            pbx.queuePause(iface, "", true, reason);
            return record("pause " + iface + " " + reason);
        }

        @Override
        public CompletionStage<?> unpause(String iface) {
            pbx.queuePause(iface, "", false, "");
            return record("unpause " + iface);
        }

        private CompletionStage<?> record(String what) {
            desk.add(what + " at " + time(scheduler.clock().instant()));
            return CompletableFuture.completedFuture(null);
        }
    }
}
