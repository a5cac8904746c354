package io.aftercare.ami;

import java.time.Duration;
import java.util.Objects;

/** How to reach one PBX's AMI; {@code id} keys every record from it. Immutable. */
public record PbxSettings(String id, String host, int port, String user, String secret,
                          Duration reconnectInitial, Duration reconnectMax, Duration pingInterval) {
    public PbxSettings {
        Objects.requireNonNull(id);
        Objects.requireNonNull(host);
        if (reconnectInitial.isNegative() || reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("reconnect delays must satisfy 0 <= initial <= max");
        }
    }

    /** The event classes aftercare logs in for: channel and bridge events (call) and queue events (agent). */
    public static final String EVENT_MASK = "call,agent";

    @Override
    public String toString() { // never print the secret
        return "PbxSettings[id=" + id + ", host=" + host + ", port=" + port + ", user=" + user + "]";
    }
}
