package io.aftercare.agents;

import io.aftercare.calls.AgentBoard;
import io.aftercare.calls.TrackingEvent;
import io.aftercare.telephony.AgentCommands;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out call tracking's after-call-work decisions on the PBX: pauses the agent, with reason {@value
 * AgentBoard#ACW}, in the queues the decision names when their work starts, and unpauses those when it ends. Every
 * queue at once is one action ({@code QueuePause} without a queue). A refused command is logged; the next member
 * event or resync shows the truth. Runs on the tracking thread and never blocks it. Thread-safe.
 */
public final class AfterCallWorkPolicy implements Consumer<TrackingEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(AfterCallWorkPolicy.class);

    private final AgentCommands commands;

    public AfterCallWorkPolicy(AgentCommands commands) {
        this.commands = commands;
    }

    @Override
    public void accept(TrackingEvent event) {
        switch (event) {
            case TrackingEvent.WrapupStarted w -> pause(w.pbxId(), w.iface(), w.pauseQueues(), w.everyQueue(), true);
            case TrackingEvent.WrapupEnded w -> pause(w.pbxId(), w.iface(), w.unpauseQueues(), w.everyQueue(), false);
            default -> { } // not after-call work
        }
    }

    private void pause(String pbxId, String iface, Set<String> queues, boolean everyQueue, boolean paused) {
        for (String queue : everyQueue ? List.of("") : queues.stream().sorted().toList()) {
            commands.pause(pbxId, queue, iface, paused, paused ? AgentBoard.ACW : "").whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("cannot {} {} on {} for after-call work: {}", paused ? "pause" : "unpause", iface, pbxId,
                            failure.getMessage());
                }
            });
        }
    }
}
