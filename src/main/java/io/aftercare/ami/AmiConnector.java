package io.aftercare.ami;

import io.aftercare.config.AftercareConfig;
import io.aftercare.telephony.AgentCommands;
import io.aftercare.telephony.CallCommands;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.PbxQueues;
import io.aftercare.telephony.PbxUnavailableException;
import io.aftercare.telephony.events.MailboxChanged;
import io.aftercare.telephony.events.PbxEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;
import org.asteriskjava.manager.action.QueueStatusAction;

/**
 * The AMI links to every configured PBX, their state for {@code /health}, the queue commands agents and the
 * after-call-work timer send, and the call controls ({@link CallActions}). Every value put into an action passes
 * {@link AmiValues#clean}. Thread-safe.
 */
public final class AmiConnector implements AgentCommands, CallCommands, PbxQueues, AutoCloseable {
    private final Map<String, PbxLink> links = new LinkedHashMap<>();
    private final ScheduledExecutorService control;
    private final List<Consumer<PbxEvent.OriginateResult>> originateListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<MailboxChanged>> mailboxListeners = new CopyOnWriteArrayList<>();
    private final Consumer<PbxEvent> sink;
    private final Clock clock;

    /** @param sink receives every translated event; must not block (it runs on asterisk-java's reader) */
    public AmiConnector(List<PbxSettings> pbxs, Consumer<PbxEvent> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
        this.control = Executors.newScheduledThreadPool(Math.max(1, pbxs.size()),
                Thread.ofPlatform().name("ami-control-", 0).daemon(true).factory());
        for (PbxSettings pbx : pbxs) {
            if (links.put(pbx.id(), new PbxLink(pbx, event -> route(event, sink),
                    changed -> mailboxListeners.forEach(listener -> listener.accept(changed)), clock, control)) != null) {
                throw new IllegalArgumentException("duplicate PBX id " + pbx.id());
            }
        }
    }

    /**
     * The links to the PBXs {@code config} names (the default one, if configured, then the others), feeding {@code
     * sink}; empty when it names none. Not started.
     */
    public static Optional<AmiConnector> of(AftercareConfig.Ami config, Consumer<PbxEvent> sink, Clock clock) {
        List<PbxSettings> pbxs = new ArrayList<>();
        if (config.configured()) {
            pbxs.add(new PbxSettings(config.pbxId(), config.host(), config.port(), config.user(), config.secret(),
                    config.reconnectInitial(), config.reconnectMax(), config.pingInterval(),
                    config.reconcileInterval()));
        }
        for (AftercareConfig.Pbx more : config.more()) {
            pbxs.add(new PbxSettings(more.id(), more.host(), more.port(), more.user(), more.secret(),
                    config.reconnectInitial(), config.reconnectMax(), config.pingInterval(),
                    config.reconcileInterval()));
        }
        return pbxs.isEmpty() ? Optional.empty() : Optional.of(new AmiConnector(pbxs, sink, clock));
    }

    /** The ids of the PBXs linked, in configuration order. */
    @Override
    public java.util.Set<String> pbxIds() {
        return java.util.Collections.unmodifiableSet(links.keySet());
    }

    public void start() {
        links.values().forEach(PbxLink::start);
    }

    /** Per PBX id: connected, connecting, reconnecting: why, down: why, stopped. */
    public Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        links.forEach((id, link) -> states.put(id, link.state()));
        return states;
    }

    /** Every queue app_queue has on {@code pbxId} and its members (QueueStatus), within 5 s. */
    @Override
    public CompletionStage<List<PbxQueue>> queues(String pbxId) {
        PbxLink link = links.get(pbxId);
        if (link == null) {
            return CompletableFuture.failedFuture(notConfigured(pbxId));
        }
        return link.list(new QueueStatusAction(), 5_000).thenApply(QueueInventory::read);
    }

    @Override
    public CompletionStage<Void> add(String pbxId, String queue, String iface, String memberName,
                                     String stateInterface, int penalty, boolean paused, String reason) {
        QueueAddAction a = new QueueAddAction(AmiValues.clean(queue), AmiValues.clean(iface));
        a.setMemberName(AmiValues.clean(memberName));
        if (penalty > 0) {
            a.setPenalty(penalty);
        }
        if (stateInterface != null && !stateInterface.isBlank()) {
            a.setStateInterface(AmiValues.clean(stateInterface));
        }
        a.setPaused(paused);
        if (paused && reason != null && !reason.isBlank()) {
            a.setReason(AmiValues.clean(reason));
        }
        return link(pbxId).send(a);
    }

    @Override
    public CompletionStage<Void> pause(String pbxId, String queue, String iface, boolean paused, String reason) {
        QueuePauseAction a = new QueuePauseAction(AmiValues.clean(iface), paused);
        if (queue != null && !queue.isBlank()) {
            a.setQueue(AmiValues.clean(queue));
        }
        if (reason != null && !reason.isBlank()) {
            a.setReason(AmiValues.clean(reason));
        }
        return link(pbxId).send(a);
    }

    @Override
    public CompletionStage<Void> remove(String pbxId, String queue, String iface) {
        return link(pbxId).send(new QueueRemoveAction(AmiValues.clean(queue), AmiValues.clean(iface)));
    }

    /**
     * Sends an async Originate with our own ActionID, also as its ChannelId (the call's Uniqueid and Linkedid);
     * completes when Asterisk queued it (Response Success) or fails with Asterisk's message. The call tracker is
     * told first ({@link PbxEvent.OriginateSent}); the outcome arrives later as an {@link PbxEvent.OriginateResult}
     * to the tracker and to the listeners of {@link #addOriginateListener}.
     */
    public CompletionStage<Void> originate(String pbxId, OriginateRequest request) {
        return queue(pbxId, request).thenApply(message -> null);
    }

    /** The Originate of {@link #originate(String, OriginateRequest)}; completes with Asterisk's Message. */
    private CompletionStage<String> queue(String pbxId, OriginateRequest request) {
        PbxLink link = link(pbxId);
        OriginateAction a = new OriginateAction();
        a.setActionId(AmiValues.clean(request.actionId()));
        a.setChannelId(AmiValues.clean(request.actionId()));
        a.setChannel(AmiValues.clean(request.channel()));
        a.setContext(AmiValues.clean(request.context()));
        a.setExten(AmiValues.clean(request.exten()));
        a.setPriority(request.priority());
        if (request.callerId() != null && !request.callerId().isBlank()) {
            a.setCallerId(AmiValues.clean(request.callerId()));
        }
        a.setTimeout(request.timeoutMs());
        a.setAsync(true);
        setVariables(a, request.variables());
        sink.accept(new PbxEvent.OriginateSent(pbxId, clock.instant(), a.getActionId(), a.getChannel(),
                request.kind()));
        return link.request(a);
    }

    @Override
    public CompletionStage<String> hangup(String pbxId, String channel) {
        return request(pbxId, () -> CallActions.hangup(channel));
    }

    @Override
    public CompletionStage<String> setVariable(String pbxId, String channel, String name, String value) {
        return request(pbxId, () -> CallActions.setVariable(channel, name, value));
    }

    @Override
    public CompletionStage<String> blindTransfer(String pbxId, String channel, String context, String exten) {
        return request(pbxId, () -> CallActions.blindTransfer(channel, context, exten));
    }

    @Override
    public CompletionStage<String> attendedTransfer(String pbxId, String channel, String context, String digits) {
        return request(pbxId, () -> CallActions.attendedTransfer(channel, context, digits));
    }

    @Override
    public CompletionStage<String> cancelAttendedTransfer(String pbxId, String channel) {
        return request(pbxId, () -> CallActions.cancelAttendedTransfer(channel));
    }

    @Override
    public CompletionStage<String> playDtmf(String pbxId, String channel, char digit) {
        return request(pbxId, () -> CallActions.playDtmf(channel, digit));
    }

    @Override
    public CompletionStage<String> notify(String pbxId, String channel, Map<String, String> headers) {
        return request(pbxId, () -> CallActions.notify(channel, headers));
    }

    /**
     * Takes the caller on {@code channel} (call {@code linkedId}, channel {@code uniqueId}) out of {@code queue} to the
     * dialplan with {@code info} in QUEUE_WITHDRAW_INFO (AMI QueueWithdrawCaller); call tracking is told first, so
     * that app_queue's QueueCallerAbandon for it is no abandon. Completes with Asterisk's Message.
     */
    public CompletionStage<String> withdrawCaller(String pbxId, String queue, String channel, String linkedId,
                                                  String uniqueId, String info) {
        if (!links.containsKey(pbxId)) {
            return CompletableFuture.failedFuture(notConfigured(pbxId));
        }
        sink.accept(new PbxEvent.QueueWithdrawSent(pbxId, clock.instant(), linkedId, uniqueId, queue));
        return request(pbxId, () -> new QueueWithdrawCallerAction(AmiValues.clean(queue), AmiValues.clean(channel),
                AmiValues.clean(info)));
    }

    /** A click-to-call (or any call of {@code originateId}'s kind), told to call tracking like a survey's. */
    @Override
    public CompletionStage<String> originate(String pbxId, String originateId, String channel, String context,
                                             String exten, String callerId, Duration ringTimeout,
                                             Map<String, String> variables) {
        if (!links.containsKey(pbxId)) {
            return CompletableFuture.failedFuture(notConfigured(pbxId));
        }
        return queue(pbxId, new OriginateRequest(originateId, channel, context, exten, 1, callerId,
                ringTimeout.toMillis(), variables));
    }

    @Override
    public CompletionStage<String> originatePlain(String pbxId, String channelId, String channel, String context, String exten,
                                                  String callerId, Duration ringTimeout,
                                                  Map<String, String> variables) {
        return request(pbxId, () -> {
            if (!ContactKind.noContact(channelId)) {
                throw new IllegalArgumentException("not an id of a call that is no contact: " + channelId);
            }
            OriginateAction a = new OriginateAction();
            a.setChannelId(AmiValues.clean(channelId));
            a.setChannel(AmiValues.clean(channel));
            a.setContext(AmiValues.clean(context));
            a.setExten(AmiValues.clean(exten));
            a.setPriority(1);
            if (callerId != null && !callerId.isBlank()) {
                a.setCallerId(AmiValues.clean(callerId));
            }
            a.setTimeout(ringTimeout.toMillis());
            a.setAsync(true);
            setVariables(a, variables);
            return a;
        });
    }

    /** Channel variables of an Originate, names and values cleaned of what would end an AMI header. */
    private static void setVariables(OriginateAction a, Map<String, String> variables) {
        Map<String, String> clean = new LinkedHashMap<>();
        variables.forEach((k, v) -> clean.put(AmiValues.clean(k).replace("=", ""), AmiValues.clean(v)));
        if (!clean.isEmpty()) {
            a.setVariables(clean);
        }
    }

    /** Sends the action {@code build} makes to {@code pbxId}; a PBX not configured fails as unavailable. */
    private CompletionStage<String> request(String pbxId, java.util.function.Supplier<ManagerAction> build) {
        PbxLink link = links.get(pbxId);
        return link == null ? CompletableFuture.failedFuture(notConfigured(pbxId)) : link.request(build.get());
    }

    private static PbxUnavailableException notConfigured(String pbxId) {
        return new PbxUnavailableException("no PBX with id '" + pbxId + "' is configured");
    }

    /** {@code listener} receives every OriginateResponse; it runs on asterisk-java's reader and must not block. */
    public void addOriginateListener(Consumer<PbxEvent.OriginateResult> listener) {
        originateListeners.add(listener);
    }

    /**
     * {@code listener} receives every voicemail box change (AMI MessageWaiting); it runs on asterisk-java's reader
     * and must not block.
     */
    public void addMailboxListener(Consumer<MailboxChanged> listener) {
        mailboxListeners.add(listener);
    }

    /** OriginateResponse answers go to the originate listeners too. */
    private void route(PbxEvent event, Consumer<PbxEvent> sink) {
        if (event instanceof PbxEvent.OriginateResult result) {
            originateListeners.forEach(listener -> listener.accept(result));
        }
        sink.accept(event);
    }

    private PbxLink link(String pbxId) {
        PbxLink link = links.get(pbxId);
        if (link == null) {
            throw new IllegalArgumentException("unknown PBX id " + pbxId);
        }
        return link;
    }

    @Override
    public void close() {
        links.values().forEach(PbxLink::stop);
        control.shutdownNow();
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
