package io.aftercare.screenpop;

import io.aftercare.telephony.events.PbxEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns call events into agent push messages: {@code ringing} at AgentCalled, {@code connected} with the full
 * screen pop at AgentConnect, {@code wrap-up} with the disposition form when the agent's call ends. It is
 * called on the call-tracking thread and only hands work off; pops are built on the given executor, in order
 * per agent. Thread-safe.
 */
public final class ScreenPopNotifier implements Consumer<PbxEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenPopNotifier.class);

    private final ScreenPopService pops;
    private final AgentPushHub hub;
    private final ExecutorService workers;
    private final Map<String, CompletableFuture<Void>> perAgent = new ConcurrentHashMap<>();

    public ScreenPopNotifier(ScreenPopService pops, AgentPushHub hub, ExecutorService workers) {
        this.pops = pops;
        this.hub = hub;
        this.workers = workers;
    }

    @Override
    public void accept(PbxEvent event) {
        switch (event) {
            case PbxEvent.AgentRinging e -> inOrder(e.iface(), () -> hub.publish(e.iface(), "ringing",
                    pops.ringing(ref(e.pbxId(), e.linkedId(), e.uniqueId(), e.queue())), true));
            case PbxEvent.AgentConnected e -> inOrder(e.iface(), () -> hub.publish(e.iface(), "connected",
                    pops.pop(ref(e.pbxId(), e.linkedId(), e.uniqueId(), e.queue())), true));
            case PbxEvent.AgentCompleted e -> inOrder(e.iface(), () -> hub.publish(e.iface(), "wrap-up",
                    pops.wrapUp(ref(e.pbxId(), e.linkedId(), e.uniqueId(), e.queue())), true));
            case PbxEvent.AgentRingNoAnswer e -> inOrder(e.iface(), () -> {
                hub.publish(e.iface(), "missed", Map.of("linkedId", e.linkedId()), false);
                hub.clear(e.iface());
            });
            default -> { } // every other event is for call tracking only
        }
    }

    private static ScreenPopService.CallRef ref(String pbx, String linkedId, String uniqueId, String queue) {
        return new ScreenPopService.CallRef(pbx, linkedId, uniqueId, queue);
    }

    /** Runs the agent's messages one after another, so a slow pop never overtakes the next message. */
    private void inOrder(String iface, Runnable work) {
        perAgent.compute(iface, (k, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                .thenRunAsync(() -> {
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        LOG.warn("screen pop for an agent failed: {}", e.toString());
                    }
                }, workers));
    }
}
