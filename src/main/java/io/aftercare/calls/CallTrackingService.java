package io.aftercare.calls;

import io.aftercare.telephony.events.PbxEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link CallTracker} on its own single thread: {@link #accept} only enqueues, so the AMI reader that
 * calls it never waits; queries run on the same thread, so the tracker needs no locks. After each piece of work the
 * tracker's decisions go to the listeners, in order, on that thread. Thread-safe.
 */
public final class CallTrackingService implements Consumer<PbxEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallTrackingService.class);

    private final CallTracker tracker;
    private final java.time.Clock clock;
    private final ScheduledThreadPoolExecutor thread;
    private final java.util.List<Consumer<TrackingEvent>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CallTrackingService(CallTracker tracker, java.time.Clock clock) {
        this.clock = clock;
        this.tracker = tracker;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().name("call-tracking")
                .daemon(true).unstarted(r));
        thread.scheduleWithFixedDelay(() -> run(t -> t.agents().expireWrapups()), 1, 1, TimeUnit.SECONDS);
    }

    /** Hands an event to the tracking thread; never blocks. */
    @Override
    public void accept(PbxEvent event) {
        thread.execute(() -> run(t -> t.on(event)));
    }

    /**
     * Why agent {@code iface} must not be rung before queue {@code queue} now, or empty when it may ({@link
     * io.aftercare.calls.AgentBoard#busyReason}). Never waits for the tracking thread: the route calls it.
     */
    public java.util.Optional<String> busyReason(String pbxId, String iface, String queue) {
        return tracker.agents().busyReason(pbxId, iface, queue);
    }

    /** The route rings {@code iface} before queueing the call in {@code queue} ({@link CallTracker#ringsFirst}). */
    public void ringsFirst(String pbxId, String linkedId, String queue, String iface) {
        try {
            thread.execute(() -> run(t -> t.ringsFirst(pbxId, linkedId, queue, iface)));
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            LOG.debug("not tracking the first ring of {}: call tracking has stopped", linkedId);
        }
    }

    /** The agents table's interfaces, read anew ({@link CallTracker#agentInterfaces}). */
    public void agentInterfaces(java.util.Set<String> interfaces) {
        thread.execute(() -> run(t -> t.agentInterfaces(interfaces)));
    }

    /**
     * The pieces of work waiting for the tracking thread (events, questions), not counting its own periodic
     * check: how far tracking lags behind the PBX. Any thread; copies the queue, so for a scrape, not a loop.
     */
    public int queued() {
        int n = 0;
        for (Runnable task : thread.getQueue()) {
            if (!(task instanceof RunnableScheduledFuture<?> f && f.isPeriodic())) {
                n++;
            }
        }
        return n;
    }

    /** Hands every decision to {@code listener}, on the tracking thread: it must only hand work off. */
    public void addListener(Consumer<TrackingEvent> listener) {
        listeners.add(listener);
    }

    /** Runs {@code question} on the tracking thread and completes with its answer. */
    public <T> CompletableFuture<T> ask(Function<CallTracker, T> question) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return question.apply(tracker);
            } finally {
                tell();
            }
        }, thread);
    }

    /** Ends an agent's after-call work (a disposition); completes with false when none was running. */
    public CompletableFuture<Boolean> dispose(String pbxId, String iface) {
        return ask(t -> t.agents().dispose(pbxId, iface, clock.instant()));
    }

    /** Extends an agent's after-call work ({@link AgentBoard#extendWrapup}); empty when none is running. */
    public CompletableFuture<java.util.Optional<AgentBoard.Extension>> extendWrapup(String pbxId, String iface,
                                                                                  int seconds) {
        return ask(t -> t.agents().extendWrapup(pbxId, iface, seconds));
    }

    /** Whether the agent is still ringing with, talking on or holding the call ({@link CallTracker#engaged}). */
    public CompletableFuture<Boolean> engaged(String pbxId, String linkedId, String iface) {
        return ask(t -> t.engaged(pbxId, linkedId, iface));
    }

    public CompletableFuture<java.util.List<AgentView>> agents() {
        return ask(t -> t.agents().views());
    }

    private void run(Consumer<CallTracker> work) {
        try {
            work.accept(tracker);
        } catch (RuntimeException e) {
            LOG.error("call tracking failed on an event; state kept", e);
        }
        tell();
    }

    /** Hands the decisions made so far to every listener; a failing listener does not keep them from the others. */
    private void tell() {
        for (TrackingEvent decision : tracker.takeDecisions()) {
            for (Consumer<TrackingEvent> listener : listeners) {
                try {
                    listener.accept(decision);
                } catch (RuntimeException e) {
                    LOG.error("a listener of call tracking failed on {}", decision.getClass().getSimpleName(), e);
                }
            }
        }
    }

    /** Processes everything already handed in, then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
