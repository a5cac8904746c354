package io.aftercare.fake;

import io.aftercare.agi.DialplanVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated inbound call through {@code [hotline]} (AGI route, then Queue), emitting the events
 * ami-inbound-queue.txt shows for such a call step by step on the simulator's scheduler. A caller aftercare withdraws
 * from the queue (AMI QueueWithdrawCaller) hears the callback offer ({@code [aftercare-vhold]}, the {@code vhold}
 * AGI): one who presses 1 hears the confirmation and hangs up, the others rejoin at their place
 * (pbx-captures/virtual-hold.txt). A callback's placeholder ({@link #placeholder}) is a call too: the Originate's
 * {@code ;2} waits in the queue unanswered like a caller, and once an agent answers, its {@code ;1} dials the
 * customer. Not thread-safe on its own: every step runs under the simulator's lock.
 */
final class SimulatedCall {

    /** The dialplan's Queue(...,60) timeout. */
    private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(60);
    /** queues.conf timeout: how long one agent rings before app_queue gives up on it. */
    private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(15);
    /** queues.conf retry: pause before trying the next agent. */
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** app_queue acts on a withdrawal at its caller's next turn of the wait loop. */
    private static final Duration WITHDRAW_TURN = Duration.ofMillis(500);
    /** Playback(aftercare/vhold-confirmed) before the Hangup. */
    private static final Duration CONFIRMATION = Duration.ofSeconds(4);
    /** The rejoin's Queue() waits what is left of the 60 s, at least this. */
    private static final Duration LEAST_REJOIN = Duration.ofSeconds(5);
    /** [aftercare-callback]'s Dial(${AC_CUSTOMER_CHANNEL},45). */
    private static final Duration CUSTOMER_RING = Duration.ofSeconds(45);
    private static final List<String> QUEUE_VARS = List.of("ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME",
            "DIALEDTIME_MS", "QUEUEWAIT", "QUEUEWAIT_MS");

    private final PbxSimulator sim;
    private final SimEvents ev;
    private final CallerId caller;
    private final CallPlan plan;
    private final CompletableFuture<CallSummary> done = new CompletableFuture<>();
    /** The ;1 half of the caller's Local pair: stands for the trunk side. */
    private final SimChannel trunk;
    /** The ;2 half: runs [hotline] and waits in the queue. */
    private final SimChannel inbound;
    /** For a callback's placeholder: the Originate that placed it, and its variables in order; else null. */
    private final AmiPacket originate;
    private final Map<String, String> originated;
    /** The Local channel's device ({@code Local/EXTEN@CONTEXT}). */
    private final String device;
    private final List<String> queues = new ArrayList<>();
    private final List<String> agentsAnswered = new ArrayList<>();
    /** Interfaces that let this call ring out: app_queue tries the others first. */
    private final Set<String> declined = new HashSet<>();
    private boolean agiFailed;
    private String queue;
    private int originalPosition;
    private Instant joinedAt;
    /** The first join of this queue: a caller back from the callback offer waits the rest of their 60 s. */
    private Instant firstJoinedAt;
    /** How long this stay in the queue may last: Queue()'s timeout. */
    private Duration queueLimit = QUEUE_TIMEOUT;
    /** Counts the stays in a queue: a step scheduled for an earlier one does nothing. */
    private int stint;
    /** AC_QUEUE_ENTERED: the epoch second the caller first joined the queue. */
    private long entered;
    /** A QueueWithdrawCaller's WithdrawInfo, while app_queue has not acted on it yet. */
    private String withdrawInfo;
    private boolean callbackTaken;
    /** The customer a placeholder's ;1 dials ({@code [0]}), with its far half for a Local channel. */
    private SimChannel[] customer;
    private SimEvents.SimBridge customerBridge;
    private Instant dialedAt;
    private Instant answeredAt;
    private boolean transferred;
    private boolean inQueue;
    private boolean timedOut;
    private boolean finished;
    private SimAgentLeg leg;

    SimulatedCall(PbxSimulator sim, CallerId caller, CallPlan plan) {
        this(sim, caller, plan, sim.localPair("1800", "hotline", null), null, "Local/1800@hotline");
    }

    private SimulatedCall(PbxSimulator sim, CallerId caller, CallPlan plan, SimChannel[] pair, AmiPacket originate,
                          String device) {
        this.sim = sim;
        this.ev = sim.events();
        this.caller = caller;
        this.plan = plan;
        this.trunk = pair[0];
        this.inbound = pair[1];
        this.originate = originate;
        this.originated = originate == null ? Map.of() : OriginatePolicy.Call.variables(originate);
        this.device = device;
    }

    /**
     * A callback's placeholder, from aftercare's async Originate of {@code Local/s@aftercare-callback-hold}: its
     * {@code ;1} is the ChannelId (the call's Linkedid), its {@code ;2} runs {@code [aftercare-callback-hold]}; the
     * agent talks as {@code plan} says and ends the call, as in the capture.
     */
    static SimulatedCall placeholder(PbxSimulator sim, AmiPacket originate, OriginatePolicy.Call call, CallPlan drawn) {
        String channelId = originate.getOrEmpty("ChannelId");
        String base = PbxSimulator.CALLBACK_HOLD + "-" + String.format("%08x", sim.nextLocalNumber());
        String first = channelId.isEmpty() ? sim.nextUniqueid() : channelId;
        SimChannel[] pair = {
            new SimChannel(base + ";1", first, first, SimChannel.DOWN, "aftercare-callback-hold", "s"),
            new SimChannel(base + ";2", channelId.isEmpty() ? sim.nextUniqueid() : first + ";2", first, SimChannel.RING,
                    "aftercare-callback-hold", "s")
        };
        CallPlan plan = new CallPlan(CallPlan.Outcome.ANSWERED, Duration.ZERO, Duration.ZERO, drawn.ring(), false,
                drawn.talk(), Duration.ZERO, Duration.ZERO, true, Duration.ZERO);
        SimulatedCall placeholder = new SimulatedCall(sim, CallerId.parseHeader(originate.getOrEmpty("CallerID")), plan,
                pair, originate, PbxSimulator.CALLBACK_HOLD);
        placeholder.queueLimit = call.timeout();
        return placeholder;
    }

    private boolean isPlaceholder() {
        return originate != null;
    }

    CompletableFuture<CallSummary> done() {
        return done;
    }

    /** Newchannel pair, caller ID, LocalBridge, NoOp, Answer: as the transcript's first call begins. */
    void begin() {
        if (isPlaceholder()) {
            beginPlaceholder();
            return;
        }
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
        ev.device(device, "INUSE");
        ev.device(device, "INUSE");
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
        entered = sim.now().getEpochSecond();
        ev.varSet(inbound, "AC_QUEUE_ENTERED", Long.toString(entered));
        ev.newexten(inbound, 3 + played.steps().size(), "Queue", target + ",,,,60");
        QUEUE_VARS.forEach(v -> ev.varSet(inbound, v, ""));
        join(target);
    }

    private void join(String target) {
        join(target, 0, false);
    }

    /** QueueCallerJoin at {@code position} (0: the end); a rejoin keeps the queue's first entry for the caller's wait. */
    private void join(String target, int position, boolean rejoin) {
        stint++;
        queue = target;
        if (!rejoin) {
            queues.add(target);
        }
        int at = sim.queues().join(target, this, position);
        originalPosition = at;
        inQueue = true;
        ev.device("Queue:" + target, "RINGING");
        joinedAt = ev.queue("QueueCallerJoin", inbound, "Queue", target, "Position", Integer.toString(at),
                "Count", Integer.toString(sim.queues().count(target)));
        if (!rejoin) {
            firstJoinedAt = joinedAt;
        }
        if (!isPlaceholder()) { // the placeholder's Queue(...,r): ringing, no music
            ev.musicOnHoldStart(inbound);
        }
        if (plan.outcome() == CallPlan.Outcome.ABANDONED) {
            Duration left = plan.patience().minus(sim.pbxTimeSince(firstJoinedAt));
            inThisStint(left.isNegative() ? Duration.ZERO : left, this::abandon);
        } else {
            inThisStint(transferred || rejoin ? Duration.ZERO : plan.queueWait(), this::tryRing);
        }
    }

    /** Runs {@code step} after {@code delay} unless the caller left the queue meanwhile (and maybe came back). */
    private void inThisStint(Duration delay, Runnable step) {
        int current = stint;
        sim.schedule(this, delay, () -> {
            if (current == stint && inQueue) {
                step.run();
            }
        });
    }

    /**
     * app_queue's attempt to ring a member, every {@link #RETRY} while none is free or callers ahead take the free ones
     * (first come, first served); the caller hangs up once their patience is out (first ones), the dialplan's Queue()
     * timeout ends the wait otherwise. Both count in PBX time.
     */
    private void tryRing() {
        Duration waited = sim.pbxTimeSince(firstJoinedAt);
        boolean patient = plan.patience().isZero() || transferred;
        if (!patient && waited.compareTo(plan.patience()) >= 0 && plan.patience().compareTo(QUEUE_TIMEOUT) < 0) {
            abandon();
            return;
        }
        if (sim.pbxTimeSince(joinedAt).compareTo(queueLimit) >= 0) {
            if (isPlaceholder()) {
                placeholderTimedOut();
            } else {
                timeout();
            }
            return;
        }
        SimAgent agent = sim.queues().ourTurn(queue, this) ? sim.queues().seizeFreeAgent(queue, declined) : null;
        if (agent == null && !declined.isEmpty() && sim.queues().ourTurn(queue, this)) {
            agent = sim.queues().seizeFreeAgent(queue, Set.of()); // nobody else is free: app_queue rings them again
        }
        if (agent == null) {
            inThisStint(RETRY, this::tryRing);
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
        inThisStint(RETRY, this::tryRing);
    }

    private void answer() {
        leg.pickUp(ev, inbound, caller);
        if (!isPlaceholder()) {
            ev.musicOnHoldStop(inbound);
        }
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
        if (isPlaceholder()) {
            placeholderAnswered();
            return;
        }
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
        customerHangsUp();
        ev.device(device, "NOT_INUSE");
        ev.device(device, "NOT_INUSE");
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
        if (!isPlaceholder()) {
            ev.musicOnHoldStop(inbound);
        }
        int position = abandonEvents();
        ev.device(device, "NOT_INUSE");
        ev.device("Queue:" + queue, "NOT_INUSE");
        leaveQueue();
        ev.queue("QueueCallerLeave", inbound, "Queue", queue, "Position", Integer.toString(position),
                "Count", Integer.toString(sim.queues().count(queue)));
        ev.varSet(inbound, "QUEUEPOSITION", Integer.toString(position));
        ev.softHangupRequest(inbound);
        ev.hangup(inbound);
        ev.device(device, "NOT_INUSE");
        finish(CallPlan.Outcome.ABANDONED);
    }

    /**
     * app_queue's variables of a caller leaving unanswered, then QueueCallerAbandon (for a withdrawal too, as the
     * capture shows); returns the caller's position.
     */
    private int abandonEvents() {
        Instant now = sim.now();
        long holdTime = now.getEpochSecond() - joinedAt.getEpochSecond();
        String holdMs = Long.toString(Duration.between(joinedAt, now).toMillis());
        ev.varSet(inbound, "QUEUEWAIT", Long.toString(holdTime));
        ev.varSet(inbound, "QUEUEWAIT_MS", holdMs);
        ev.varSet(inbound, "DIALEDTIME", Long.toString(holdTime));
        ev.varSet(inbound, "DIALEDTIME_MS", holdMs);
        ev.varSet(inbound, "ANSWEREDTIME", "0");
        ev.varSet(inbound, "ANSWEREDTIME_MS", "0");
        ev.varSet(inbound, "ABANDONED", "TRUE");
        int position = sim.queues().position(queue, this);
        ev.queue("QueueCallerAbandon", inbound, "Queue", queue, "Position", Integer.toString(position),
                "OriginalPosition", Integer.toString(originalPosition), "HoldTime", Long.toString(holdTime));
        return position;
    }

    /** Whether this caller waits in a queue on the channel named {@code channel}. */
    boolean queuedOn(String channel) {
        return inQueue && !isPlaceholder() && inbound.name.equals(channel);
    }

    /**
     * AMI QueueWithdrawCaller for this caller: app_queue takes them out at their next turn (after a ring that is
     * under way ends unanswered); false when a withdrawal is pending already.
     */
    boolean requestWithdraw(String info) {
        if (withdrawInfo != null) {
            return false;
        }
        withdrawInfo = info;
        sim.schedule(this, WITHDRAW_TURN, this::withdraw);
        return true;
    }

    /**
     * Out of the queue to the dialplan, in the capture's order: QueueCallerAbandon, QUEUE_WITHDRAW_INFO,
     * QueueCallerLeave, QUEUESTATUS=WITHDRAW; then {@code [aftercare-vhold]}: the {@code vhold} AGI when the info is
     * {@code vhold:<position>}, else straight back in line.
     */
    private void withdraw() {
        if (!inQueue) { // answered or gone first: the request lapses
            withdrawInfo = null;
            return;
        }
        if (ringing()) {
            sim.schedule(this, RETRY, this::withdraw);
            return;
        }
        String info = withdrawInfo;
        withdrawInfo = null;
        int position = abandonEvents();
        ev.varSet(inbound, "QUEUE_WITHDRAW_INFO", info);
        ev.musicOnHoldStop(inbound);
        leaveQueue();
        stint++; // the wait's pending steps (rings, the abandon) are void
        ev.queue("QueueCallerLeave", inbound, "Queue", queue, "Position", Integer.toString(position),
                "Count", Integer.toString(sim.queues().count(queue)));
        ev.varSet(inbound, "QUEUEPOSITION", Integer.toString(position));
        ev.varSet(inbound, "QUEUESTATUS", "WITHDRAW");
        ev.newexten(inbound, 6, "GotoIf", "1?aftercare-vhold,s,1");
        inbound.context = "aftercare-vhold";
        inbound.exten = "s";
        ev.newexten(inbound, 1, "NoOp", "aftercare callback offer in " + queue + ": " + info);
        ev.newexten(inbound, 2, "Set", DialplanVariables.VHOLD_RESULT + "=");
        ev.varSet(inbound, DialplanVariables.VHOLD_RESULT, "");
        boolean offer = info.startsWith("vhold:");
        ev.newexten(inbound, 3, "GotoIf", (offer ? "0" : "1") + "?rejoin");
        if (!offer) {
            rejoin(info);
            return;
        }
        String digit = sim.takesCallback() ? "1" : "";
        int current = stint;
        String in = queue;
        sim.scheduleBlocking(this, Duration.ZERO, () -> {
            SimulatedDialplan.Step step = SimulatedDialplan.vhold(sim, caller, inbound, in, entered, digit);
            return () -> {
                if (current == stint) {
                    offered(step, info);
                }
            };
        });
    }

    /** After the {@code vhold} AGI: the confirmation and the caller's hang-up, or back in line. */
    private void offered(SimulatedDialplan.Step step, String info) {
        boolean callback = "callback".equals(SimulatedDialplan.emitVhold(ev, inbound, sim, step, entered));
        ev.newexten(inbound, 5, "GotoIf", (callback ? "1" : "0") + "?callback");
        if (!callback) {
            rejoin(info);
            return;
        }
        ev.newexten(inbound, 10, "Playback", "aftercare/vhold-confirmed");
        sim.schedule(this, CONFIRMATION, () -> {
            ev.varSet(inbound, "PLAYBACKSTATUS", "SUCCESS");
            ev.newexten(inbound, 11, "Hangup", "");
            callbackTaken = true;
            hangupCallerFromQueueSide();
        });
    }

    /** Queue() again at the position the withdraw info names, for what is left of the first 60 s (at least 5). */
    private void rejoin(String info) {
        String[] cut = info.split(":", 3);
        int position = cut.length > 1 && cut[1].matches("[0-9]{1,4}") ? Integer.parseInt(cut[1]) : 0;
        Duration left = QUEUE_TIMEOUT.minus(sim.pbxTimeSince(firstJoinedAt)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        queueLimit = left.compareTo(LEAST_REJOIN) < 0 ? LEAST_REJOIN : left;
        ev.newexten(inbound, 5, "Set", "AC_QUEUE_LEFT=$[60 - (${EPOCH} - ${AC_QUEUE_ENTERED})]");
        ev.varSet(inbound, "AC_QUEUE_LEFT", Long.toString(queueLimit.toSeconds()));
        ev.newexten(inbound, 8, "Queue", queue + ",t,,," + queueLimit.toSeconds() + ",,,," + (position == 0 ? ""
                : Integer.toString(position)));
        QUEUE_VARS.forEach(v -> ev.varSet(inbound, v, ""));
        ev.varSet(inbound, "ABANDONED", "");
        join(queue, position, true);
    }

    /**
     * A placeholder's ;2 starts [aftercare-callback-hold] as the Originate places it: the pair comes up with the
     * Originate's variables and caller ID, the Originate dials its ;1, and the ;2 joins the queue at
     * AC_CALLBACK_POSITION, ringing (Queue()'s {@code r}), as in the capture.
     */
    private void beginPlaceholder() {
        ev.newchannel(trunk);
        ev.newchannel(inbound);
        ev.newexten(trunk, 1, "AppDial2", "(Outgoing Line)");
        originated.forEach((name, value) -> ev.varSet(trunk, name, value));
        trunk.caller(caller);
        ev.newCallerid(trunk);
        trunk.connected(caller);
        ev.newConnectedLine(trunk);
        List<String> names = new ArrayList<>(originated.keySet());
        java.util.Collections.reverse(names);
        names.forEach(name -> ev.varSet(inbound, name, originated.get(name)));
        inbound.caller(caller);
        inbound.connected(caller);
        ev.newCallerid(inbound);
        ev.newConnectedLine(inbound);
        ev.localBridge(trunk, inbound);
        ev.dialBegin(trunk, "s@aftercare-callback-hold");
        String target = originated.getOrDefault(DialplanVariables.CALLBACK_QUEUE, "");
        String position = originated.getOrDefault(DialplanVariables.CALLBACK_POSITION, "");
        ev.newexten(inbound, 1, "NoOp", "aftercare callback " + originated.getOrDefault(DialplanVariables.CALLBACK_ID,
                "") + " holds place " + position + " in " + target);
        ev.newexten(inbound, 2, "GotoIf", "0?hold20");
        ev.newexten(inbound, 3, "Queue", target + ",r,,,,,,," + position);
        QUEUE_VARS.forEach(v -> ev.varSet(inbound, v, ""));
        join(target, position.matches("[0-9]{1,4}") ? Integer.parseInt(position) : 0, false);
        ev.newstate(trunk, SimChannel.RINGING);
        ev.dial("DialState", trunk, "DialStatus", "RINGING");
    }

    /**
     * The agent answered the placeholder: Queue() answers its ;2, the Originate's ;1 is up (OriginateResponse Reason
     * 4), the agent is bridged with the ;2, and the ;1 runs [aftercare-callback]: Dial(${AC_CUSTOMER_CHANNEL},45).
     */
    private void placeholderAnswered() {
        ev.newstate(inbound, SimChannel.UP);
        ev.newstate(trunk, SimChannel.UP);
        ev.dial("DialEnd", trunk, "DialStatus", "ANSWER");
        OriginatedCall.response(ev, originate, OriginateOutcome.ANSWERED.reason(), trunk.name, trunk.uniqueid, caller,
                true);
        ev.device(device, "INUSE");
        leg.bridgeWith(ev, inbound, sim.nextBridgeId());
        trunk.context = "aftercare-callback";
        String target = originated.getOrDefault(DialplanVariables.CUSTOMER_CHANNEL, "");
        ev.newexten(trunk, 1, "NoOp", "aftercare callback " + originated.getOrDefault(DialplanVariables.CALLBACK_ID,
                "") + ": calling " + target);
        String outbound = originated.getOrDefault(DialplanVariables.OUTBOUND_CALLER_ID, "");
        ev.newexten(trunk, 2, "Set", "CALLERID(all)=" + outbound);
        trunk.caller(CallerId.parseHeader(outbound));
        ev.newCallerid(trunk);
        ev.newexten(trunk, 3, "Dial", target + ",45");
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1) { // no channel to dial: Dial() fails, the ;1 hangs up
            ev.varSet(trunk, "DIALSTATUS", "CHANUNAVAIL");
            placeholderEnds();
            return;
        }
        customer = customerChannels(target);
        for (SimChannel ch : customer) {
            ev.newchannel(ch);
        }
        customer[0].caller(outbound.isEmpty() ? caller : CallerId.parseHeader(outbound));
        ev.newCallerid(customer[0]);
        if (customer.length == 2) {
            ev.localBridge(customer[0], customer[1]);
        }
        ev.dialBegin(trunk, customer[0], target.substring(slash + 1));
        OriginatePolicy.Ring ring = sim.customerRing(target, "aftercare-callback", CUSTOMER_RING);
        Duration after = ring.outcome() == OriginateOutcome.NO_ANSWER || ring.after().compareTo(CUSTOMER_RING) > 0
                ? CUSTOMER_RING : ring.after();
        sim.schedule(this, after, () -> customerAnswers(ring.outcome()));
    }

    /** The channels a Dial() of {@code target} makes: a Local pair, or one channel named after the endpoint. */
    private SimChannel[] customerChannels(String target) {
        String tech = target.substring(0, target.indexOf('/'));
        String resource = target.substring(target.indexOf('/') + 1);
        if (tech.equalsIgnoreCase("Local")) {
            int at = resource.indexOf('@');
            SimChannel[] pair = sim.localPair(at < 0 ? resource : resource.substring(0, at),
                    at < 0 ? "default" : resource.substring(at + 1), trunk.linkedid);
            return pair;
        }
        int at = resource.indexOf('@');
        String endpoint = at < 0 ? resource : resource.substring(at + 1);
        return new SimChannel[] {new SimChannel(tech + "/" + endpoint + "-" + String.format("%08x",
                sim.nextLocalNumber()), sim.nextUniqueid(), trunk.linkedid, SimChannel.DOWN, "aftercare-callback", "s")};
    }

    /** The customer answers (bridged with the ;1, the agent talks, then hangs up) or not (the ;1 hangs up). */
    private void customerAnswers(OriginateOutcome outcome) {
        SimChannel dialled = customer[0];
        if (outcome != OriginateOutcome.ANSWERED) {
            String status = switch (outcome) {
                case BUSY -> "BUSY";
                case CONGESTION -> "CONGESTION";
                case FAILURE -> "CHANUNAVAIL";
                default -> "NOANSWER";
            };
            int cause = outcome == OriginateOutcome.BUSY ? 17 : outcome == OriginateOutcome.NO_ANSWER ? 19 : 16;
            for (int i = customer.length - 1; i >= 0; i--) {
                ev.hangup(customer[i], cause);
            }
            ev.varSet(trunk, "DIALSTATUS", status);
            ev.dialEnd(trunk, dialled, status);
            placeholderEnds();
            return;
        }
        for (int i = customer.length - 1; i >= 0; i--) {
            ev.newstate(customer[i], SimChannel.UP);
        }
        ev.varSet(trunk, "DIALSTATUS", "ANSWER");
        ev.dialEnd(trunk, dialled, "ANSWER");
        customerBridge = ev.twoParty(sim.nextBridgeId(), dialled, trunk);
        ev.newexten(leg.two, 2, "Wait", Long.toString(Math.max(1, plan.talk().toSeconds())));
        sim.schedule(this, plan.talk(), this::agentHangsUp);
    }

    /** Dial() came back unanswered: [aftercare-callback] hangs up its ;1, the agent's leg and the ;2 follow. */
    private void placeholderEnds() {
        ev.newexten(trunk, 4, "Hangup", "");
        callerHangsUp();
    }

    /** After the ;1: the customer's channel leaves its bridge with the ;1 and hangs up. */
    private void customerHangsUp() {
        if (customer == null) {
            return;
        }
        if (customerBridge != null) {
            ev.varSet(customer[0], "BRIDGEPEER", "");
            customerBridge.channels--;
            ev.bridge("BridgeLeave", customerBridge, customer[0]);
        }
        if (customer.length == 2 && customer[1].alive) { // a Local pair: its far half is asked to go first
            ev.hangupRequest(customer[1]);
        }
        for (SimChannel ch : customer) {
            if (ch.alive) {
                if (ch != customer[0]) {
                    ev.softHangupRequest(ch);
                }
                ev.hangup(ch);
            }
        }
        if (customerBridge != null) {
            ev.bridge("BridgeDestroy", customerBridge, null);
            customerBridge = null;
        }
    }

    /**
     * Nobody answered the placeholder before the Originate's timeout: its ;1 goes, app_queue sees its caller hang up
     * (an abandon), the OriginateResponse says Reason 3. Not captured: the dialer's wait is an hour.
     */
    private void placeholderTimedOut() {
        ev.hangupRequest(trunk, 19);
        ev.hangupRequest(inbound, 19);
        int position = abandonEvents();
        leaveQueue();
        ev.queue("QueueCallerLeave", inbound, "Queue", queue, "Position", Integer.toString(position),
                "Count", Integer.toString(sim.queues().count(queue)));
        ev.softHangupRequest(inbound);
        ev.hangup(inbound, 19);
        OriginatedCall.response(ev, originate, OriginateOutcome.NO_ANSWER.reason(), originate.getOrEmpty("Channel"),
                trunk.uniqueid, caller, false);
        ev.hangup(trunk, 19);
        ev.device(device, "NOT_INUSE");
        ev.device(device, "NOT_INUSE");
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
        if (customer != null) {
            for (SimChannel ch : customer) {
                if (ch.alive) {
                    ev.hangup(ch);
                }
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
        customerHangsUp();
        ev.device(device, "NOT_INUSE");
        ev.device(device, "NOT_INUSE");
        finish(timedOut ? CallPlan.Outcome.TIMED_OUT : callbackTaken ? CallPlan.Outcome.CALLBACK
                : answeredAt == null ? CallPlan.Outcome.ABANDONED : plan.outcome());
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
