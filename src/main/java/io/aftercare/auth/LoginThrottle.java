package io.aftercare.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed sign-ins per username and per client address over a sliding window, so passwords cannot be
 * guessed at speed. Thread-safe.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Duration window;
    private final int perUser;
    private final int perAddress;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock, Duration window, int perUser, int perAddress) {
        this.clock = clock;
        this.window = window;
        this.perUser = perUser;
        this.perAddress = perAddress;
    }

    /** True when this attempt may go ahead. */
    public boolean allowed(String username, String address) {
        return recent("u:" + username) < perUser && recent("a:" + address) < perAddress;
    }

    public void failed(String username, String address) {
        if (failures.size() > MAX_KEYS) {
            failures.clear(); // a flood of distinct keys must not grow memory without bound
        }
        record("u:" + username);
        record("a:" + address);
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private int recent(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times);
            return times.size();
        }
    }

    private void record(String key) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    private void prune(Deque<Instant> times) {
        Instant horizon = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(horizon)) {
            times.removeFirst();
        }
    }
}
