package io.aftercare.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated inbound call through {@code [hotline]} (AGI route, then Queue), emitting the events
 * ami-inbound-queue.txt shows for such a call step by step on the simulator's scheduler; not
 * thread-safe on its own: every step runs under the simulator's lock.
 */
final class SimulatedCall {

    /** The dialplan's Queue(...,60) timeout. */
    private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(60);
    /** queues.conf timeout: how long one agent rings before app_queue gives up on it. */
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(15);
    /** queues.conf retry: pause before trying the next agent. */
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final PbxSimulator sim;
    private final SimEvents ev;
    private final CallerId caller;
    private final CallPlan plan;
    private final CompletableFuture<CallSummary> done = new CompletableFuture<>();
    /** The ;1 half of the caller's Local pair: stands for the trunk side. */
    private final SimChannel trunk;
    /** The ;2 half: runs [hotline] and waits in the queue. */
    private final SimChannel inbound;
    private final List<String> queues = new ArrayList<>();
    private final List<String> agentsAnswered = new ArrayList<>();
    /** Interfaces that let this call ring out: app_queue tries the others first. */
    private final Set<String> declined = new HashSet<>();
    private boolean agiFailed;
    private String queue;
    private int originalPosition;
    private Instant joinedAt;
    private Instant dialedAt;
    private Instant answeredAt;
    private boolean transferred;
    private boolean inQueue;
    private boolean timedOut;
    private boolean finished;
    private SimAgentLeg leg;

    SimulatedCall(PbxSimulator sim, CallerId caller, CallPlan plan) {
        this.sim = sim;
        this.ev = sim.events();
        this.caller = caller;
        this.plan = plan;
        SimChannel[] pair = sim.localPair("1800", "hotline", null);
        this.trunk = pair[0];
        this.inbound = pair[1];
    }

    CompletableFuture<CallSummary> done() {
        return done;
    }

    /** Newchannel pair, caller ID, LocalBridge, NoOp, Answer: as the transcript's first call begins. */
    void begin() {
        ev.newchannel(trunk);
        ev.newchannel(inbound);
        ev.newexten(trunk, 1, "AppDial2", "(Outgoing Line)");
        trunk.caller(caller);
        ev.newCallerid(trunk);
        trunk.connected(caller);
        ev.newConnectedLine(trunk);
        inbound.caller(caller);
        inbound.connected(caller);
        ev.newCallerid(inbound);
        ev.newConnectedLine(inbound);
        ev.localBridge(trunk, inbound);
        ev.newexten(inbound, 1, "NoOp", "inbound " + caller.agiNumber());
        ev.newexten(inbound, 2, "Answer", "");
        ev.newstate(inbound, SimChannel.UP);
        ev.newstate(trunk, SimChannel.UP);
        ev.device("Local/1800@hotline", "INUSE");
        ev.device("Local/1800@hotline", "INUSE");
        sim.scheduleBlocking(this, Duration.ofMillis(500), this::route);
    }

    /** Runs the dialplan's AGI steps off the lock (socket I/O); returns what to emit under the lock. */
    Runnable route() {
        SimulatedDialplan.Played played = SimulatedDialplan.play(sim, caller, inbound);
        return () -> routed(played);
    }

    private void routed(SimulatedDialplan.Played played) {
        agiFailed = played.agiFailed();
        String target = played.emit(ev, inbound, sim);
        ev.newexten(inbound, 3 + played.steps().size(), "Queue", target + ",,,,60");
        for (String v : List.of("ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "QUEUEWAIT", "QUEUEWAIT_MS")) {
            ev.varSet(inbound, v, "");
        }
        join(target);
    }

    private void join(String target) {
        queue = target;
        queues.add(target);
        int count = sim.queues().join(target, this);
        originalPosition = count;
        inQueue = true;
        ev.device("Queue:" + target, "RINGING");
        joinedAt = ev.queue("QueueCallerJoin", inbound, "Queue", target, "Position", Integer.toString(count),
                "Count", Integer.toString(count));
        ev.musicOnHoldStart(inbound);
        if (plan.outcome() == CallPlan.Outcome.ABANDONED) {
            sim.schedule(this, plan.patience(), this::abandon);
        } else {
            sim.schedule(this, transferred ? Duration.ZERO : plan.queueWait(), this::tryRing);
        }
    }

    /**
     * app_queue's attempt to ring a member, every {@link #RETRY} while none is free or callers ahead take the free ones
     * (first come, first served); the caller hangs up once their patience is out (first ones), the dialplan's Queue()
     * timeout ends the wait otherwise. Both count in PBX time.
     */
    private void tryRing() {
        Duration waited = sim.pbxTimeSince(joinedAt);
        boolean patient = plan.patience().isZero() || transferred;
        if (!patient && waited.compareTo(plan.patience()) >= 0 && plan.patience().compareTo(QUEUE_TIMEOUT) < 0) {
            abandon();
            return;
        }
        if (waited.compareTo(QUEUE_TIMEOUT) >= 0) {
            timeout();
            return;
        }
        SimAgent agent = sim.queues().ourTurn(queue, this) ? sim.queues().seizeFreeAgent(queue, declined) : null;
        if (agent == null && !declined.isEmpty() && sim.queues().ourTurn(queue, this)) {
            agent = sim.queues().seizeFreeAgent(queue, Set.of()); // nobody else is free: app_queue rings them again
        }
        if (agent == null) {
            sim.schedule(this, RETRY, this::tryRing);
            return;
        }
        ring(agent);
    }

    private void ring(SimAgent agent) {
        leg = SimAgentLeg.ring(sim, inbound, caller, queue, agent);
        if (dialedAt == null) {
            dialedAt = leg.calledAt;
        }
        if (plan.ringNoAnswer() && declined.isEmpty() && !transferred) {
            sim.schedule(this, AGENT_TIMEOUT, this::ringNoAnswer);
        } else {
            sim.schedule(this, plan.ring(), this::answer);
        }
    }

    private void ringNoAnswer() {
        leg.noAnswer(ev, inbound, queue, sim.now());
        declined.add(leg.agent.iface());
        sim.queues().release(leg.agent);
        leg = null;
        sim.schedule(this, RETRY, this::tryRing);
    }

    private void answer() {
        leg.pickUp(ev, inbound, caller);
        ev.musicOnHoldStop(inbound);
        ev.device("Queue:" + queue, "NOT_INUSE");
        int position = leaveQueue();
        Instant now = sim.now();
        long holdTime = now.getEpochSecond() - joinedAt.getEpochSecond();
        long ringTime = now.getEpochSecond() - leg.calledAt.getEpochSecond();
        ev.queue("QueueCallerLeave", inbound, "Queue", queue, "Position", Integer.toString(position),
                "Count", Integer.toString(sim.queues().count(queue)));
        ev.varSet(inbound, "QUEUEPOSITION", Integer.toString(position));
        ev.varSet(inbound, "QUEUEWAIT", Long.toString(holdTime));
        ev.varSet(inbound, "QUEUEWAIT_MS", Long.toString(Duration.between(joinedAt, now).toMillis()));
        leg.connectedAt = ev.agent("AgentConnect", inbound, leg.one, "Queue", queue, "Interface", leg.agent.iface(),
                "MemberName", leg.agent.memberName(), "HoldTime", Long.toString(holdTime), "RingTime", Long.toString(ringTime));
        if (answeredAt == null) {
            answeredAt = leg.connectedAt;
        }
        agentsAnswered.add(leg.agent.memberName());
        leg.bridgeWith(ev, inbound, sim.nextBridgeId());
        Duration talk = transferred ? plan.talkAfterTransfer() : plan.talk();
        ev.newexten(leg.two, 2, "Wait", Long.toString(Math.max(1, talk.toSeconds())));
        if (plan.held() && !transferred) {
            sim.schedule(this, plan.holdAfter(), this::hold);
        }
        if (plan.outcome() == CallPlan.Outcome.TRANSFERRED && !transferred) {
            sim.schedule(this, talk, this::transfer);
        } else if (plan.agentHangsUp()) {
            sim.schedule(this, talk, this::agentHangsUp);
        } else {
            sim.schedule(this, talk, this::callerHangsUp);
        }
    }

    private void hold() {
        // The brief puts Hold on the caller's channel; the caller then hears music on hold.
        ev.channel("Hold", "call,all", inbound, "MusicClass", "default");
        ev.musicOnHoldStart(inbound);
        sim.schedule(this, plan.hold(), () -> {
            ev.musicOnHoldStop(inbound);
            ev.channel("Unhold", "call,all", inbound);
        });
    }

    /** The agent's side hangs up first, exactly in the transcript's order for its first call. */
    private void agentHangsUp() {
        ev.newexten(leg.two, 3, "Hangup", "");
        ev.softHangupRequest(leg.two);
        ev.hangupRequest(leg.one);
        ev.hangup(leg.two);
        agentComplete("agent");
        leg.clearPeers(ev, inbound);
        leg.leave(ev, leg.one);
        ev.hangup(leg.one);
        leg.idle(queue);
        leg.leave(ev, inbound);
        leg.destroyBridge(ev);
        answeredVars();
        releaseLeg();
        hangupCallerFromQueueSide();
    }

    private void callerHangsUp() {
        ev.softHangupRequest(trunk);
        ev.hangupRequest(inbound);
        ev.hangup(trunk);
        leg.leave(ev, inbound);
        agentComplete("caller");
        leg.clearPeers(ev, inbound);
        answeredVars();
        ev.softHangupRequest(inbound);
        ev.hangup(inbound);
        leg.leave(ev, leg.one);
        leg.destroyBridge(ev);
        ev.hangupRequest(leg.two);
        ev.hangup(leg.one);
        ev.softHangupRequest(leg.two);
        ev.hangup(leg.two);
        leg.idle(queue);
        ev.device("Local/1800@hotline", "NOT_INUSE");
        ev.device("Local/1800@hotline", "NOT_INUSE");
        releaseLeg();
        finish(CallPlan.Outcome.ANSWERED);
    }

    /** The agent blind-transfers the caller to another queue; the caller's ;2 leg runs Queue() there. */
    private void transfer() {
        String target = sim.transferTarget(queue, leg.agent);
        ev.blindTransfer(leg.one, inbound, leg.bridge(), sim.transferContext(), target);
        agentComplete("transfer");
        leg.clearPeers(ev, inbound);
        leg.leave(ev, inbound);
        leg.leave(ev, leg.one);
        leg.destroyBridge(ev);
        ev.softHangupRequest(leg.one);
        ev.hangupRequest(leg.two);
        ev.hangup(leg.one);
        ev.hangup(leg.two);
        leg.idle(queue);
        declined.clear();
        declined.add(leg.agent.iface());
        String transferer = leg.one.name;
        releaseLeg();
        transferred = true;
        inbound.context = sim.transferContext();
        inbound.exten = target;
        ev.varSet(inbound, "BLINDTRANSFER", transferer);
        ev.newexten(inbound, 1, "Queue", target + ",,,,60");
        join(target);
    }

    private void abandon() {
        ev.softHangupRequest(trunk);
        ev.hangupRequest(inbound);
        ev.hangup(trunk);
        ev.musicOnHoldStop(inbound);
        Instant now = sim.now();
        long holdTime = now.getEpochSecond() - joinedAt.getEpochSecond();
        ev.varSet(inbound, "QUEUEWAIT", Long.toString(holdTime));
        ev.varSet(inbound, "QUEUEWAIT_MS", Long.toString(Duration.between(joinedAt, now).toMillis()));
        ev.varSet(inbound, "DIALEDTIME", Long.toString(holdTime));
        ev.varSet(inbound, "DIALEDTIME_MS", Long.toString(Duration.between(joinedAt, now).toMillis()));
        ev.varSet(inbound, "ANSWEREDTIME", "0");
        ev.varSet(inbound, "ANSWEREDTIME_MS", "0");
        ev.varSet(inbound, "ABANDONED", "TRUE");
        int position = sim.queues().position(queue, this);
        ev.queue("QueueCallerAbandon", inbound, "Queue", queue, "Position", Integer.toString(position),
                "OriginalPosition", Integer.toString(originalPosition), "HoldTime", Long.toString(holdTime));
        ev.device("Local/1800@hotline", "NOT_INUSE");
        ev.device("Queue:" + queue, "NOT_INUSE");
        leaveQueue();
        ev.queue("QueueCallerLeave", inbound, "Queue", queue, "Position", Integer.toString(position),
                "Count", Integer.toString(sim.queues().count(queue)));
        ev.varSet(inbound, "QUEUEPOSITION", Integer.toString(position));
        ev.softHangupRequest(inbound);
        ev.hangup(inbound);
        ev.device("Local/1800@hotline", "NOT_INUSE");
        finish(CallPlan.Outcome.ABANDONED);
    }

    /** Queue(...,60) ran out with nobody free: app_queue leaves without an abandon, the dialplan hangs up. */
    private void timeout() {
        timedOut = true;
        ev.musicOnHoldStop(inbound);
        ev.device("Queue:" + queue, "NOT_INUSE");
        int position = leaveQueue();
        ev.queue("QueueCallerLeave", inbound, "Queue", queue, "Position", Integer.toString(position),
                "Count", Integer.toString(sim.queues().count(queue)));
        ev.varSet(inbound, "QUEUEPOSITION", Integer.toString(position));
        ev.varSet(inbound, "QUEUESTATUS", "TIMEOUT");
        ev.newexten(inbound, 5, "Hangup", "");
        hangupCallerFromQueueSide();
    }

    /** Ends the call now, as when the simulator stops: every live leg hangs up, nothing is left open. */
    void abort() {
        if (finished) {
            return;
        }
        if (inQueue) {
            ev.musicOnHoldStop(inbound);
            int position = leaveQueue();
            ev.queue("QueueCallerLeave", inbound, "Queue", queue, "Position", Integer.toString(position),
                    "Count", Integer.toString(sim.queues().count(queue)));
        }
        if (leg != null) {
            if (leg.connectedAt != null) {
                agentComplete("caller");
            }
            for (SimChannel ch : List.of(leg.one, leg.two)) {
                if (ch.alive) {
                    ev.hangup(ch);
                }
            }
            leg.idle(queue);
            releaseLeg();
        }
        for (SimChannel ch : List.of(inbound, trunk)) {
            if (ch.alive) {
                ev.hangup(ch);
            }
        }
        finish(answeredAt == null ? CallPlan.Outcome.ABANDONED : plan.outcome());
    }

    boolean finished() {
        return finished;
    }

    /** Whether an agent's phone is ringing with this call now (app_queue's pending caller). */
    boolean ringing() {
        return leg != null && leg.connectedAt == null;
    }

    /** AgentComplete: the agent's part of the call is over (the agent's desk hears of it: {@link PbxSimulator#onTalkEnded}). */
    private void agentComplete(String reason) {
        Instant now = sim.now();
        long holdTime = leg.connectedAt.getEpochSecond() - joinedAt.getEpochSecond();
        long talkTime = now.getEpochSecond() - leg.connectedAt.getEpochSecond();
        ev.agent("AgentComplete", inbound, leg.one, "Queue", queue, "Interface", leg.agent.iface(),
                "MemberName", leg.agent.memberName(), "HoldTime", Long.toString(holdTime),
                "TalkTime", Long.toString(talkTime), "Reason", reason);
        sim.talkEnded(new PbxSimulator.TalkEnded(leg.agent.iface(), inbound.linkedid, queue, now));
    }

    private void answeredVars() {
        Instant now = sim.now();
        Duration answered = Duration.between(answeredAt, now);
        Duration dialed = Duration.between(dialedAt, now);
        ev.varSet(inbound, "ANSWEREDTIME", Long.toString(answered.toSeconds()));
        ev.varSet(inbound, "ANSWEREDTIME_MS", Long.toString(answered.toMillis()));
        ev.varSet(inbound, "DIALEDTIME", Long.toString(dialed.toSeconds()));
        ev.varSet(inbound, "DIALEDTIME_MS", Long.toString(dialed.toMillis()));
    }

    /** The ;2 leg ends its dialplan and the Local pair goes down, as at the end of the transcript's calls. */
    private void hangupCallerFromQueueSide() {
        ev.softHangupRequest(inbound);
        ev.hangupRequest(trunk);
        ev.hangup(inbound);
        ev.softHangupRequest(trunk);
        ev.hangup(trunk);
        ev.device("Local/1800@hotline", "NOT_INUSE");
        ev.device("Local/1800@hotline", "NOT_INUSE");
        finish(timedOut ? CallPlan.Outcome.TIMED_OUT : answeredAt == null ? CallPlan.Outcome.ABANDONED : plan.outcome());
    }

    private int leaveQueue() {
        int position = sim.queues().position(queue, this);
        sim.queues().leave(queue, this);
        inQueue = false;
        return position;
    }

    private void releaseLeg() {
        if (leg != null) {
            sim.queues().release(leg.agent);
            leg = null;
        }
    }

    private void finish(CallPlan.Outcome outcome) {
        if (finished) {
            return;
        }
        finished = true;
        sim.finished(this);
        done.complete(new CallSummary(inbound.linkedid, inbound.uniqueid, inbound.name, caller, queues, agentsAnswered,
                outcome, agiFailed));
    }
}
