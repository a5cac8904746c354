package io.aftercare.calls;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may be rung now, as the {@link AgentBoard} last saw each agent: written by the board on the tracking thread
 * after every change, read by any thread (the route's) without waiting for it. Thread-safe.
 */
final class AgentAvailability {
    /** An agent as {@link #busyReason} sees it. */
    private record Seen(AgentState state, Map<String, Boolean> paused, Map<String, String> reasons, int deviceStatus) {}

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** The board changed agent {@code key}: its state, its queues' pauses and reasons, its phone's device state. */
    void update(String key, AgentState state, Map<String, Boolean> paused, Map<String, String> reasons,
                int deviceStatus) {
        seen.put(key, new Seen(state, Map.copyOf(paused), Map.copyOf(reasons), deviceStatus));
    }

    /** See {@link AgentBoard#busyReason}. */
    Optional<String> busyReason(String key, String queue) {
        Seen a = seen.get(key);
        if (a == null || !a.paused().containsKey(queue)) {
            return Optional.of("not logged in to " + queue);
        }
        if (a.paused().get(queue)) {
            String why = a.reasons().getOrDefault(queue, "");
            return Optional.of("paused in " + queue + (why.isEmpty() ? "" : " (" + why + ")"));
        }
        return switch (a.state()) {
            case RINGING -> Optional.of("ringing");
            case ON_CALL, ON_HOLD -> Optional.of("on a call");
            case AFTER_CALL_WORK -> Optional.of("in after-call work");
            default -> switch (a.deviceStatus()) {
                case 2, 3, 6, 7, 8 -> Optional.of("phone in use"); // INUSE, BUSY, RINGING, RINGINUSE, ONHOLD
                case 4, 5 -> Optional.of("phone unavailable"); // INVALID, UNAVAILABLE
                default -> Optional.empty(); // NOT_INUSE, or UNKNOWN (no device state: app_queue rings it too)
            };
        };
    }
}
