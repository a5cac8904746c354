package io.aftercare.calls;

import java.util.List;
import java.util.Objects;

/**
 * The channels of one agent's part in a call in progress, as call tracking knows them from the PBX's events: what
 * call controls act on ({@link CallTracker#legs}). Immutable.
 *
 * @param agent the agent's queue interface (e.g. {@code Local/agent1@agents}, {@code PJSIP/agent1})
 * @param agentLeg the agent's channel in the call's bridge (a Local member's {@code ;1}): transfers start from it;
 *                 null when not known (a call taken over after a restart before the PBX listed its channels)
 * @param agentPhone the agent's channel towards their phone (a Local member's {@code ;2}, else {@code agentLeg}):
 *                   hanging it up is the phone hanging up; null when not known
 * @param callerLeg the channel of the party the agent talks with (the caller's; the customer's in a click-to-call);
 *                  null while the agent only rings, or when not known
 * @param channels every live channel of the call, by name
 */
public record CallLegs(String pbxId, String linkedId, String agent, Part part, String agentLeg, String agentPhone,
                       String callerLeg, List<String> channels) {
    /** What the agent is doing on the call. */
    public enum Part {
        RINGING, TALKING, HOLDING
    }

    public CallLegs {
        Objects.requireNonNull(pbxId);
        Objects.requireNonNull(linkedId);
        Objects.requireNonNull(agent);
        Objects.requireNonNull(part);
        channels = List.copyOf(channels);
    }

    /** True once the agent answered: talking, or holding the other party. */
    public boolean answered() {
        return part != Part.RINGING;
    }
}
