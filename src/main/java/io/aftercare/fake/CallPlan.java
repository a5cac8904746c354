package io.aftercare.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * What one simulated inbound call will do once it reaches its queue; immutable and thread-safe.
 *
 * @param outcome         how the call ends
 * @param queueWait       least time in queue before the first agent rings (more when all agents are busy)
 * @param patience        for {@link Outcome#ABANDONED}: how long the caller waits before hanging up, unrung; for the
 *                        others: how long they wait for an agent to answer before hanging up (zero: until the queue's
 *                        timeout)
 * @param ring            how long an agent's phone rings before the agent answers
 * @param ringNoAnswer    whether the first agent rung lets it ring out (AgentRingNoAnswer) and another is tried
 * @param talk            talk time with the (first) agent, hold included
 * @param holdAfter       when the agent puts the caller on hold, counted from the answer; ignored if {@code hold} is zero
 * @param hold            how long the caller is on hold; zero for no hold
 * @param agentHangsUp    whether the agent (Reason agent) or the caller (Reason caller) ends the talk
 * @param talkAfterTransfer for {@link Outcome#TRANSFERRED}: talk time with the second agent
 */
public record CallPlan(Outcome outcome, Duration queueWait, Duration patience, Duration ring, boolean ringNoAnswer,
        Duration talk, Duration holdAfter, Duration hold, boolean agentHangsUp, Duration talkAfterTransfer) {

    /** How a simulated call ends. */
    public enum Outcome {
        /** An agent answers and the call ends in the talk (AgentComplete Reason agent or caller). */
        ANSWERED,
        /** The caller hangs up while waiting in queue (QueueCallerAbandon). */
        ABANDONED,
        /** The agent blind-transfers the caller to another queue, where another agent answers. */
        TRANSFERRED,
        /** Only as a {@link CallSummary}'s outcome: nobody answered before the dialplan's Queue() timeout. */
        TIMED_OUT,
        /**
         * Only as a {@link CallSummary}'s outcome: offered a callback while waiting (AMI QueueWithdrawCaller), the
         * caller pressed 1, heard the confirmation and hung up.
         */
        CALLBACK
    }

    public CallPlan {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.TIMED_OUT || outcome == Outcome.CALLBACK) {
            throw new IllegalArgumentException("a call cannot be planned to time out or take a callback: the queue and"
                    + " aftercare's offer decide");
        }
        for (Duration d : new Duration[] {queueWait, patience, ring, talk, holdAfter, hold, talkAfterTransfer}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("durations must be present and not negative");
            }
        }
        if (!hold.isZero() && holdAfter.plus(hold).compareTo(talk) >= 0) {
            throw new IllegalArgumentException("hold must end before the talk does");
        }
    }

    /** An answered call: no wait, 3 s ring, {@code talk} long, ended by the agent, no hold. */
    public static CallPlan answered(Duration talk) {
        return new CallPlan(Outcome.ANSWERED, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(3), false, talk,
                Duration.ZERO, Duration.ZERO, true, Duration.ZERO);
    }

    /** A call abandoned after {@code patience} in queue. */
    public static CallPlan abandoned(Duration patience) {
        return new CallPlan(Outcome.ABANDONED, Duration.ZERO, patience, Duration.ZERO, false, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, false, Duration.ZERO);
    }

    /** An answered call transferred after {@code talk}, then {@code talkAfterTransfer} with the next agent. */
    public static CallPlan transferred(Duration talk, Duration talkAfterTransfer) {
        return new CallPlan(Outcome.TRANSFERRED, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(3), false, talk,
                Duration.ZERO, Duration.ZERO, true, talkAfterTransfer);
    }

    public CallPlan withHold(Duration after, Duration length) {
        return new CallPlan(outcome, queueWait, patience, ring, ringNoAnswer, talk, after, length, agentHangsUp, talkAfterTransfer);
    }

    public CallPlan withRingNoAnswer() {
        return new CallPlan(outcome, queueWait, patience, ring, true, talk, holdAfter, hold, agentHangsUp, talkAfterTransfer);
    }

    public CallPlan withCallerHangingUp() {
        return new CallPlan(outcome, queueWait, patience, ring, ringNoAnswer, talk, holdAfter, hold, false, talkAfterTransfer);
    }

    public CallPlan withQueueWait(Duration wait) {
        return new CallPlan(outcome, wait, patience, ring, ringNoAnswer, talk, holdAfter, hold, agentHangsUp, talkAfterTransfer);
    }

    /** The same call whose caller hangs up after {@code wait} without an answer. */
    public CallPlan withPatience(Duration wait) {
        return new CallPlan(outcome, queueWait, wait, ring, ringNoAnswer, talk, holdAfter, hold, agentHangsUp, talkAfterTransfer);
    }

    public boolean held() {
        return !hold.isZero();
    }
}
