package io.aftercare.screenpop;

import io.aftercare.telephony.events.PbxEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * per agent. The full pop is built while the phone rings, right after the {@code ringing} message, and sent as
 * it is when the agent answers (if that is within {@link #PREPARED_FOR} and it identified the caller), so
 * answering costs no database read: the pop then shows the records as they were when the call began to ring.
 * Thread-safe.
 */
public final class ScreenPopNotifier implements Consumer<PbxEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenPopNotifier.class);

    private final ScreenPopService pops;
    private final AgentPushHub hub;
    private final ExecutorService workers;
    private final Clock clock;
    private final Map<String, CompletableFuture<Void>> perAgent = new ConcurrentHashMap<>();
    /** Pops built at ringing, by agent and call; taken at AgentConnect, dropped when stale or not answered. */
    private final Map<Ring, Prepared> prepared = new ConcurrentHashMap<>();

    /** How long a pop built at ringing may wait for the answer (a queue rings an agent for seconds, not minutes). */
    static final Duration PREPARED_FOR = Duration.ofSeconds(60);

    private record Ring(String iface, String pbxId, String linkedId) {}

    private record Prepared(ScreenPop pop, Instant builtAt) {}

    public ScreenPopNotifier(ScreenPopService pops, AgentPushHub hub, ExecutorService workers, Clock clock) {
        this.pops = pops;
        this.hub = hub;
        this.workers = workers;
        this.clock = clock;
    }

    @Override
    public void accept(PbxEvent event) {
        switch (event) {
            case PbxEvent.AgentRinging e -> inOrder(e.iface(), () -> {
                var ref = new ScreenPopService.CallRef(e.pbxId(), e.linkedId(), e.uniqueId(), e.queue(),
                        e.callerIdNum());
                hub.publish(e.iface(), "ringing", pops.ringing(ref), true);
                prepare(new Ring(e.iface(), e.pbxId(), e.linkedId()), ref);
            });
            case PbxEvent.AgentConnected e -> inOrder(e.iface(), () -> {
                Prepared ready = prepared.remove(new Ring(e.iface(), e.pbxId(), e.linkedId()));
                hub.publish(e.iface(), "connected", usable(ready) ? ready.pop()
                        : pops.pop(ref(e.pbxId(), e.linkedId(), e.uniqueId(), e.queue())), true);
            });
            case PbxEvent.AgentCompleted e -> inOrder(e.iface(), () -> hub.publish(e.iface(), "wrap-up",
                    pops.wrapUp(ref(e.pbxId(), e.linkedId(), e.uniqueId(), e.queue())), true));
            case PbxEvent.AgentRingNoAnswer e -> inOrder(e.iface(), () -> {
                prepared.remove(new Ring(e.iface(), e.pbxId(), e.linkedId()));
                hub.publish(e.iface(), "missed", Map.of("linkedId", e.linkedId()), false);
                hub.clear(e.iface());
            });
            default -> { } // every other event is for call tracking only
        }
    }

    /**
     * A pop built at ringing serves the answer when it is recent and knew the caller: the call's records are
     * written in batches, so at ringing the caller may not be identified yet, and by the answer they are.
     */
    private boolean usable(Prepared ready) {
        return ready != null && ready.pop().customer() != null
                && !ready.builtAt().plus(PREPARED_FOR).isBefore(clock.instant());
    }

    /** Builds the pop for the answer to come; forgets pops whose call was never answered (caller hung up). */
    private void prepare(Ring ring, ScreenPopService.CallRef ref) {
        Instant now = clock.instant();
        prepared.values().removeIf(p -> p.builtAt().plus(PREPARED_FOR).isBefore(now));
        prepared.put(ring, new Prepared(pops.pop(ref), now));
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
