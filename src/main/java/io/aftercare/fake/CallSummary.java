package io.aftercare.fake;

import java.util.List;

/**
 * What a simulated call did, known once its last Hangup went out; immutable and thread-safe.
 *
 * @param linkedid   the Linkedid every leg of the call carries
 * @param uniqueid   the Uniqueid of the caller's channel in the queue (the Local ;2 leg)
 * @param channel    that channel's name
 * @param caller     the caller ID presented
 * @param queues     the queues the caller joined, in order (two after a transfer)
 * @param agents     member names of the agents who answered, in order
 * @param outcome    how it ended
 * @param agiFailed  whether the FastAGI route session failed (so the call went to general-support)
 */
public record CallSummary(String linkedid, String uniqueid, String channel, CallerId caller, List<String> queues,
        List<String> agents, CallPlan.Outcome outcome, boolean agiFailed) {

    public CallSummary {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
    }
}
