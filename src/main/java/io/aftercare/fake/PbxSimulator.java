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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A built-in PBX for the demo and tests: places inbound calls through a FastAGI {@code route}
 * script and emits, through a {@link SimulatedAmiServer}, the AMI events a real Asterisk 22 emits for
 * them (answered, abandoned, transferred, held), over time on an injected scheduler; thread-safe.
 */
public final class PbxSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PbxSimulator.class);
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** queues.conf wrapuptime: an agent is not rung again this soon after a call. */
    private static final Duration WRAP_UP = Duration.ofSeconds(5);

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
        this.queues = new SimQueues(b.agents, clock, scaled(WRAP_UP));
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
     * Logs the agents into their queues as QueueAdd does (DeviceStateChange, QueueMemberAdded with
     * Paused/PausedReason), then reports each member's device state (QueueMemberStatus); also
     * registers them with the server so QueueStatus and QueueSummary list them. Runs once.
     */
    public void announceAgents() {
        synchronized (lock) {
            if (announced) {
                return;
            }
            announced = true;
            for (SimEvents.AgentState s : queues.agents()) {
                SimAgent a = s.agent;
                for (String q : a.queues()) {
                    events.device("Queue:" + q + "_pause_" + a.iface(), s.paused ? "INUSE" : "NOT_INUSE");
                    events.member("QueueMemberAdded", a, q, s, 0);
                    registerWithServer(a, q, s);
                }
            }
            for (SimEvents.AgentState s : queues.agents()) {
                events.device(s.agent.stateInterface(), "NOT_INUSE");
                for (String q : s.agent.queues()) {
                    events.member("QueueMemberStatus", s.agent, q, s, 0);
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

    /** Places one call now with a caller from the supplier and a plan drawn from the mix. */
    public CompletableFuture<CallSummary> placeCall() {
        synchronized (lock) {
            CallerId caller = random.nextDouble() < mix.anonymous() ? CallerId.ANONYMOUS : callers.get();
            return placeCall(caller == null ? CallerId.UNKNOWN : caller, mix.draw(random));
        }
    }

    /** Places one call now with this caller and plan; the future completes after its last Hangup. */
    public CompletableFuture<CallSummary> placeCall(CallerId caller, CallPlan plan) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(plan, "plan");
        synchronized (lock) {
            if (stopped) {
                return CompletableFuture.failedFuture(new IllegalStateException("stopped"));
            }
            SimulatedCall call = new SimulatedCall(this, caller, plan);
            active.add(call);
            schedule(call, Duration.ZERO, call::begin);
            return call.done();
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
        synchronized (lock) {
            SimEvents.AgentState s = queues.agent(iface);
            s.paused = paused;
            s.pausedReason = reason;
            if (paused) {
                s.lastPause = clock.instant().getEpochSecond();
            }
            for (String q : s.agent.queues()) {
                events.device("Queue:" + q + "_pause_" + iface, paused ? "INUSE" : "NOT_INUSE");
                events.member("QueueMemberPause", s.agent, q, s, 0);
            }
        }
    }

    private void registerWithServer(SimAgent a, String queue, SimEvents.AgentState s) {
        server.defineQueue(queue, "rrmemory");
        synchronized (server.queueLock()) {
            server.queues().queue(queue).ifPresent(q -> {
                if (!q.members.containsKey(a.iface())) {
                    QueueState.Member m = new QueueState.Member(queue, a.memberName(), a.iface(), a.stateInterface(), 0, s.loginTime);
                    m.paused = s.paused;
                    m.pausedReason = s.pausedReason;
                    m.lastPause = s.lastPause;
                    q.members.put(a.iface(), m);
                }
            });
        }
    }
}
