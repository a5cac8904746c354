package io.aftercare.fake;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** Configures a {@link PbxSimulator}; not thread-safe. */
public final class PbxSimulatorBuilder {
    final SimulatedAmiServer server;
    InetSocketAddress agi;
    Duration agiTimeout = Duration.ofSeconds(5);
    Supplier<CallerId> callers = () -> CallerId.UNKNOWN;
    final List<SimAgent> agents = new ArrayList<>();
    Clock clock = Clock.systemUTC();
    ScheduledExecutorService scheduler;
    long seed = 1;
    double callsPerMinute;
    double speed = 1.0;
    CallMix mix = CallMix.DEFAULT;
    String transferContext = "queues";

    PbxSimulatorBuilder(SimulatedAmiServer server) {
        this.server = server;
    }

    /** The FastAGI server the {@code route} session goes to; without one every call gets AGISTATUS FAILURE. */
    public PbxSimulatorBuilder agi(String host, int port) {
        this.agi = InetSocketAddress.createUnresolved(host, port);
        return this;
    }

    /** Upper bound for each read from the FastAGI server. */
    public PbxSimulatorBuilder agiTimeout(Duration timeout) {
        this.agiTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    /** Where caller IDs come from (e.g. the demo's customers' numbers). */
    public PbxSimulatorBuilder callers(Supplier<CallerId> callers) {
        this.callers = Objects.requireNonNull(callers);
        return this;
    }

    public PbxSimulatorBuilder agent(SimAgent agent) {
        agents.add(Objects.requireNonNull(agent));
        return this;
    }

    public PbxSimulatorBuilder agents(List<SimAgent> list) {
        list.forEach(this::agent);
        return this;
    }

    /** The PBX's clock: every Timestamp, HoldTime and TalkTime comes from it. */
    public PbxSimulatorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Runs every step of every call; owned by the caller, so tests can drive time by hand. */
    public PbxSimulatorBuilder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler);
        return this;
    }

    public PbxSimulatorBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Average arrivals per minute of PBX time for {@link #start()}; 0 places calls only on demand. */
    public PbxSimulatorBuilder callsPerMinute(double rate) {
        if (rate < 0 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("rate must be >= 0");
        }
        this.callsPerMinute = rate;
        return this;
    }

    /**
     * Speed-up: 10 runs a 60 s talk in 6 s of scheduler time (Timestamps and TalkTime follow the clock); the queue's
     * timeout and the callers' patience are PBX time too, so they run out 10 times sooner on the clock.
     */
    public PbxSimulatorBuilder speed(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed must be > 0");
        }
        this.speed = factor;
        return this;
    }

    public PbxSimulatorBuilder mix(CallMix mix) {
        this.mix = Objects.requireNonNull(mix);
        return this;
    }

    /** The context a blind transfer sends the caller to, with the target queue as extension (default {@code queues}). */
    public PbxSimulatorBuilder transferContext(String context) {
        if (!PbxSimulator.isQueueName(context)) {
            throw new IllegalArgumentException("bad context: " + context);
        }
        this.transferContext = context;
        return this;
    }

    public PbxSimulator build() {
        return new PbxSimulator(this);
    }
}
