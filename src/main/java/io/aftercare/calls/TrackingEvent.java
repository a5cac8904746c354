package io.aftercare.calls;

import java.time.Instant;
import java.util.Set;

/**
 * What call tracking decided, as immutable records: the only thing the screen pop, the wallboard and the
 * after-call-work policy hear of calls and agents. Unlike the PBX's events these are facts of tracked calls: a late,
 * duplicate or foreign event the tracker discards never becomes one, and a call rung by {@code Dial} gives the same
 * decisions as one rung by {@code Queue}. Every record carries the PBX id and the time the PBX gave the change.
 */
public sealed interface TrackingEvent {
    String pbxId();

    Instant at();

    /** An agent's decisions, in the order they were made. */
    sealed interface AgentDecision extends TrackingEvent {
        String iface();

        String linkedId();
    }

    /**
     * The agent's phone rings with call {@code linkedId}: offered from {@code queue} (empty: none), by the caller's
     * channel {@code callerUniqueId}, whose caller ID is {@code callerNum} (may be null).
     */
    record AgentOffered(String pbxId, Instant at, String iface, String linkedId, String callerUniqueId, String queue,
                        String callerNum) implements AgentDecision {}

    /** The agent's phone stopped ringing with call {@code linkedId} unanswered (no answer, answered elsewhere...). */
    record AgentRingEnded(String pbxId, Instant at, String iface, String linkedId) implements AgentDecision {}

    /** The agent answered call {@code linkedId}, reached through the caller's channel {@code callerUniqueId}. */
    record AgentAnswered(String pbxId, Instant at, String iface, String linkedId, String callerUniqueId, String queue)
            implements AgentDecision {}

    /**
     * The agent's part of call {@code linkedId} ended and their after-call work began; aftercare pauses them, with
     * reason {@link AgentBoard#ACW}, in {@code pauseQueues}: the queues where they were ready, or every queue when
     * {@code everyQueue} (one action). Empty queues: nothing to pause.
     */
    record WrapupStarted(String pbxId, Instant at, String iface, String linkedId, String queue,
                         Set<String> pauseQueues, boolean everyQueue) implements AgentDecision {
        public WrapupStarted {
            pauseQueues = Set.copyOf(pauseQueues);
        }
    }

    /**
     * The agent's after-call work ended; aftercare unpauses {@code unpauseQueues} (every queue when {@code
     * everyQueue}), the after-call-work pauses still in place. Empty when it ended for another reason (a new call, an unpause or
     * another pause in Asterisk, logging out): the pauses are then Asterisk's to keep.
     */
    record WrapupEnded(String pbxId, Instant at, String iface, String linkedId, Set<String> unpauseQueues,
                       boolean everyQueue) implements AgentDecision {
        public WrapupEnded {
            unpauseQueues = Set.copyOf(unpauseQueues);
        }
    }

    /** An agent's state as shown and stored changed. */
    record AgentChanged(AgentStateChange change) implements TrackingEvent {
        @Override
        public String pbxId() {
            return change.pbxId();
        }

        @Override
        public Instant at() {
            return change.at();
        }
    }

    /** A call's record changed (state, queue, caller, outcome), at the PBX's time {@code at}: what is stored now. */
    record CallChanged(String pbxId, Instant at, ContactRecord contact) implements TrackingEvent {}

    /**
     * The live state of PBX {@code pbxId} was rebuilt from its channel and queue lists (after each login): calls it
     * no longer had are closed, the agents' memberships are Asterisk's.
     */
    record Rebuilt(String pbxId, Instant at, int liveCalls) implements TrackingEvent {}
}
