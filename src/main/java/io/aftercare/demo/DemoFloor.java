package io.aftercare.demo;

import io.aftercare.fake.PbxSimulator;
import io.aftercare.fake.SimAgent;
import io.aftercare.fake.Spread;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's agents at their desks, as the PBX simulator's phones cannot be: when a talk ends, the agent writes up
 * the call for a while and saves a disposition (which ends aftercare's after-call work, as the console's form does),
 * quicker when callers are waiting in their queues; now and then they take a break, lunch or training, paused with
 * that reason, and come back. As on a managed floor, one agent is off the phones at a time, and a break is put off
 * while they are on a call or callers wait. They act only through
 * a {@link Desk}, aftercare's API as the console uses it. An agent whose console a person has open ({@code attended})
 * is that person's: the floor neither disposes their calls nor pauses them, and a break of the floor's they are on
 * then is theirs to end. Times are PBX time, on the simulator's scheduler. Thread-safe.
 */
public final class DemoFloor {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFloor.class);

    /** What an agent does at the console, each answered when aftercare has done it. Thread-safe. */
    public interface Desk {
        /** Saves a disposition of call {@code linkedId} (which ends the agent's after-call work). */
        CompletionStage<?> dispose(String iface, String linkedId);

        /** Pauses the agent in every queue with {@code reason}. */
        CompletionStage<?> pause(String iface, String reason);

        /** Unpauses the agent in every queue. */
        CompletionStage<?> unpause(String iface);
    }

    /**
     * How the agents behave, in PBX time.
     *
     * @param wrapUp        from the end of a talk to the disposition
     * @param hurriedWrapUp the same when callers are waiting in the agent's queues as the talk ends
     * @param betweenBreaks from coming back to the next pause
     * @param breaks        the pause reasons with their share (summing to 1) and length
     */
    public record Habits(Spread wrapUp, Spread hurriedWrapUp, Spread betweenBreaks, Map<String, Break> breaks) {
        /**
         * After-sales agents: 10 s to 2.5 min of notes after a call (mean 35 s), 5 to 45 s (mean 15 s) when callers
         * wait; a pause about every 70 min of work: a break (60%, mean 10 min), lunch (20%, mean 30 min) or training
         * (20%, mean 20 min): about a sixth of the time paused.
         */
        public static final Habits AFTER_SALES = new Habits(Spread.seconds(10, 35, 150), Spread.seconds(5, 15, 45),
                Spread.minutes(25, 70, 180),
                Map.of("break", new Break(0.6, Spread.minutes(5, 10, 15)), "lunch", new Break(0.2,
                        Spread.minutes(20, 30, 45)), "training", new Break(0.2, Spread.minutes(10, 20, 30))));

        public Habits {
            breaks = Collections.unmodifiableSortedMap(new TreeMap<>(breaks)); // drawn in a stable order
            if (Math.abs(breaks.values().stream().mapToDouble(Break::share).sum() - 1) > 1e-9) {
                throw new IllegalArgumentException("break shares must add up to 1");
            }
        }
    }

    /** A kind of pause: its share of all pauses and its length. */
    public record Break(double share, Spread length) {}

    /** One agent as the floor plays them; guarded by the floor's lock. */
    private static final class Agent {
        final String iface;
        /** Talks ended whose disposition is not saved yet. */
        int wrapUps;
        /** A pause came due while they were busy: they take it after a call's write-up when no caller waits. */
        boolean breakDue;
        /** On a pause of the floor's now. */
        boolean away;

        Agent(String iface) {
            this.iface = iface;
        }
    }

    private final PbxSimulator pbx;
    private final Desk desk;
    private final Predicate<String> attended;
    private final Habits habits;
    private final Random random;
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final List<SimAgent> roster;

    /**
     * @param roster   the agents the floor plays (as the simulator logged them in, paused or not)
     * @param attended whether a person has the agent's console open now
     */
    public DemoFloor(PbxSimulator pbx, List<SimAgent> roster, Desk desk, Predicate<String> attended, Habits habits,
                     long seed) {
        this.pbx = pbx;
        this.desk = desk;
        this.attended = attended;
        this.habits = habits;
        this.random = new Random(seed);
        this.roster = List.copyOf(roster);
        roster.forEach(a -> agents.put(a.iface(), new Agent(a.iface())));
    }

    /**
     * Starts playing the agents: an agent paused at start comes back after a while of that pause, the others take
     * their first pause at some point within the usual time between breaks (staggered), and each talk's end is
     * written up.
     */
    public synchronized void start() {
        pbx.onTalkEnded(ended -> talkEnded(ended.iface(), ended.linkedid()));
        for (SimAgent a : roster) {
            Agent agent = agents.get(a.iface());
            if (a.pausedAtStart()) {
                agent.away = true;
                Break b = habits.breaks().get(a.pausedReason());
                Duration left = (b == null ? habits.breaks().values().iterator().next() : b).length().draw(random);
                pbx.after(left.dividedBy(2), () -> back(agent));
            } else {
                pbx.after(habits.betweenBreaks().mean().multipliedBy(random.nextInt(1000)).dividedBy(1000),
                        () -> breakTime(agent));
            }
        }
    }

    private synchronized void talkEnded(String iface, String linkedId) {
        Agent a = agents.get(iface);
        if (a == null) {
            return; // not an agent of the floor's
        }
        a.wrapUps++;
        Spread wrapUp = pbx.callersWaitingFor(iface) > 0 ? habits.hurriedWrapUp() : habits.wrapUp();
        pbx.after(wrapUp.draw(random), () -> wrapUpDone(a, linkedId));
    }

    private synchronized void wrapUpDone(Agent a, String linkedId) {
        a.wrapUps--;
        if (attended.test(a.iface)) {
            return; // the person at the console fills in the form, or lets the queue's wrap-up timeout end it
        }
        CompletionStage<?> first = CompletableFuture.completedFuture(null);
        if (a.breakDue && a.wrapUps == 0 && pbx.callersWaitingFor(a.iface) == 0 && nobodyAway()) {
            a.breakDue = false; // paused before the form is saved, so after-call work runs straight into the break
            first = takeBreak(a);
        }
        first.thenCompose(x -> desk.dispose(a.iface, linkedId))
                .whenComplete((x, failure) -> logFailure(failure, "dispose call " + linkedId + " of", a));
    }

    private synchronized void breakTime(Agent a) {
        if (attended.test(a.iface)) {
            pbx.after(habits.betweenBreaks().draw(random), () -> breakTime(a)); // the person decides their breaks
        } else if (a.wrapUps > 0 || pbx.onThePhone(a.iface)) {
            a.breakDue = true; // taken after this call's write-up
        } else if (pbx.callersWaitingFor(a.iface) > 0 || !nobodyAway()) {
            pbx.after(Duration.ofMinutes(1), () -> breakTime(a)); // not while callers wait: look again in a minute
        } else {
            takeBreak(a);
        }
    }

    private boolean nobodyAway() {
        return agents.values().stream().noneMatch(x -> x.away);
    }

    private CompletionStage<?> takeBreak(Agent a) {
        a.away = true;
        double r = random.nextDouble();
        String reason = null;
        Break kind = null;
        for (Map.Entry<String, Break> e : habits.breaks().entrySet()) {
            reason = e.getKey();
            kind = e.getValue();
            r -= kind.share();
            if (r < 0) {
                break;
            }
        }
        pbx.after(kind.length().draw(random), () -> back(a));
        String why = reason;
        return desk.pause(a.iface, why).whenComplete((x, failure) -> logFailure(failure, "pause (" + why + ")", a));
    }

    private synchronized void back(Agent a) {
        a.away = false;
        if (!attended.test(a.iface)) { // else the person at the console ends the pause
            desk.unpause(a.iface).whenComplete((x, failure) -> logFailure(failure, "unpause", a));
        }
        pbx.after(habits.betweenBreaks().draw(random), () -> breakTime(a));
    }

    private static void logFailure(Throwable failure, String what, Agent a) {
        if (failure != null) {
            LOG.warn("demo floor: could not {} {}: {}", what, a.iface, failure.getMessage());
        }
    }
}
