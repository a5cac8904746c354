package io.aftercare.fake;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Configures a {@link FakeAmiServer}; not thread-safe. */
public final class FakeAmiServerBuilder {
    String username = "hotline";
    String secret = "s3cret";
    Clock clock = Clock.systemUTC();
    boolean securityEvents = true;
    boolean listsEmittedChannels;
    String asteriskVersion = "22.10.1";
    final Map<String, String> queues = new LinkedHashMap<>(Map.of());

    FakeAmiServerBuilder() {
        queues.put("general-support", "rrmemory");
        queues.put("vip", "leastrecent");
    }

    public FakeAmiServerBuilder credentials(String username, String secret) {
        this.username = Objects.requireNonNull(username);
        this.secret = Objects.requireNonNull(secret);
        return this;
    }

    /** The clock behind every {@code Timestamp}, LoginTime, LastPause and Ping reply. */
    public FakeAmiServerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Whether to send SuccessfulAuth / RequestBadFormat security events (default true, like the transcripts). */
    public FakeAmiServerBuilder securityEvents(boolean enabled) {
        this.securityEvents = enabled;
        return this;
    }

    /**
     * Lists every channel an emitted {@code Newchannel} creates in answers to CoreShowChannels and Status until its
     * {@code Hangup}, as Asterisk does (default false: only channels given to {@link FakeAmiServer#addChannel}).
     */
    public FakeAmiServerBuilder listsEmittedChannels() {
        this.listsEmittedChannels = true;
        return this;
    }

    /** The version CoreSettings and {@code core show version} report (default 22.10.1). */
    public FakeAmiServerBuilder asteriskVersion(String version) {
        this.asteriskVersion = Objects.requireNonNull(version);
        return this;
    }

    /** Replaces the predefined queues. */
    public FakeAmiServerBuilder queues(Map<String, String> nameToStrategy) {
        queues.clear();
        queues.putAll(nameToStrategy);
        return this;
    }

    public FakeAmiServer start() throws IOException {
        return new FakeAmiServer(this);
    }
}
