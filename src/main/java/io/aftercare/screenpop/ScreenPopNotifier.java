package io.aftercare.screenpop;

import io.aftercare.calls.TrackingEvent;
import io.aftercare.calls.TrackingEvent.AgentAnswered;
import io.aftercare.calls.TrackingEvent.AgentOffered;
import io.aftercare.calls.TrackingEvent.AgentRingEnded;
import io.aftercare.calls.TrackingEvent.WrapupStarted;
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
 * Turns call tracking's agent decisions into push messages: {@code ringing} when the agent is offered a call, {@code
 * connected} with the full screen pop when they answer, {@code wrap-up} with the disposition form when their part
 * ends, {@code missed} when it stops ringing unanswered. Nothing is read or built for an agent who has no desktop
 * open ({@link AgentPushHub#watched}): only their latest call is remembered, and built when their first stream opens.
 * It is called on the call-tracking thread and only hands work off; messages are built on the given executor, in
 * order per agent. The full pop is built while the phone rings, right after the {@code ringing} message, and sent as
 * it is when the agent answers (if that is within {@link #PREPARED_FOR} and it identified the caller), so answering
 * costs no database read: the pop then shows the records as they were when the call began to ring. Thread-safe.
 */
public final class ScreenPopNotifier implements Consumer<TrackingEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenPopNotifier.class);

    private final ScreenPopService pops;
    private final AgentPushHub hub;
    private final ExecutorService workers;
    private final Clock clock;
    private final Map<String, CompletableFuture<Void>> perAgent = new ConcurrentHashMap<>();
    /** Pops built at ringing, by agent and call; taken at the answer, dropped when stale or not answered. */
    private final Map<Ring, Prepared> prepared = new ConcurrentHashMap<>();
    /** Each agent's latest call and what it is for them now, whether or not anyone watches. */
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    /** The latest that was last sent to each agent (by identity): a decision and a replay never both send one. */
    private final Map<String, Latest> sent = new ConcurrentHashMap<>();

    /** How long a pop built at ringing may wait for the answer (a queue rings an agent for seconds, not minutes). */
    static final Duration PREPARED_FOR = Duration.ofSeconds(60);

    private record Ring(String iface, String pbxId, String linkedId) {}

    private record Prepared(ScreenPop pop, Instant builtAt) {}

    /** What the agent's desktop shows of a call: it rings, it is answered, or its wrap-up form. */
    private enum Stage { RINGING, CONNECTED, WRAP_UP }

    private record Latest(Stage stage, ScreenPopService.CallRef ref) {}

    public ScreenPopNotifier(ScreenPopService pops, AgentPushHub hub, ExecutorService workers, Clock clock) {
        this.pops = pops;
        this.hub = hub;
        this.workers = workers;
        this.clock = clock;
        hub.onFirstStream(iface -> {
            Latest now = latest.get(iface);
            if (now != null) {
                inOrder(iface, () -> replay(iface, now));
            }
        });
    }

    @Override
    public void accept(TrackingEvent decision) {
        switch (decision) {
            case AgentOffered e -> {
                var ref = new ScreenPopService.CallRef(e.pbxId(), e.linkedId(), e.callerUniqueId(), e.queue(),
                        e.callerNum());
                Latest now = new Latest(Stage.RINGING, ref);
                latest.put(e.iface(), now);
                if (hub.watched(e.iface())) {
                    show(e.iface(), now, () -> {
                        hub.publish(e.iface(), "ringing", pops.ringing(ref), true);
                        prepare(new Ring(e.iface(), e.pbxId(), e.linkedId()), ref);
                    });
                }
            }
            case AgentAnswered e -> {
                var ref = same(e.iface(), e.pbxId(), e.linkedId(), e.callerUniqueId(), e.queue());
                Latest now = new Latest(Stage.CONNECTED, ref);
                latest.put(e.iface(), now);
                Ring ring = new Ring(e.iface(), e.pbxId(), e.linkedId());
                if (hub.watched(e.iface())) {
                    show(e.iface(), now, () -> connected(e.iface(), ring, ref));
                } else {
                    prepared.remove(ring);
                }
            }
            case WrapupStarted e -> {
                var ref = same(e.iface(), e.pbxId(), e.linkedId(), "", e.queue());
                Latest now = new Latest(Stage.WRAP_UP, ref);
                latest.put(e.iface(), now);
                if (hub.watched(e.iface())) {
                    show(e.iface(), now, () -> hub.publish(e.iface(), "wrap-up", pops.wrapUp(ref), true));
                }
            }
            case AgentRingEnded e -> {
                Ring ring = new Ring(e.iface(), e.pbxId(), e.linkedId());
                prepared.remove(ring);
                latest.computeIfPresent(e.iface(), (k, l) -> l.stage() == Stage.RINGING
                        && l.ref().linkedId().equals(e.linkedId()) ? null : l);
                if (hub.watched(e.iface())) {
                    inOrder(e.iface(), () -> {
                        hub.publish(e.iface(), "missed", Map.of("linkedId", e.linkedId()), false);
                        hub.clear(e.iface());
                    });
                }
            }
            default -> { } // not the agent's desktop's business
        }
    }

    /**
     * The call the agent's latest decision named, now with {@code callerUniqueId} and {@code queue} where known: an
     * answer or wrap-up keeps the caller's number and channel the offer carried.
     */
    private ScreenPopService.CallRef same(String iface, String pbxId, String linkedId, String callerUniqueId,
                                          String queue) {
        Latest before = latest.get(iface);
        ScreenPopService.CallRef was = before == null || !before.ref().linkedId().equals(linkedId)
                || !before.ref().pbxId().equals(pbxId) ? null : before.ref();
        String uid = !callerUniqueId.isEmpty() || was == null ? callerUniqueId : was.uniqueId();
        return new ScreenPopService.CallRef(pbxId, linkedId, uid, queue.isEmpty() && was != null ? was.queue() : queue,
                was == null ? null : was.callerIdNum());
    }

    private void connected(String iface, Ring ring, ScreenPopService.CallRef ref) {
        Prepared ready = prepared.remove(ring);
        hub.publish(iface, "connected", usable(ready) ? ready.pop() : pops.pop(ref), true);
    }

    /** Sends a decision's message to a watching agent, in order, unless a replay sent the same already. */
    private void show(String iface, Latest now, Runnable publish) {
        inOrder(iface, () -> {
            if (sent.get(iface) != now) {
                publish.run();
                sent.put(iface, now);
            }
        });
    }

    /**
     * The agent's first stream opened: they get the message of their call as it was then, built now, unless a
     * decision's message reached the new stream first.
     */
    private void replay(String iface, Latest now) {
        sent.put(iface, now);
        switch (now.stage()) {
            case RINGING -> hub.publishUnlessSent(iface, "ringing", pops.ringing(now.ref()));
            case CONNECTED -> hub.publishUnlessSent(iface, "connected", pops.pop(now.ref()));
            case WRAP_UP -> hub.publishUnlessSent(iface, "wrap-up", pops.wrapUp(now.ref()));
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
