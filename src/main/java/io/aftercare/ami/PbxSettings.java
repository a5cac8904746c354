package io.aftercare.ami;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one PBX's AMI; {@code id} keys every record from it. {@code reconcileInterval} is how often its
 * channel list is compared with the calls aftercare holds live (zero: never, only after each login). Immutable.
 */
public record PbxSettings(String id, String host, int port, String user, String secret,
                          Duration reconnectInitial, Duration reconnectMax, Duration pingInterval,
                          Duration reconcileInterval) {
    /** The default period of the channel check, as in reference.yaml. */
    public static final Duration RECONCILE_INTERVAL = Duration.ofMinutes(1);

    public PbxSettings {
        Objects.requireNonNull(id);
        Objects.requireNonNull(host);
        if (reconnectInitial.isNegative() || reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("reconnect delays must satisfy 0 <= initial <= max");
        }
        if (reconcileInterval.isNegative()) {
            throw new IllegalArgumentException("the reconcile interval must not be negative");
        }
    }

    /** With the default channel check, every {@link #RECONCILE_INTERVAL}. */
    public PbxSettings(String id, String host, int port, String user, String secret, Duration reconnectInitial,
                       Duration reconnectMax, Duration pingInterval) {
        this(id, host, port, user, secret, reconnectInitial, reconnectMax, pingInterval, RECONCILE_INTERVAL);
    }

    /** The event classes aftercare logs in for: channel and bridge events (call) and queue events (agent). */
    public static final String EVENT_MASK = "call,agent";

    @Override
    public String toString() { // never print the secret
        return "PbxSettings[id=" + id + ", host=" + host + ", port=" + port + ", user=" + user + "]";
    }
}
