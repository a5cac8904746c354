package io.aftercare.calls;

import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.events.PbxEvent.AgentCompleted;
import io.aftercare.telephony.events.PbxEvent.AgentConnected;
import io.aftercare.telephony.events.PbxEvent.AgentRingNoAnswer;
import io.aftercare.telephony.events.PbxEvent.AgentRinging;
import io.aftercare.telephony.events.PbxEvent.BridgeChanged;
import io.aftercare.telephony.events.PbxEvent.CallEvent;
import io.aftercare.telephony.events.PbxEvent.CallerIdChanged;
import io.aftercare.telephony.events.PbxEvent.ChannelCreated;
import io.aftercare.telephony.events.PbxEvent.ChannelHungUp;
import io.aftercare.telephony.events.PbxEvent.ChannelRenamed;
import io.aftercare.telephony.events.PbxEvent.DialEnded;
import io.aftercare.telephony.events.PbxEvent.DialStarted;
import io.aftercare.telephony.events.PbxEvent.HoldEnded;
import io.aftercare.telephony.events.PbxEvent.HoldStarted;
import io.aftercare.telephony.events.PbxEvent.CallbackTaken;
import io.aftercare.telephony.events.PbxEvent.QueueAbandoned;
import io.aftercare.telephony.events.PbxEvent.QueueWithdrawSent;
import io.aftercare.telephony.events.PbxEvent.QueueJoined;
import io.aftercare.telephony.events.PbxEvent.QueueLeft;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The state machine of one contact (all channels sharing a {@code Linkedid}, so Local channel {@code ;1}/{@code
 * ;2} pairs and agent legs belong to it): {@link #apply} takes an event and returns the next state, writing
 * contact and segment records to the {@link Effects}. Duplicate and out-of-order events leave it unchanged;
 * times never go backwards. Not thread-safe: owned by the call-tracking thread.
 */
final class Contact {
    /** What a transition produces besides the next state. */
    interface Effects {
        void segment(SegmentRecord segment);

        /** The agent's phone rings with this call, reached through the caller's channel {@code callerUid} (or ""). */
        void agentRinging(String iface, String name, String callerUid, Instant at);

        /** The agent's phone stopped ringing with this call, unanswered. */
        void agentRingEnded(String iface, String name, Instant at);

        /** The agent answered this call, reached through the caller's channel {@code callerUid} ("": unknown). */
        void agentConnected(String iface, String callerUid, Instant at);

        void agentHold(String iface, boolean on, Instant at);

        void agentCompleted(String iface, String queue, Instant at);

        /** The call is no longer the agent's, its end unseen long ago: no after-call work from a guessed start. */
        void agentReleased(String iface, Instant at);

        /** Seconds under which an abandon in this queue is short. */
        int shortAbandonSeconds(String queue);

        /** True when {@code iface} is an agent's (the agents table, or a queue member): a Dial to it rings an agent. */
        boolean isAgent(String iface);

        /** The queue the route offered this call to when it rings {@code iface} first, or null when it did not. */
        String firstRingQueue(String iface);
    }

    /**
     * How soon after app_queue's QueueCallerAbandon a caller who hung up is gone: a caller alive longer did not hang up
     * (a queue timeout, which app_queue reports as an abandon too). Times are the PBX's own event timestamps.
     */
    static final Duration ABANDON_HANGUP = Duration.ofMillis(1500);
    /** What follows an interface in its channels' names: Asterisk's sequence, and a Local channel's side. */
    private static final Pattern LEG_SUFFIX = Pattern.compile("-[0-9a-fA-F]+(;[12])?");

    /** A Dial to an agent: the agent's interface and the caller's channel that dialled it. */
    private record DialledAgent(String iface, String callerUniqueId) {}

    /** An agent consulting another (an attended transfer): their queue and the caller's channel they talked with. */
    private record Consulting(String iface, String queue, String callerLeg) {}

    final String pbxId;
    final String linkedId;
    private ContactState state = ContactState.IVR;
    private ContactKind kind = ContactKind.INBOUND;
    /** An outbound call's outcome as its OriginateResponse gave it; null until then. */
    private Outcome dialed;
    /** An outbound call's outcome as a Hangup cause tells it, until the OriginateResponse does; null if none did. */
    private Outcome hungUpAs;
    private String callerNum;
    /** callerNum's E.164, parsed once: callerNum never changes once set, and a record is written per event. */
    private String callerE164;
    private boolean callerParsed;
    private String callerName;
    /** The contact's queue: the one it was last offered to before its answer, kept through transfers. */
    private String queue;
    /** The queue the call is in now (a transfer's second queue included): its segments' queue. */
    private String here;
    /** Answered, then joined a queue again (a Redirect or transfer to a queue): a transfer, not a new offer. */
    private boolean transferred;
    /** When the transferred caller joined their latest queue; null unless waiting there now. */
    private Instant transferQueuedAt;
    private String answeredBy;
    private final Instant enteredAt;
    private Instant lastAt;
    private Instant queuedAt;
    private Instant answeredAt;
    private Instant dequeuedAt;
    private Instant endedAt;
    private boolean abandoned;
    private boolean shortAbandon;
    /**
     * When app_queue last reported the caller as abandoning (QueueCallerAbandon). It reports a queue timeout so too
     * (queue_log EXITWITHTIMEOUT): a caller whose call goes on past {@link #ABANDON_HANGUP} after it did not hang up,
     * their Queue() timed out, and the abandon becomes a time-out.
     */
    private Instant abandonedAt;
    /** aftercare asked the PBX to take the caller out of the queue for the callback offer; not yet out. */
    private boolean withdrawPending;
    /** Out of the queue for the callback offer, not back in it: hanging up now is an abandon. */
    private boolean withdrawn;
    /** The caller's channel that joined the queue last (its Uniqueid), for the callback offer's withdrawal. */
    private String queuedLeg;
    /** The caller took the callback offered: the call ends as {@link Outcome#CALLBACK}. */
    private boolean callbackTaken;
    private boolean lostTrack;
    private Integer pbxWait;
    private Integer pbxTalk;
    private final Set<String> live = new HashSet<>();
    private final Set<String> hungUp = new HashSet<>();
    private final Map<String, String> channelNames = new HashMap<>();
    /** Open segments by kind and agent. */
    private final Map<String, SegmentRecord> open = new LinkedHashMap<>();
    private String talkingWith;
    /** Agents rung by a Dial (not by app_queue), by the dialled channel's Uniqueid, until it ends. */
    private final Map<String, DialledAgent> dialled = new HashMap<>();
    /** The caller's channel app_queue connected to the agent talking now, and whether it is in their bridge. */
    private String callerLeg;
    private boolean callerBridged;
    /** The queue agent talking now: a leg of theirs left the bridge. */
    private boolean agentLegLeft;
    /**
     * The queue agent who placed a consultation call from within this call (an attended transfer: the consultation
     * shares the call's Linkedid and reaches another queue's agent) and is still on it; null otherwise. The agent the
     * consultation reached is {@link #talkingWith} meanwhile.
     */
    private Consulting consulting;
    /** The dialled channel of the agent talking on a Dial: their talk ends when it leaves the bridge. */
    private String talkingLeg;
    /** The queue's offer began when the preferred agent's phone began to ring: a queue join continues it. */
    private boolean ringOpenedOffer;
    /** A click-to-call's dial of the customer from the agent's leg: its channel, and how it ended (null until then). */
    private String customerLeg;
    private Outcome customerDialed;
    /** Taken over from a previous run's stored record, and not yet seen on the PBX. */
    private boolean unconfirmed;

    Contact(String pbxId, String linkedId, Instant enteredAt) {
        this.pbxId = pbxId;
        this.linkedId = linkedId;
        this.enteredAt = enteredAt;
        this.lastAt = enteredAt;
    }

    /**
     * A call a previous run stored as open, rebuilt from its contact row and its open queue, ring, talk and hold
     * segments; unconfirmed until {@link #confirm}. Its channels are unknown until the PBX lists them ({@link
     * #seen}). An abandon whose Hangup was not stored is not rebuilt: such a call ends as lost track.
     */
    static Contact restore(ContactRecord stored, Iterable<SegmentRecord> openSegments) {
        Contact c = new Contact(stored.pbxId(), stored.linkedId(), stored.enteredAt());
        c.unconfirmed = true;
        c.kind = stored.kind();
        c.callerNum = stored.callerRaw();
        c.callerE164 = stored.callerE164();
        c.callerParsed = stored.callerRaw() != null;
        c.callerName = stored.callerName();
        c.queue = stored.queue();
        c.here = stored.queue();
        c.answeredBy = stored.answeredBy();
        c.queuedAt = stored.queuedAt();
        c.answeredAt = stored.answeredAt();
        c.dequeuedAt = stored.dequeuedAt();
        c.pbxWait = stored.pbxWaitSeconds();
        c.pbxTalk = stored.pbxTalkSeconds();
        for (Instant at : new Instant[] {c.queuedAt, c.answeredAt, c.dequeuedAt}) {
            c.lastAt = at != null && at.isAfter(c.lastAt) ? at : c.lastAt;
        }
        for (SegmentRecord s : openSegments) {
            c.open.put(key(s.kind(), s.agent()), s);
            if (s.queue() != null) { // a transfer's queue, when the call had moved on
                c.here = s.queue();
                c.transferred |= c.answeredAt != null && !s.queue().equals(c.queue);
            }
            c.lastAt = s.startedAt().isAfter(c.lastAt) ? s.startedAt() : c.lastAt;
            if (s.kind() == SegmentKind.TALK || s.kind() == SegmentKind.HOLD) {
                c.talkingWith = s.agent();
            }
        }
        if (c.hasOpen(SegmentKind.HOLD)) {
            c.state = ContactState.ON_HOLD;
        } else if (c.talkingWith != null) {
            c.state = ContactState.TALKING;
        } else if (c.hasOpen(SegmentKind.RING)) {
            c.state = ContactState.RINGING;
        } else if (c.queuedAt != null && c.dequeuedAt == null) {
            c.state = ContactState.QUEUED;
        }
        return c;
    }

    /** True while this is a previous run's call the PBX has not yet shown to be still there. */
    boolean unconfirmed() {
        return unconfirmed;
    }

    /** The PBX still has this restored call: the agents it rings or talks with are told, as of {@code at}. */
    void confirm(Effects fx, Instant at) {
        if (!unconfirmed) {
            return;
        }
        unconfirmed = false;
        for (SegmentRecord s : open.values()) {
            if (s.kind() == SegmentKind.RING) {
                fx.agentRinging(s.agent(), "", "", at);
            }
        }
        if (talkingWith != null) {
            fx.agentConnected(talkingWith, "", at);
        }
        if (state == ContactState.ON_HOLD) {
            fx.agentHold(talkingWith, true, at);
        }
    }

    /** A channel of this call the PBX lists as up (a resync answer), named {@code channel}. */
    void seen(String uniqueId, String channel) {
        if (!hungUp.contains(uniqueId)) {
            live.add(uniqueId);
            if (channel != null && !channel.isEmpty()) {
                channelNames.put(uniqueId, channel);
            }
        }
    }

    /**
     * Asterisk's talk time of the agent who answered, from an {@code AgentComplete} that came after the call's end
     * without naming the call; true when it was taken (the first agent's, not after a transfer).
     */
    boolean lateTalkTime(String iface, int seconds) {
        if (pbxTalk != null || transferred || !iface.equals(answeredBy)) {
            return false;
        }
        pbxTalk = seconds;
        return true;
    }

    ContactState state() {
        return state;
    }

    ContactKind kind() {
        return kind;
    }

    /** aftercare placed this call: an outbound contact of {@code originated}, from its first event on. */
    void originated(ContactKind originated) {
        kind = originated;
    }

    /** True while this is an outbound call whose OriginateResponse has not come. */
    boolean awaitsOriginateResponse() {
        return kind.outbound() && dialed == null;
    }

    /**
     * The OriginateResponse of the call aftercare placed: answered from {@code at}, or why not; it may come after
     * the call ended. A call that never got a channel (the PBX could not create one) ends here.
     */
    void dialed(ContactKind originated, Outcome outcome, Instant at, boolean noChannel, Effects fx) {
        kind = originated;
        dialed = outcome;
        // a click-to-call's Originate is answered by the agent's phone: the customer's answer comes with their DialEnd
        if (outcome == Outcome.ANSWERED && answeredAt == null && kind != ContactKind.CLICK_TO_CALL
                && kind != ContactKind.CALLBACK) {
            answeredAt = at.isBefore(lastAt) ? lastAt : at;
        }
        if (noChannel && !state.isFinal()) {
            end(at, true, fx);
            state = ContactState.ENDED;
        }
    }

    String queue() {
        return queue;
    }

    /** The agent who answered first; null while unanswered. */
    String answeredBy() {
        return answeredBy;
    }

    Instant queuedAt() {
        return queuedAt;
    }

    /** The Uniqueid of the caller's channel that joined the queue last; null when none did. */
    String queuedLeg() {
        return queuedLeg;
    }

    /** The name of that channel while it lives; null otherwise. */
    String queuedChannel() {
        return queuedLeg == null || !live.contains(queuedLeg) ? null : channelNames.get(queuedLeg);
    }

    /** When the caller last left the queue (answered, timed out or abandoned); null while waiting. */
    Instant dequeuedAt() {
        return dequeuedAt;
    }

    Set<String> liveChannels() {
        return live;
    }

    /** Every channel seen, live or hung up. */
    Set<String> allChannels() {
        Set<String> all = new HashSet<>(live);
        all.addAll(hungUp);
        return all;
    }

    Instant lastAt() {
        return lastAt;
    }

    /** The agent talking with (or holding) the caller now; null when none. */
    String agentOnCall() {
        return talkingWith;
    }

    /** Applies one event and returns the next state. */
    ContactState apply(CallEvent event, Effects fx) {
        if (state.isFinal()) {
            return state;
        }
        Instant at = event.at().isBefore(lastAt) ? lastAt : event.at(); // a PBX clock jump back never shrinks time
        lastAt = at;
        if (abandoned && abandonedAt != null && Duration.between(abandonedAt, at).compareTo(ABANDON_HANGUP) > 0) {
            abandoned = false; // the caller lived on: Queue() timed out and the dialplan went on (to voicemail)
            shortAbandon = false;
            abandonedAt = null;
        }
        String uid = event.uniqueId();
        if (!uid.isEmpty() && !hungUp.contains(uid) && !(event instanceof ChannelHungUp)) {
            live.add(uid);
        }
        state = switch (event) {
            case ChannelCreated c -> {
                channelNames.put(uid, c.channel());
                caller(c.callerNum(), c.callerName());
                yield state;
            }
            case CallerIdChanged c -> {
                callerOfInbound(c.callerNum(), c.callerName());
                yield state;
            }
            case QueueJoined q -> {
                caller(q.callerNum(), q.callerName());
                if (state == ContactState.QUEUED && q.queue().equals(here)
                        && (dequeuedAt == null || !at.isAfter(dequeuedAt) || transferQueuedAt != null)) {
                    yield state; // a duplicate or replay; after leaving (a timeout), joining again is a new wait
                }
                if (answeredAt != null) { // a transfer to a queue: a segment of this contact, not a new offer
                    // the caller's own channel, or the agent's consultation call (an attended transfer not done yet)
                    transferred |= talkingWith == null || q.uniqueId().equals(callerLeg);
                    transferQueuedAt = at;
                    here = q.queue();
                    openSegment(SegmentKind.QUEUE, "", at, fx);
                    yield ContactState.QUEUED;
                }
                inQueue(q.queue());
                // after the preferred agent's ring, or back from the callback offer: the same wait
                queuedAt = ringOpenedOffer || withdrawn && queuedAt != null ? queuedAt : at;
                ringOpenedOffer = false;
                withdrawn = false;
                queuedLeg = q.uniqueId();
                dequeuedAt = null;
                openSegment(SegmentKind.QUEUE, "", at, fx);
                yield ContactState.QUEUED;
            }
            case AgentRinging r -> {
                caller(r.callerIdNum(), null); // a call that joined its queue before the link came up
                inQueue(r.queue());
                if (openSegment(SegmentKind.RING, r.iface(), at, fx)) {
                    fx.agentRinging(r.iface(), r.memberName(), uid, at);
                }
                yield state == ContactState.QUEUED || state == ContactState.IVR ? ContactState.RINGING : state;
            }
            case AgentRingNoAnswer r -> {
                if (closeSegment(SegmentKind.RING, r.iface(), at, fx)) {
                    fx.agentRingEnded(r.iface(), r.memberName(), at);
                }
                yield state == ContactState.RINGING && !hasOpen(SegmentKind.RING) ? ContactState.QUEUED : state;
            }
            case QueueLeft l -> {
                if (queue == null) {
                    inQueue(l.queue());
                }
                if (dequeuedAt == null) {
                    dequeuedAt = at;
                }
                transferQueuedAt = null;
                closeSegment(SegmentKind.QUEUE, "", at, fx);
                yield state;
            }
            case AgentConnected c -> connected(c, at, fx);
            case AgentCompleted c -> {
                if (pbxTalk == null && c.iface().equals(answeredBy) && !transferred) {
                    pbxTalk = c.pbxTalkSeconds(); // the first agent's; sent late after a Redirect, and then wrong
                }
                if (consulting != null && c.iface().equals(consulting.iface())) { // their attended transfer is done
                    transferred |= "transfer".equals(c.reason());
                    agentLeft(c.iface(), c.queue().isEmpty() ? consulting.queue() : c.queue(), true, at, fx);
                    consulting = null;
                    yield state;
                }
                if (!c.iface().equals(talkingWith)) {
                    yield state; // duplicate, never saw it connect, or their leg already left the bridge
                }
                closeSegment(SegmentKind.HOLD, c.iface(), at, fx);
                closeSegment(SegmentKind.TALK, c.iface(), at, fx);
                talkingWith = null;
                fx.agentCompleted(c.iface(), c.queue().isEmpty() ? here : c.queue(), at);
                yield consultationOver("transfer".equals(c.reason()) ? ContactState.QUEUED : ContactState.IVR);
            }
            case HoldStarted h -> {
                if (consultingHold(h.channel(), true, at, fx) || talkingWith == null
                        || state == ContactState.ON_HOLD) {
                    yield state;
                }
                closeSegment(SegmentKind.TALK, talkingWith, at, fx);
                openSegment(SegmentKind.HOLD, talkingWith, at, fx);
                fx.agentHold(talkingWith, true, at);
                yield ContactState.ON_HOLD;
            }
            case HoldEnded h -> {
                if (consultingHold(h.channel(), false, at, fx) || talkingWith == null
                        || state != ContactState.ON_HOLD) {
                    yield state;
                }
                closeSegment(SegmentKind.HOLD, talkingWith, at, fx);
                openSegment(SegmentKind.TALK, talkingWith, at, fx);
                fx.agentHold(talkingWith, false, at);
                yield ContactState.TALKING;
            }
            case DialStarted d -> dialStarted(d, at, fx);
            case DialEnded d -> dialEnded(d, at, fx);
            // a Dial's talk ends when the agent's leg leaves the bridge; so does a queue agent's, whom app_queue
            // tells only when the whole call ends if the caller was moved away (a Redirect)
            case BridgeChanged b -> !b.entered() && uid.equals(talkingLeg) ? dialledTalkEnded(at, fx)
                    : talkingLeg == null && talkingWith != null ? queueBridge(b, at, fx) : state;
            case ChannelRenamed r -> {
                channelNames.put(uid, r.newName());
                yield state;
            }
            case QueueWithdrawSent w -> {
                withdrawPending = state == ContactState.QUEUED || state == ContactState.RINGING;
                yield state;
            }
            case CallbackTaken t -> {
                callbackTaken = answeredAt == null;
                yield state;
            }
            case QueueAbandoned a when withdrawPending && answeredAt == null -> {
                // app_queue reports a withdrawn caller as abandoned, then as leaving: they hear the offer now
                withdrawPending = false;
                withdrawn = true;
                inQueue(a.queue());
                closeSegment(SegmentKind.QUEUE, "", at, fx);
                closeRings("", at, fx);
                dequeuedAt = at;
                yield ContactState.IVR;
            }
            case QueueAbandoned a -> {
                if (abandoned) {
                    yield state;
                }
                abandoned = true;
                abandonedAt = at;
                inQueue(a.queue());
                transferQueuedAt = null;
                closeSegment(SegmentKind.QUEUE, "", at, fx);
                closeRings("", at, fx);
                if (answeredAt != null) {
                    yield ContactState.QUEUED; // hung up in a transfer's queue: still the answered call it was
                }
                dequeuedAt = at;
                pbxWait = a.pbxHoldSeconds();
                Instant since = queuedAt == null ? at.minusSeconds(a.pbxHoldSeconds()) : queuedAt;
                shortAbandon = Duration.between(since, at).compareTo(
                        Duration.ofSeconds(fx.shortAbandonSeconds(a.queue()))) < 0;
                yield ContactState.QUEUED;
            }
            case ChannelHungUp h -> {
                callerOfInbound(h.callerNum(), h.callerName());
                ContactState next = uid.equals(talkingLeg) ? dialledTalkEnded(at, fx) : state;
                live.remove(uid);
                hungUp.add(uid);
                hungUpAs = hungUpAs == null ? Outcome.ofHangupCause(h.cause()) : hungUpAs;
                if (!live.isEmpty()) {
                    yield next;
                }
                end(at, true, fx);
                yield abandoned ? ContactState.ABANDONED : ContactState.ENDED;
            }
        };
        return state;
    }

    private ContactState connected(AgentConnected c, Instant at, Effects fx) {
        if (c.iface().equals(talkingWith)) {
            return state; // duplicate
        }
        if (talkingWith != null && talkingLeg == null && consulting == null && callerLeg != null
                && !c.uniqueId().equals(callerLeg)) {
            // another channel of the call reached an agent: the agent talking placed a consultation call (an attended
            // transfer), and stays on the call, usually holding the caller, until it completes or they give it up
            consulting = new Consulting(talkingWith, queueOf(talkingWith), callerLeg);
        } else if (talkingWith != null) { // a transfer we did not see end: the previous agent's talk ends here
            queueTalkEnded(at, fx);
        }
        inQueue(c.queue());
        closeSegment(SegmentKind.QUEUE, "", at, fx);
        closeRings(c.iface(), at, fx); // the one who answers goes from ringing to on the call, never ready between
        if (kind == ContactKind.CALLBACK) { // the placeholder reached an agent; the customer's answer comes later
            answeredBy = answeredBy == null ? c.iface() : answeredBy;
            pbxWait = pbxWait == null ? c.pbxHoldSeconds() : pbxWait;
        } else if (answeredAt == null) {
            answeredAt = at;
            pbxWait = c.pbxHoldSeconds();
            answeredBy = c.iface();
        }
        if (dequeuedAt == null) {
            dequeuedAt = at;
        }
        transferQueuedAt = null;
        talkingWith = c.iface();
        callerLeg = c.uniqueId();
        callerBridged = false;
        agentLegLeft = false;
        openSegment(SegmentKind.TALK, c.iface(), at, fx);
        fx.agentConnected(c.iface(), c.uniqueId(), at);
        return ContactState.TALKING;
    }

    /**
     * A Dial rings an agent: not app_queue ringing a member (the call is in a queue: its AgentCalled tells), nor a
     * dial to anyone but an agent. While an agent talks, only an attended transfer's consultation dialling an agent
     * counts ({@link #consultationDial}). When the route rings this agent first for a queue, the call is offered to that
     * queue from now on.
     */
    private ContactState dialStarted(DialStarted d, Instant at, Effects fx) {
        if (kind == ContactKind.CLICK_TO_CALL) {
            return clickToCallDialStarted(d, at, fx);
        }
        if (kind == ContactKind.CALLBACK) { // the placeholder's other half (the originated channel) dials the customer
            if (d.uniqueId().equals(linkedId) && customerLeg == null) {
                customerLeg = d.destUniqueId();
            }
            return state;
        }
        if (consultationDial(d, fx)) { // an attended transfer to an agent: their ring, while the first agent holds
            dialled.put(d.destUniqueId(), new DialledAgent(d.destIface(), d.uniqueId()));
            if (openSegment(SegmentKind.RING, d.destIface(), at, fx)) {
                fx.agentRinging(d.destIface(), "", d.uniqueId(), at);
            }
            return state;
        }
        if (d.uniqueId().isEmpty() || hasOpen(SegmentKind.QUEUE) || talkingWith != null
                || dialled.containsKey(d.destUniqueId()) || !fx.isAgent(d.destIface())) {
            return state;
        }
        caller(d.callerNum(), d.callerName()); // a call that never queues: no QueueCallerJoin names the caller
        String first = fx.firstRingQueue(d.destIface());
        if (first != null && queuedAt == null) {
            queue = first;
            here = first;
            queuedAt = at;
            dequeuedAt = null;
            ringOpenedOffer = true;
        }
        dialled.put(d.destUniqueId(), new DialledAgent(d.destIface(), d.uniqueId()));
        if (openSegment(SegmentKind.RING, d.destIface(), at, fx)) {
            fx.agentRinging(d.destIface(), "", d.uniqueId(), at);
        }
        return state == ContactState.QUEUED || state == ContactState.IVR ? ContactState.RINGING : state;
    }

    /**
     * A Dial to an agent ended: answered, their talk begins (the offer, if any, is answered: its wait was the ring);
     * else the ring ends, and with it the offer, for now: a queue join continues it, the caller hanging up while it
     * rang ({@code CANCEL}) abandons it.
     */
    private ContactState dialEnded(DialEnded d, Instant at, Effects fx) {
        if ((kind == ContactKind.CLICK_TO_CALL || kind == ContactKind.CALLBACK) && d.destUniqueId().equals(customerLeg)) {
            customerDialed = customerDialed == null ? Outcome.ofDialStatus(d.status()) : customerDialed;
            if (customerDialed == Outcome.ANSWERED && answeredAt == null) {
                answeredAt = at;
            }
            return state;
        }
        DialledAgent agent = dialled.get(d.destUniqueId());
        if (agent == null || d.destUniqueId().equals(talkingLeg)) {
            return state; // app_queue's dial, or a duplicate
        }
        String iface = agent.iface();
        if (d.answered()) {
            closeSegment(SegmentKind.RING, iface, at, fx); // no "not ringing" first: connected ends the ring
            if (kind == ContactKind.CLICK_TO_CALL) { // answered when the customer is
                answeredBy = answeredBy == null ? iface : answeredBy;
            } else if (answeredAt == null) {
                answeredAt = at;
                answeredBy = iface;
            }
            if (queuedAt != null && dequeuedAt == null) {
                dequeuedAt = at;
            }
            if (talkingWith != null && talkingLeg == null && consulting == null) { // a consultation's agent answered
                consulting = new Consulting(talkingWith, queueOf(talkingWith), callerLeg);
            }
            talkingWith = iface;
            talkingLeg = d.destUniqueId();
            openSegment(SegmentKind.TALK, iface, at, fx);
            fx.agentConnected(iface, agent.callerUniqueId(), at);
            return ContactState.TALKING;
        }
        dialled.remove(d.destUniqueId());
        if (closeSegment(SegmentKind.RING, iface, at, fx)) {
            fx.agentRingEnded(iface, "", at);
        }
        if (hasOpen(SegmentKind.RING) || state != ContactState.RINGING) {
            return state; // another agent of the same Dial still rings
        }
        if (queuedAt != null && answeredAt == null && dequeuedAt == null) {
            dequeuedAt = at;
            if ("CANCEL".equals(d.status())) {
                abandoned = true;
                shortAbandon = Duration.between(queuedAt, at).compareTo(
                        Duration.ofSeconds(fx.shortAbandonSeconds(queue))) < 0;
            }
        }
        return ContactState.IVR;
    }

    /**
     * A click-to-call's dials: the Originate's own (no dialling channel) rings the agent, whose answer starts their
     * talk as any Dial's does ({@link #dialEnded}); then the agent's leg dials the customer, whose DialEnd is the call's
     * outcome.
     */
    private ContactState clickToCallDialStarted(DialStarted d, Instant at, Effects fx) {
        if (d.uniqueId().isEmpty() && dialled.isEmpty() && answeredBy == null) {
            dialled.put(d.destUniqueId(), new DialledAgent(d.destIface(), ""));
            if (openSegment(SegmentKind.RING, d.destIface(), at, fx)) {
                fx.agentRinging(d.destIface(), "", "", at);
            }
            return ContactState.RINGING;
        }
        if (d.uniqueId().equals(talkingLeg) && customerLeg == null) {
            customerLeg = d.destUniqueId();
        }
        return state;
    }

    /**
     * A Dial to an agent from another channel of the call than the caller's while a queue agent talks: the consultation
     * call of an attended transfer to an agent (it shares the call's Linkedid), not the agent's own phone being dialled.
     */
    private boolean consultationDial(DialStarted d, Effects fx) {
        String dialling = channelNames.get(d.uniqueId());
        return talkingWith != null && talkingLeg == null && consulting == null && callerLeg != null
                && !hasOpen(SegmentKind.QUEUE) // a consultation in a queue: app_queue's own dial, its AgentCalled tells
                && !d.uniqueId().isEmpty() && !d.uniqueId().equals(callerLeg) && !isLegOf(dialling, talkingWith)
                && !dialled.containsKey(d.destUniqueId()) && fx.isAgent(d.destIface());
    }

    /** The agent a Dial connected left the bridge or hung up: their talk ends and their after-call work begins. */
    private ContactState dialledTalkEnded(Instant at, Effects fx) {
        String iface = talkingWith;
        dialled.remove(talkingLeg);
        talkingLeg = null;
        if (iface == null) {
            return state;
        }
        closeSegment(SegmentKind.HOLD, iface, at, fx);
        closeSegment(SegmentKind.TALK, iface, at, fx);
        talkingWith = null;
        fx.agentCompleted(iface, here, at);
        // a consultation's agent leaving before the transfer completes: the agent who consulted has the caller again
        return consultationOver(state == ContactState.TALKING || state == ContactState.ON_HOLD ? ContactState.IVR
                : state);
    }

    /**
     * A queue agent's talk ends when both their leg and the caller's have left the bridge: a Redirect of the caller.
     * The agent's leg alone leaving is a Local channel optimizing away (the device's channel takes its place); the
     * caller's alone, a Redirect of the caller's channel whose agent leg leaves next.
     */
    private ContactState queueBridge(BridgeChanged b, Instant at, Effects fx) {
        if (b.uniqueId().equals(callerLeg)) {
            callerBridged = b.entered();
        } else if (!b.entered() && isLegOf(b.channel(), talkingWith)) {
            agentLegLeft = true;
        }
        return agentLegLeft && !callerBridged ? queueTalkEnded(at, fx) : state;
    }

    /** The queue agent's leg left the bridge: their talk ends and their after-call work begins. */
    private ContactState queueTalkEnded(Instant at, Effects fx) {
        closeSegment(SegmentKind.HOLD, talkingWith, at, fx);
        closeSegment(SegmentKind.TALK, talkingWith, at, fx);
        fx.agentCompleted(talkingWith, here, at);
        talkingWith = null;
        return consultationOver(state == ContactState.TALKING || state == ContactState.ON_HOLD ? ContactState.IVR
                : state);
    }

    /** The queue of the open talk or hold segment of {@code iface}; the call's queue now when it has none. */
    private String queueOf(String iface) {
        SegmentRecord s = open.getOrDefault(key(SegmentKind.HOLD, iface), open.get(key(SegmentKind.TALK, iface)));
        return s != null && s.queue() != null ? s.queue() : here;
    }

    /**
     * A Hold or Unhold on the leg of the agent consulting another: theirs (their own talk and hold go on during the
     * consultation), not the consulted agent's. False when {@code channel} is no leg of theirs.
     */
    private boolean consultingHold(String channel, boolean on, Instant at, Effects fx) {
        if (consulting == null || !isLegOf(channel, consulting.iface())) {
            return false;
        }
        String iface = consulting.iface();
        if (on != open.containsKey(key(SegmentKind.HOLD, iface))) {
            closeSegment(on ? SegmentKind.TALK : SegmentKind.HOLD, iface, at, fx);
            openSegment(on ? SegmentKind.HOLD : SegmentKind.TALK, iface, consulting.queue(), at, fx);
            fx.agentHold(iface, on, at);
        }
        return true;
    }

    /**
     * {@code iface} leaves the call (the agent talking when it ends, or one who consulted another when their attended
     * transfer completes): their talk or hold ends and their after-call work begins in {@code queue}, or with {@code
     * afterCallWork} false they are just released.
     */
    private void agentLeft(String iface, String queue, boolean afterCallWork, Instant at, Effects fx) {
        closeSegment(SegmentKind.HOLD, iface, at, fx);
        closeSegment(SegmentKind.TALK, iface, at, fx);
        if (afterCallWork) {
            fx.agentCompleted(iface, queue, at);
        } else {
            fx.agentReleased(iface, at);
        }
    }

    /**
     * The consulted agent's talk ended while the agent who consulted them is still on the call (an attended
     * transfer given up): that agent has the caller again, on hold until their Unhold. Else {@code next}.
     */
    private ContactState consultationOver(ContactState next) {
        if (consulting == null) {
            return next;
        }
        talkingWith = consulting.iface();
        callerLeg = consulting.callerLeg();
        here = consulting.queue();
        callerBridged = true;
        agentLegLeft = false;
        consulting = null;
        return open.containsKey(key(SegmentKind.HOLD, talkingWith)) ? ContactState.ON_HOLD : ContactState.TALKING;
    }

    /**
     * True when {@code channel} is a leg of the agent's interface: the interface, or it with Asterisk's sequence
     * ({@code Local/agent1@agents-00000004;1}, {@code PJSIP/agent-two-0000001f}).
     */
    static boolean isLegOf(String channel, String iface) {
        if (iface == null || iface.isEmpty() || channel == null || !channel.startsWith(iface)) {
            return false;
        }
        String rest = channel.substring(iface.length());
        return rest.isEmpty() || LEG_SUFFIX.matcher(rest).matches();
    }

    /** The queue the call is in now, a transfer's included; "" when none. */
    String here() {
        return here == null ? "" : here;
    }

    /** The caller's number as the PBX gave it; null until known. */
    String callerNum() {
        return callerNum;
    }

    /**
     * The call is in {@code q} now (empty: unchanged); before its answer that is also the contact's queue, after it
     * a transfer's queue, which only its segments name.
     */
    private void inQueue(String q) {
        if (q == null || q.isEmpty()) {
            return;
        }
        here = q;
        if (answeredAt == null) {
            queue = q;
        }
    }

    /**
     * Ends the contact because the PBX no longer knows it, at its last known time: its agent's after-call work starts
     * (the resync after a reconnect or restart, the call having ended in the gap), or, with {@code afterCallWork}
     * false, the agent is released without it (the periodic channel check: the end may lie minutes back; a restarted
     * PBX that lists the agent in no queue).
     */
    ContactState loseTrack(Effects fx, boolean afterCallWork) {
        if (!state.isFinal()) {
            lostTrack = true;
            end(lastAt, afterCallWork, fx);
            state = abandoned ? ContactState.ABANDONED : ContactState.ENDED;
        }
        return state;
    }

    /** @param afterCallWork whether the agent's after-call work begins, or they are just released */
    private void end(Instant at, boolean afterCallWork, Effects fx) {
        endedAt = at;
        if (consulting != null) {
            agentLeft(consulting.iface(), consulting.queue(), afterCallWork, at, fx);
            consulting = null;
        }
        if (talkingLeg != null && afterCallWork) {
            dialledTalkEnded(at, fx);
        } else if (talkingLeg != null) { // released below, like a queue call's agent
            dialled.remove(talkingLeg);
            talkingLeg = null;
        }
        if (talkingWith != null) {
            agentLeft(talkingWith, here, afterCallWork, at, fx);
            talkingWith = null;
        }
        for (SegmentRecord s : open.values().toArray(SegmentRecord[]::new)) {
            closeSegment(s.kind(), s.agent(), at, fx);
            if (s.kind() == SegmentKind.RING) {
                fx.agentRingEnded(s.agent(), "", at);
            }
        }
    }

    ContactRecord record(java.util.function.Function<String, String> e164) {
        Outcome outcome;
        if (endedAt == null) {
            outcome = Outcome.OPEN;
        } else if (kind == ContactKind.CLICK_TO_CALL || kind == ContactKind.CALLBACK) {
            // the customer's answer decides; the agent's came first
            outcome = answeredAt != null ? Outcome.ANSWERED : customerDialed != null ? customerDialed
                    : dialed != null && dialed != Outcome.ANSWERED ? dialed : lostTrack ? Outcome.LOST_TRACK
                    : Outcome.FAILED;
        } else if (kind.outbound()) { // never a queue outcome; a call the PBX said nothing of was not placed
            outcome = dialed != null ? dialed : answeredAt != null ? Outcome.ANSWERED
                    : lostTrack ? Outcome.LOST_TRACK : hungUpAs != null ? hungUpAs : Outcome.FAILED;
        } else if (answeredAt != null) { // before abandoned: answered, transferred to a queue and hung up there
            outcome = Outcome.ANSWERED;
        } else if (callbackTaken) {
            outcome = Outcome.CALLBACK;
        } else if (abandoned || withdrawn) { // withdrawn: hung up while hearing the callback offer
            outcome = shortAbandon ? Outcome.SHORT_ABANDON : Outcome.ABANDONED;
        } else if (lostTrack) {
            outcome = Outcome.LOST_TRACK;
        } else {
            outcome = queuedAt != null ? Outcome.TIMEOUT : Outcome.IVR;
        }
        if (callerNum != null && !callerParsed) {
            callerE164 = e164.apply(callerNum);
            callerParsed = true;
        }
        return new ContactRecord(pbxId, linkedId, callerNum, callerE164,
                callerName, queue, answeredBy, enteredAt, queuedAt, answeredAt, dequeuedAt, endedAt, outcome,
                lostTrack, pbxWait, pbxTalk, kind);
    }

    /**
     * The caller ID a channel carries, for an inbound call or a click-to-call (whose Originate shows the agent the
     * customer): on the other calls aftercare places it is aftercare's own.
     */
    private void callerOfInbound(String num, String name) {
        // a click-to-call's Originate gives the agent's leg the customer's number: the first one the call shows
        if (!kind.outbound() || kind == ContactKind.CLICK_TO_CALL || kind == ContactKind.CALLBACK) {
            caller(num, name);
        }
    }

    private void caller(String num, String name) {
        if (callerNum == null && num != null && !num.isBlank()) {
            callerNum = num;
        }
        if (callerName == null && name != null && !name.isBlank()) {
            callerName = name;
        }
    }

    /**
     * The channels of {@code iface}'s part in this call ({@link CallLegs}; the agent talking when {@code iface} is
     * null), while they ring with, talk on or hold it; null when they do not.
     */
    CallLegs legs(String iface) {
        String agent = iface != null ? iface : talkingWith;
        if (agent == null) {
            return null;
        }
        CallLegs.Part part = open.containsKey(key(SegmentKind.HOLD, agent)) ? CallLegs.Part.HOLDING
                : open.containsKey(key(SegmentKind.TALK, agent)) ? CallLegs.Part.TALKING
                : open.containsKey(key(SegmentKind.RING, agent)) ? CallLegs.Part.RINGING : null;
        if (part == null) {
            return null;
        }
        String leg = null;
        String phone = null;
        java.util.List<String> channels = new java.util.ArrayList<>();
        for (String uid : live) {
            String name = channelNames.get(uid);
            if (name == null) {
                continue;
            }
            channels.add(name);
            if (isLegOf(name, agent) && name.endsWith(";2")) {
                phone = name;
            } else if (isLegOf(name, agent) && (leg == null || uid.equals(talkingLeg))) {
                leg = name;
            }
        }
        String callerUid = !agent.equals(talkingWith) ? null : talkingLeg == null ? callerLeg
                : kind == ContactKind.CLICK_TO_CALL ? customerLeg : dialled.get(talkingLeg).callerUniqueId();
        String caller = callerUid != null && live.contains(callerUid) ? channelNames.get(callerUid) : null;
        java.util.Collections.sort(channels);
        return new CallLegs(pbxId, linkedId, agent, part, leg, phone != null ? phone : leg, caller, channels);
    }

    /** True while {@code iface} rings with, talks on or holds this call. */
    boolean engages(String iface) {
        return open.values().stream().anyMatch(s -> s.agent().equals(iface) && (s.kind() == SegmentKind.RING
                || s.kind() == SegmentKind.TALK || s.kind() == SegmentKind.HOLD));
    }

    private boolean hasOpen(SegmentKind kind) {
        return open.values().stream().anyMatch(s -> s.kind() == kind);
    }

    private static String key(SegmentKind kind, String agent) {
        return kind + "|" + agent;
    }

    private boolean openSegment(SegmentKind kind, String agent, Instant at, Effects fx) {
        return openSegment(kind, agent, here, at, fx);
    }

    private boolean openSegment(SegmentKind kind, String agent, String queue, Instant at, Effects fx) {
        String key = key(kind, agent);
        if (open.containsKey(key)) {
            return false;
        }
        SegmentRecord s = new SegmentRecord(pbxId, linkedId, kind, agent, queue, at, null);
        open.put(key, s);
        fx.segment(s);
        return true;
    }

    private boolean closeSegment(SegmentKind kind, String agent, Instant at, Effects fx) {
        SegmentRecord s = open.remove(key(kind, agent));
        if (s == null) {
            return false;
        }
        fx.segment(s.closedAt(at));
        return true;
    }

    /** Ends every ring; each agent rung stops ringing, except {@code answering}, whom the connect moves on. */
    private void closeRings(String answering, Instant at, Effects fx) {
        for (SegmentRecord s : open.values().toArray(SegmentRecord[]::new)) {
            if (s.kind() == SegmentKind.RING && closeSegment(SegmentKind.RING, s.agent(), at, fx)
                    && !s.agent().equals(answering)) {
                fx.agentRingEnded(s.agent(), "", at);
            }
        }
    }
}
