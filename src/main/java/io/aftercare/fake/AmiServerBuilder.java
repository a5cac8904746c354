package io.aftercare.fake;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Configures a {@link SimulatedAmiServer}, or the subclass {@code S} its factory makes, and starts it; not
 * thread-safe.
 */
public final class AmiServerBuilder<S extends SimulatedAmiServer> {
    String username = "hotline";
    String secret = "s3cret";
    Clock clock = Clock.systemUTC();
    boolean securityEvents = true;
    boolean listsEmittedChannels;
    String asteriskVersion = "22.10.1";
    boolean ringInUse = true;
    final Map<String, String> queues = new LinkedHashMap<>(Map.of());
    private final Function<AmiServerBuilder<S>, S> factory;

    /** A builder whose {@link #start()} makes the server with {@code factory} and opens it. */
    public AmiServerBuilder(Function<AmiServerBuilder<S>, S> factory) {
        this.factory = Objects.requireNonNull(factory);
        queues.put("general-support", "rrmemory");
        queues.put("vip", "leastrecent");
    }

    public AmiServerBuilder<S> credentials(String username, String secret) {
        this.username = Objects.requireNonNull(username);
        this.secret = Objects.requireNonNull(secret);
        return this;
    }

    /** The clock behind every {@code Timestamp}, LoginTime, LastPause and Ping reply. */
    public AmiServerBuilder<S> clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Whether to send SuccessfulAuth / RequestBadFormat security events (default true, like the transcripts). */
    public AmiServerBuilder<S> securityEvents(boolean enabled) {
        this.securityEvents = enabled;
        return this;
    }

    /**
     * Lists every channel an emitted {@code Newchannel} creates in answers to CoreShowChannels and Status until its
     * {@code Hangup}, as Asterisk does (default false: none, or in the tests' fake those it is given).
     */
    public AmiServerBuilder<S> listsEmittedChannels() {
        this.listsEmittedChannels = true;
        return this;
    }

    /** The version CoreSettings and {@code core show version} report (default 22.10.1). */
    public AmiServerBuilder<S> asteriskVersion(String version) {
        this.asteriskVersion = Objects.requireNonNull(version);
        return this;
    }

    /**
     * queues.conf {@code ringinuse} of every queue (default yes, Asterisk's default and the transcripts'; the shipped
     * queues.conf.sample says no): whether app_queue may ring a member whose phone is in use.
     */
    public AmiServerBuilder<S> ringInUse(boolean ringInUse) {
        this.ringInUse = ringInUse;
        return this;
    }

    /** Replaces the predefined queues. */
    public AmiServerBuilder<S> queues(Map<String, String> nameToStrategy) {
        queues.clear();
        queues.putAll(nameToStrategy);
        return this;
    }

    /** Makes the server and listens on a free loopback port (only once it is fully built). */
    public S start() throws IOException {
        S server = factory.apply(this);
        try {
            server.listen(0);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }
}
