package io.aftercare.fake;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A built-in PBX for the demo and tests: places inbound calls through a FastAGI {@code route}
 * script and emits, through a {@link SimulatedAmiServer}, the AMI events a real Asterisk 22 emits for
 * them (answered, abandoned, timed out, transferred, held), over time on an injected scheduler. Its queues are the
 * server's app_queue ({@link AppQueue}): a member paused for any reason (aftercare's {@code acw} included) or removed
 * over AMI is never rung, nor is a phone already ringing or on a call; Asterisk's own {@code wrapuptime} is 0. The
 * agents' phones answer every call that rings them; what the agents do at their desks is not the PBX's (the demo's
 * floor plays it, told by {@link #onTalkEnded}). Thread-safe.
 */
public final class PbxSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PbxSimulator.class);
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** An agent's talk on call {@code linkedid} ended (AgentComplete) at {@code at}: their after-call work begins. */
    public record TalkEnded(String iface, String linkedid, String queue, Instant at) {}

    /** What app_queue makes of a QueueWithdrawCaller request. */
    enum Withdrawal {
        /** Requested: the caller leaves the queue at app_queue's next turn. */
        OK,
        /** Nobody waits in that queue on that channel. */
        NOT_CALLER,
        /** A withdrawal of that caller is pending already. */
        EXISTS
    }

    /** The channel aftercare's callback dialer originates: its other half waits in the queue for an agent. */
    static final String CALLBACK_HOLD = "Local/s@aftercare-callback-hold";

    private final SimulatedAmiServer server;
    private final InetSocketAddress agi;
    private final Duration agiTimeout;
    private final Supplier<CallerId> callers;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final double callsPerMinute;
    private final double speed;
    private final CallMix mix;
    private final String transferContext;
    private final SimEvents events;
    private final Object lock = new Object();
    private final Random random;
    private final SimQueues queues;
    private final Set<SimulatedCall> active = new LinkedHashSet<>();
    private final List<Consumer<TalkEnded>> talkEnded = new CopyOnWriteArrayList<>();
    private boolean announced;
    private boolean started;
    private volatile boolean stopped;
    private ScheduledFuture<?> nextArrival;

    PbxSimulator(PbxSimulatorBuilder b) {
        this.server = Objects.requireNonNull(b.server, "server");
        this.agi = b.agi;
        this.agiTimeout = b.agiTimeout;
        this.callers = Objects.requireNonNull(b.callers, "callers");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.callsPerMinute = b.callsPerMinute;
        this.speed = b.speed;
        this.mix = b.mix;
        this.transferContext = b.transferContext;
        this.random = new Random(b.seed);
        this.events = new SimEvents(server, clock);
        this.queues = new SimQueues(b.agents, server.appQueue());
        server.attach(this);
    }

    /** A builder for a simulator emitting on {@code server}. */
    public static PbxSimulatorBuilder builder(SimulatedAmiServer server) {
        return new PbxSimulatorBuilder(server);
    }

    /**
     * Announces the agents (once) and, when the rate is above zero, places calls at random
     * (Poisson) intervals averaging that rate.
     */
    public void start() {
        synchronized (lock) {
            if (stopped) {
                throw new IllegalStateException("stopped");
            }
            announceAgents();
            if (!started && callsPerMinute > 0) {
                started = true;
                scheduleArrival();
            }
        }
    }

    /**
     * Logs the agents into their queues as QueueAdd does (DeviceStateChange, QueueMemberAdded with Paused and
     * PausedReason, the queue's availability), each phone first reporting NOT_INUSE as it registers; a queue that does
     * not exist yet is defined. Runs once; an agent already a member of a queue is left as it is.
     */
    public void announceAgents() {
        synchronized (lock) {
            if (announced) {
                return;
            }
            announced = true;
            AppQueue app = server.appQueue();
            for (SimAgent a : queues.roster()) {
                app.deviceState(a.stateInterface(), "NOT_INUSE");
                for (String q : a.queues()) {
                    server.defineQueue(q, "rrmemory");
                    synchronized (app.lock()) {
                        AppQueue.Queue queue = app.queue(q).orElseThrow();
                        if (!queue.members.containsKey(a.iface())) {
                            app.add(queue, a.iface(), a.memberName(), a.stateInterface(), 0, a.pausedAtStart(),
                                    a.pausedReason());
                        }
                    }
                }
            }
        }
    }

    /** Pauses an agent in all its queues with a reason, as QueuePause does (QueueMemberPause). */
    public void pause(String iface, String reason) {
        setPaused(iface, true, new CallerId("", reason).name());
    }

    /** Unpauses an agent in all its queues (QueueMemberPause with Paused 0). */
    public void unpause(String iface) {
        setPaused(iface, false, "");
    }

    /** Whether the agent's phone is ringing or on a call now. */
    public boolean onThePhone(String iface) {
        synchronized (lock) {
            return queues.busy(iface);
        }
    }

    /** Callers waiting now in the queues the agent is a member of (what a wallboard beside them shows). */
    public int callersWaitingFor(String iface) {
        synchronized (lock) {
            return queues.waitingFor(iface);
        }
    }

    /**
     * Tells {@code listener} each time an agent's talk ends (AgentComplete): on the simulator's scheduler, after the
     * event went out, never under the simulator's lock, so it may call back in.
     */
    public void onTalkEnded(Consumer<TalkEnded> listener) {
        talkEnded.add(Objects.requireNonNull(listener));
    }

    /** Runs {@code task} after {@code delay} of PBX time (scaled by the speed) on the scheduler, off the lock. */
    public void after(Duration delay, Runnable task) {
        if (!stopped) {
            submit(delay, () -> {
                if (!stopped) {
                    task.run();
                }
            });
        }
    }

    /** Places one call now with a caller from the supplier and a plan drawn from the mix. */
    public CompletableFuture<CallSummary> placeCall() {
        synchronized (lock) {
            CallerId caller = random.nextDouble() < mix.anonymous() ? CallerId.ANONYMOUS : callers.get();
            return placeCall(caller == null ? CallerId.UNKNOWN : caller, mix.draw(random));
        }
    }

    /**
     * Places one call now with this caller and plan (announcing the agents first if {@link #start()} has not); the
     * future completes after its last Hangup.
     */
    public CompletableFuture<CallSummary> placeCall(CallerId caller, CallPlan plan) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(plan, "plan");
        synchronized (lock) {
            if (stopped) {
                return CompletableFuture.failedFuture(new IllegalStateException("stopped"));
            }
            announceAgents(); // the agents are logged in before the first call, as at start()
            SimulatedCall call = new SimulatedCall(this, caller, plan);
            active.add(call);
            schedule(call, Duration.ZERO, call::begin);
            return call.done();
        }
    }

    /**
     * AMI QueueWithdrawCaller for the caller on {@code channel} in {@code queue}: when they wait there, runs
     * {@code accepted} (the action's answer) and takes them out at app_queue's next turn, with {@code info} in
     * QUEUE_WITHDRAW_INFO; the dialplan's {@code [aftercare-vhold]} then offers the callback.
     */
    Withdrawal withdraw(String queue, String channel, String info, Runnable accepted) {
        synchronized (lock) {
            if (stopped) {
                return Withdrawal.NOT_CALLER;
            }
            SimulatedCall call = queues.waitingOn(queue, channel).orElse(null);
            if (call == null) {
                return Withdrawal.NOT_CALLER;
            }
            if (!call.requestWithdraw(info)) {
                return Withdrawal.EXISTS;
            }
            accepted.run(); // under the lock: the answer goes out before the caller's events
            return Withdrawal.OK;
        }
    }

    /**
     * An async Originate of {@value #CALLBACK_HOLD} (aftercare's callback dialer): runs {@code accepted} (the
     * action's answer) and plays the placeholder in its queue, then the customer's call; false (nothing done) for any
     * other Originate, or one without a queue that exists.
     */
    boolean placeholder(AmiPacket originate, Runnable accepted) {
        String channel = originate.getOrEmpty("Channel");
        if (!channel.equalsIgnoreCase(CALLBACK_HOLD) && !channel.regionMatches(true, 0, CALLBACK_HOLD + "/", 0,
                CALLBACK_HOLD.length() + 1)) {
            return false;
        }
        OriginatePolicy.Call call = OriginatePolicy.Call.of(originate);
        String queue = call.variables().getOrDefault(io.aftercare.agi.DialplanVariables.CALLBACK_QUEUE, "");
        if (!isQueueName(queue) || server.appQueue().queue(queue).isEmpty()) {
            return false;
        }
        synchronized (lock) {
            if (stopped) {
                return false;
            }
            announceAgents();
            accepted.run();
            SimulatedCall placeholder = SimulatedCall.placeholder(this, originate, call, mix.draw(random));
            active.add(placeholder);
            schedule(placeholder, Duration.ZERO, placeholder::begin);
            return true;
        }
    }

    /** Calls placed and not yet hung up. */
    public int activeCalls() {
        synchronized (lock) {
            return active.size();
        }
    }

    /**
     * Stops placing calls and hangs up every call in progress (so consumers see no call left open);
     * steps still queued on the scheduler do nothing. The scheduler belongs to the caller and stays up.
     */
    public void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (nextArrival != null) {
                nextArrival.cancel(false);
            }
            for (SimulatedCall call : List.copyOf(active)) {
                call.abort();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    static boolean isQueueName(String name) {
        return name != null && QUEUE_NAME.matcher(name).matches();
    }

    // --- collaborators for SimulatedCall; called under the lock ---

    SimEvents events() {
        return events;
    }

    Instant now() {
        return clock.instant();
    }

    /** PBX time since {@code since}: the clock's time, times the speed (the clock does not run faster). */
    Duration pbxTimeSince(Instant since) {
        Duration real = Duration.between(since, clock.instant());
        return speed == 1.0 ? real : Duration.ofNanos((long) (real.toNanos() * speed));
    }

    AppQueue appQueue() {
        return server.appQueue();
    }

    /** Whether a caller offered a callback presses 1, as the mix says. */
    boolean takesCallback() {
        return random.nextDouble() < mix.callbackTaken();
    }

    /** How the customer a callback dials takes the call: the PBX's Originate policy, as for any callee. */
    OriginatePolicy.Ring customerRing(String channel, String context, Duration timeout) {
        return server.ringFor(AmiPacket.of("Action", "Originate", "Channel", channel, "Context", context,
                "Exten", "s", "Priority", "1", "Timeout", Long.toString(timeout.toMillis()), "Async", "true"));
    }

    /** Hands an agent's end of talk to the listeners, on the scheduler (the caller holds the lock). */
    void talkEnded(TalkEnded ended) {
        for (Consumer<TalkEnded> listener : talkEnded) {
            submit(Duration.ZERO, () -> {
                if (!stopped) {
                    listener.accept(ended);
                }
            });
        }
    }

    InetSocketAddress agiAddress() {
        return agi;
    }

    String agiHostPort() {
        return agi == null ? "127.0.0.1:4573" : agi.getHostString() + ":" + agi.getPort();
    }

    Duration agiTimeout() {
        return agiTimeout;
    }

    String transferContext() {
        return transferContext;
    }

    /**
     * A Local channel pair {@code Local/<exten>@<context>-<8 hex>;1/;2} with uniqueids allocated as
     * Asterisk does ({@code <epoch seconds>.<global counter>}); the ;1 leg starts the linkedid chain
     * unless {@code linkedid} is given.
     */
    SimChannel[] localPair(String exten, String context, String linkedid) {
        String base = "Local/" + exten + "@" + context + "-" + String.format("%08x", server.nextLocalNumber());
        String one = nextUniqueid();
        String link = linkedid == null ? one : linkedid;
        return new SimChannel[] {
            new SimChannel(base + ";1", one, link, SimChannel.DOWN, context, exten),
            new SimChannel(base + ";2", nextUniqueid(), link, SimChannel.RING, context, exten)
        };
    }

    /** The running number of a new channel's name, shared with the server's. */
    int nextLocalNumber() {
        return server.nextLocalNumber();
    }

    /** {@code <epoch seconds of creation>.<global counter>}, as Asterisk allocates Uniqueid. */
    String nextUniqueid() {
        return server.nextUniqueid(clock.instant());
    }

    long nextCommandId() {
        return 1 + random.nextInt(Integer.MAX_VALUE - 1);
    }

    String nextBridgeId() {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    /** The queues and their members; use under the simulator's lock (every call step runs under it). */
    SimQueues queues() {
        return queues;
    }

    /** Another queue served by some other agent, else the same queue (another agent will take it). */
    String transferTarget(String from, SimAgent transferer) {
        return queues.transferTarget(from, transferer, random);
    }

    void finished(SimulatedCall call) {
        active.remove(call);
    }

    /** Runs {@code step} of {@code call} after {@code delay} of PBX time, under the lock. */
    void schedule(SimulatedCall call, Duration delay, Runnable step) {
        submit(delay, () -> {
            synchronized (lock) {
                if (!stopped && !call.finished()) {
                    step.run();
                }
            }
        });
    }

    /**
     * Runs the blocking part of a step (socket I/O) off the lock, then what it returns under the
     * lock, so one slow FastAGI server does not hold up the other calls' events.
     */
    void scheduleBlocking(SimulatedCall call, Duration delay, Supplier<Runnable> blocking) {
        submit(delay, () -> {
            if (stopped || call.finished()) {
                return;
            }
            Runnable then = blocking.get();
            synchronized (lock) {
                if (!stopped && !call.finished()) {
                    then.run();
                }
            }
        });
    }

    private void submit(Duration delay, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A scheduler swallows exceptions into a future nobody reads: log them instead.
                LOG.warn("PBX simulator step failed", e);
            }
        };
        scheduler.schedule(guarded, scaled(delay).toNanos(), TimeUnit.NANOSECONDS);
    }

    private Duration scaled(Duration d) {
        return speed == 1.0 ? d : Duration.ofNanos((long) (d.toNanos() / speed));
    }

    private void scheduleArrival() {
        double minutes = -Math.log(1 - random.nextDouble()) / callsPerMinute;
        Duration gap = Duration.ofMillis(Math.max(1, (long) (minutes * 60_000)));
        nextArrival = scheduler.schedule(() -> {
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                try {
                    placeCall();
                } catch (RuntimeException e) {
                    LOG.warn("PBX simulator could not place a call", e);
                }
                scheduleArrival();
            }
        }, scaled(gap).toNanos(), TimeUnit.NANOSECONDS);
    }

    private void setPaused(String iface, boolean paused, String reason) {
        AppQueue app = server.appQueue();
        synchronized (app.lock()) {
            List<AppQueue.Member> members = app.membershipsOf(queues.agent(iface).iface(), "");
            app.setPaused(members, paused, reason);
        }
    }
}
