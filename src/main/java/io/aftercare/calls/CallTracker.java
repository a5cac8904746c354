package io.aftercare.calls;

import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.calls.TrackingEvent.AgentAnswered;
import io.aftercare.calls.TrackingEvent.AgentOffered;
import io.aftercare.calls.TrackingEvent.AgentRingEnded;
import io.aftercare.telephony.events.PbxEvent.AgentConnected;
import io.aftercare.telephony.events.PbxEvent.AgentRinging;
import io.aftercare.telephony.events.PbxEvent.CallEvent;
import io.aftercare.telephony.events.PbxEvent.CallerIdChanged;
import io.aftercare.telephony.events.PbxEvent.ChannelCreated;
import io.aftercare.telephony.events.PbxEvent.ChannelSnapshot;
import io.aftercare.telephony.events.PbxEvent.LinkChanged;
import io.aftercare.telephony.events.PbxEvent.OriginateResult;
import io.aftercare.telephony.events.PbxEvent.OriginateSent;
import io.aftercare.telephony.events.PbxEvent.QueueJoined;
import io.aftercare.telephony.events.PbxEvent.QueueLeft;
import io.aftercare.telephony.events.PbxEvent.Resynced;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of live call and agent state: routes each {@link PbxEvent} to its contact's state machine (by PBX id
 * and Linkedid) and to its {@link AgentBoard}, and tells what they decided as {@link TrackingEvent}s ({@link
 * #takeDecisions}), the only news of calls and agents the rest of aftercare gets. It takes over the calls a previous
 * run left open, and closes calls that ended while the AMI link was down or aftercare was not running, or whose end
 * it missed while the link was up (the periodic channel check). Events for calls that already ended are ignored, so
 * a call is never counted twice. A call aftercare originated ({@link Originations}) is an outbound contact of its
 * kind, whose outcome is the OriginateResponse's. Not thread-safe: it lives on one thread ({@link CallTrackingService}).
 */
public final class CallTracker {
    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);
    private static final int ENDED_REMEMBERED = 50_000;
    private static final int UNDIALED_REMEMBERED = 1_000;

    private final Map<String, Contact> live = new HashMap<>();
    private final Map<String, Boolean> ended = bounded(ENDED_REMEMBERED);
    /** The ended call each agent answered last, by PBX and interface: a late AgentComplete's talk time goes there. */
    private final Map<String, Contact> lastAnswered = bounded(1_000);
    private final Map<String, String> contactOfChannel = new HashMap<>();
    /**
     * Calls the route told to ring an agent first, by PBX and Linkedid: the agent and the queue offered. Bounded: a
     * ring announced for a call whose events never come (the PBX link was down) is forgotten eventually.
     */
    private final Map<String, FirstRing> firstRings = bounded(ENDED_REMEMBERED);
    /** Interfaces of the agents table: a Dial to one of them rings an agent. */
    private Set<String> agentInterfaces = Set.of();
    /** Decisions made since the last {@link #takeDecisions}, in order. */
    private List<TrackingEvent> decisions = new ArrayList<>();
    private final Map<String, Set<String>> suspects = new HashMap<>();
    private final ChannelCheck channelCheck = new ChannelCheck();
    /** Outbound calls that ended before their OriginateResponse came (Busy() ends the call first), by key. */
    private final Map<String, Contact> endedUndialed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Contact> eldest) {
            return size() > UNDIALED_REMEMBERED;
        }
    };
    private final Originations originations = new Originations();
    private final TrackingSink sink;
    private final AgentBoard agents;
    private final Function<String, String> e164;
    private final Function<String, QueueTiming> queues;

    /**
     * @param e164 the E.164 form of a raw caller ID, or null when it is not a valid number
     * @param queues a queue's time rules (short abandon, after-call work)
     */
    public CallTracker(TrackingSink sink, Clock clock, Function<String, String> e164,
                       Function<String, QueueTiming> queues) {
        this.sink = sink;
        this.queues = queues;
        this.agents = new AgentBoard(sink, decision -> decisions.add(decision), clock, queues);
        this.e164 = e164;
    }

    private record FirstRing(String iface, String queue) {}

    public AgentBoard agents() {
        return agents;
    }

    /**
     * The route (or IVR) told the PBX to ring {@code iface} before queueing call {@code linkedId} in {@code queue}:
     * if that ring happens, it counts as the queue's offer. Told before the PBX hears it, so before the Dial's events.
     */
    public void ringsFirst(String pbxId, String linkedId, String queue, String iface) {
        firstRings.put(key(pbxId, linkedId), new FirstRing(iface, queue));
    }

    /** The interfaces of the agents table (replacing the previous set): a Dial to one of them rings an agent. */
    public void agentInterfaces(Set<String> interfaces) {
        agentInterfaces = Set.copyOf(interfaces);
    }

    /**
     * One more interface of the agents table, ahead of the next reload: an agent call controls just named (the target
     * of an attended transfer, whose ring comes from the consultation's Dial).
     */
    public void agentInterface(String iface) {
        if (!agentInterfaces.contains(iface)) {
            Set<String> more = new HashSet<>(agentInterfaces);
            more.add(iface);
            agentInterfaces = Set.copyOf(more);
        }
    }

    /** What the tracker and its board decided since the last call, in order; each decision is returned once. */
    public List<TrackingEvent> takeDecisions() {
        if (decisions.isEmpty()) {
            return List.of();
        }
        List<TrackingEvent> taken = decisions;
        decisions = new ArrayList<>();
        return taken;
    }

    /** True while agent {@code iface} rings with, talks on or holds call {@code linkedId} of {@code pbxId}. */
    public boolean engaged(String pbxId, String linkedId, String iface) {
        Contact c = live.get(key(pbxId, linkedId));
        return c != null && c.engages(iface);
    }

    /** True while call {@code linkedId} of {@code pbxId} is in progress. */
    public boolean inProgress(String pbxId, String linkedId) {
        return live.containsKey(key(pbxId, linkedId));
    }

    /**
     * The channels of agent {@code iface}'s part in call {@code linkedId} (the agent talking on it when {@code iface}
     * is null): the agent's leg and phone channel, and the caller's channel they talk with ({@link CallLegs}); empty
     * when the call is not in progress or the agent does not ring with, talk on or hold it.
     */
    public Optional<CallLegs> legs(String pbxId, String linkedId, String iface) {
        Contact c = live.get(key(pbxId, linkedId));
        return c == null ? Optional.empty() : Optional.ofNullable(c.legs(iface));
    }

    /** The call agent {@code iface} rings with, talks on or holds, if any. */
    public Optional<String> callOf(String pbxId, String iface) {
        return live.values().stream().filter(c -> c.pbxId.equals(pbxId) && c.engages(iface)).map(c -> c.linkedId)
                .findFirst();
    }

    /** Number of calls in progress. */
    public int liveCalls() {
        return live.size();
    }

    /**
     * Inbound calls waiting in a queue now (queued or ringing an agent), for the wallboard; a previous run's call
     * counts only once the PBX has shown it is still there.
     */
    public List<WaitingCall> waiting() {
        List<WaitingCall> out = new ArrayList<>();
        for (Contact c : live.values()) {
            ContactState s = c.state();
            // a caller who left the queue (timed out to voicemail, abandoned) waits no longer, though still connected
            if ((s == ContactState.QUEUED || s == ContactState.RINGING) && c.queuedAt() != null
                    && c.dequeuedAt() == null && !c.unconfirmed() && !c.kind().outbound()) {
                out.add(new WaitingCall(c.pbxId, c.linkedId, c.queue() == null ? "" : c.queue(), c.queuedAt(),
                        c.queuedLeg(), c.queuedChannel(), c.callerNum()));
            }
        }
        return out;
    }

    /**
     * Takes over the calls a previous run stored as open, with their open segments, before any event: each is live
     * again but unconfirmed (not waiting, no agent told) until an event of it arrives or the channel list after its
     * link comes up shows it; that first list closes the others as lost track at their last known time. A call of
     * a PBX not in {@code pbxIds} can never be confirmed and is closed so at once.
     */
    public void restore(List<ContactRecord> open, List<SegmentRecord> openSegments, Set<String> pbxIds) {
        Map<String, List<SegmentRecord>> segmentsOf = new HashMap<>();
        for (SegmentRecord s : openSegments) {
            segmentsOf.computeIfAbsent(key(s.pbxId(), s.linkedId()), k -> new ArrayList<>()).add(s);
        }
        for (ContactRecord stored : open) {
            String key = key(stored.pbxId(), stored.linkedId());
            Contact contact = Contact.restore(stored, segmentsOf.getOrDefault(key, List.of()));
            live.put(key, contact);
            if (!pbxIds.contains(stored.pbxId())) {
                loseTrack(key, contact, true);
            }
        }
    }

    public void on(PbxEvent event) {
        switch (event) {
            case CallEvent c -> onCall(c);
            case PbxEvent.AgentEvent a -> agents.on(a);
            case Resynced r -> resync(r);
            case OriginateSent o -> originations.sent(o);
            case OriginateResult o -> dialed(o);
            case LinkChanged l -> {
                channelCheck.reset(l.pbxId());
                if (l.up()) { // calls known now and missing from the coming resync answer ended while away
                    suspects.put(l.pbxId(), liveOf(l.pbxId()));
                }
            }
            case PbxEvent.ChannelsRequested q -> channelCheck.asked(q.pbxId(), liveOf(q.pbxId()));
            case PbxEvent.ChannelsListed l -> check(l);
        }
    }

    private Set<String> liveOf(String pbxId) {
        Set<String> keys = new HashSet<>();
        live.forEach((k, c) -> {
            if (c.pbxId.equals(pbxId)) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** The periodic channel check ({@link ChannelCheck}): closes the calls two lists in a row left out. */
    private void check(PbxEvent.ChannelsListed answer) {
        for (String key : channelCheck.unseenTwice(answer, live::containsKey, CallTracker::key)) {
            Contact c = live.get(key);
            LOG.warn("PBX {} no longer has call {} ({}, queue {}, last event at {}), whose end was never seen:"
                    + " closed as lost track", c.pbxId, c.linkedId, c.state().name().toLowerCase(java.util.Locale.ROOT),
                    c.queue() == null ? "none" : c.queue(), c.lastAt());
            loseTrack(key, c, false);
        }
    }

    private void onCall(CallEvent event) {
        String linkedId = event.linkedId().isEmpty()
                ? contactOfChannel.getOrDefault(key(event.pbxId(), event.uniqueId()), "") : event.linkedId();
        if (ContactKind.noContact(linkedId)) {
            return; // a call aftercare placed that is no contact: a supervisor's ChanSpy
        }
        if (linkedId.isEmpty()) {
            if (event instanceof PbxEvent.AgentCompleted late && late.uniqueId().isEmpty()) {
                lateCompletion(late);
            }
            return;
        }
        String key = key(event.pbxId(), linkedId);
        Contact contact = live.get(key);
        if (contact == null) {
            if (ended.containsKey(key) || !startsContact(event)) {
                return; // late or duplicate event of a finished call, or a Hangup of a call we never saw
            }
            contact = new Contact(event.pbxId(), linkedId, event.at());
            contact.originated(originations.kindOf(event, linkedId));
            live.put(key, contact);
        }
        if (!event.uniqueId().isEmpty()) {
            contactOfChannel.put(key(event.pbxId(), event.uniqueId()), linkedId);
        }
        contact.confirm(effects(contact), event.at()); // a previous run's call the PBX still has
        ContactState before = contact.state();
        ContactState after = contact.apply(event, effects(contact));
        if (after != before || !(event instanceof ChannelCreated || event instanceof CallerIdChanged)) {
            store(contact, event.at());
        }
        if (after.isFinal()) {
            finish(key, contact);
        }
    }

    /**
     * The OriginateResponse of a call aftercare placed (any other is another AMI client's, and ignored): the call
     * is found by the Linkedid it was given, else by the Uniqueid echoed; a call the PBX never created a channel for
     * is stored as a failed outbound contact of its own.
     */
    private void dialed(OriginateResult result) {
        Originations.Originating sent = originations.answered(result,
                contactOfChannel.get(key(result.pbxId(), result.uniqueId())));
        Optional<ContactKind> kind = sent != null ? Optional.of(sent.sent().kind())
                : ContactKind.ofOriginateId(result.uniqueId()); // sent by a previous run
        if (kind.isEmpty()) {
            return;
        }
        String linkedId = sent != null && sent.linkedId() != null ? sent.linkedId()
                : contactOfChannel.getOrDefault(key(result.pbxId(), result.uniqueId()), result.uniqueId());
        Outcome outcome = Outcome.ofOriginateReason(result.reasonCode());
        Contact contact = live.get(key(result.pbxId(), linkedId));
        contact = contact != null ? contact : endedUndialed.remove(key(result.pbxId(), linkedId));
        boolean noChannel = contact == null;
        if (noChannel) {
            if (outcome == Outcome.ANSWERED) {
                return; // an answered call has channels: its events tell the rest
            }
            linkedId = !linkedId.isEmpty() ? linkedId : sent != null ? sent.sent().actionId() : result.actionId();
            if (ended.containsKey(key(result.pbxId(), linkedId))) {
                return;
            }
            contact = new Contact(result.pbxId(), linkedId, result.at());
        }
        contact.dialed(kind.get(), outcome, result.at(), noChannel, effects(contact));
        store(contact, result.at());
        if (noChannel) {
            ended.put(key(result.pbxId(), linkedId), Boolean.TRUE);
        }
    }

    private static boolean startsContact(CallEvent event) {
        return event instanceof ChannelCreated || event instanceof QueueJoined || event instanceof QueueLeft
                || event instanceof AgentRinging || event instanceof AgentConnected;
    }

    private void resync(Resynced r) {
        // memberships first: a call that ended unseen must find its agent's pauses as they are now
        agents.resync(r.pbxId(), r.members(), r.at());
        Set<String> stillThere = new HashSet<>();
        for (ChannelSnapshot ch : r.channels()) {
            stillThere.add(key(r.pbxId(), ch.linkedId()));
        }
        // Only calls known when the link came back can have ended unseen; newer ones are live by definition.
        for (String key : suspects.getOrDefault(r.pbxId(), Set.of())) {
            Contact c = live.get(key);
            if (c != null && !stillThere.contains(key)) {
                // its agent gets after-call work, unless the PBX lists them in no queue now (it restarted and forgot
                // its members): the resync above ended theirs, and a new one would show them wrapping up when they
                // log in again, while Asterisk offers them calls
                String agent = c.agentOnCall();
                loseTrack(key, c, agent == null || agents.inAnyQueue(r.pbxId(), agent));
            }
        }
        suspects.remove(r.pbxId());
        for (ChannelSnapshot ch : r.channels()) {
            String key = key(r.pbxId(), ch.linkedId());
            Contact known = live.get(key);
            if (known != null) { // its channels, some maybe new, so one of them hanging up does not end it
                known.seen(ch.uniqueId(), ch.channel());
                contactOfChannel.put(key(r.pbxId(), ch.uniqueId()), ch.linkedId());
            } else if (!ended.containsKey(key)) { // a call that started while we were away
                Instant began = r.at().minusSeconds(Math.max(0, ch.durationSeconds()));
                onCall(new ChannelCreated(r.pbxId(), began, ch.linkedId(), ch.uniqueId(), ch.channel(),
                        ch.callerNum(), null, ""));
            }
        }
        for (String key : stillThere) { // after the memberships, so the agents are known in their queues
            Contact c = live.get(key);
            if (c != null) {
                c.confirm(effects(c), r.at());
            }
        }
        decisions.add(new TrackingEvent.Rebuilt(r.pbxId(), r.at(), liveOf(r.pbxId()).size()));
    }

    /**
     * An AgentComplete naming no call (app_queue sends it so once the caller's channel is gone): its talk time
     * belongs to the call the agent answered last, if that has ended and lacks it, or to the call still up they
     * answered and no longer talk on.
     */
    private void lateCompletion(PbxEvent.AgentCompleted late) {
        Contact last = lastAnswered.get(key(late.pbxId(), late.iface()));
        if (last != null && !live.containsKey(key(last.pbxId, last.linkedId))
                && last.lateTalkTime(late.iface(), late.pbxTalkSeconds())) {
            store(last, late.at());
            return;
        }
        // the caller's channels gone, one of the agent's not yet (its phone leg hung up by AMI reports last): the
        // call they answered and no longer talk on
        live.values().stream().filter(c -> c.pbxId.equals(late.pbxId()) && late.iface().equals(c.answeredBy())
                && !c.engages(late.iface())).findFirst().ifPresent(c -> {
                    if (c.lateTalkTime(late.iface(), late.pbxTalkSeconds())) {
                        store(c, late.at());
                    }
                });
    }

    private void loseTrack(String key, Contact contact, boolean afterCallWork) {
        contact.loseTrack(effects(contact), afterCallWork);
        store(contact, contact.lastAt());
        finish(key, contact);
    }

    /** Stores the contact's record as it is now, and tells so. */
    private void store(Contact contact, Instant at) {
        ContactRecord record = contact.record(e164);
        sink.contact(record);
        decisions.add(new TrackingEvent.CallChanged(contact.pbxId, at, record));
    }

    private void finish(String key, Contact contact) {
        if (contact.answeredBy() != null) {
            lastAnswered.put(key(contact.pbxId, contact.answeredBy()), contact);
        }
        live.remove(key);
        firstRings.remove(key);
        ended.put(key, Boolean.TRUE);
        if (contact.awaitsOriginateResponse()) {
            endedUndialed.put(key, contact);
        }
        contact.allChannels().forEach(uid -> contactOfChannel.remove(key(contact.pbxId, uid)));
    }

    /** What the contact's transitions do; the agents never hear of a previous run's call the PBX no longer has. */
    private Contact.Effects effects(Contact contact) {
        String pbx = contact.pbxId;
        return new Contact.Effects() {
            @Override
            public void segment(SegmentRecord segment) {
                sink.segment(segment);
            }

            @Override
            public void agentRinging(String iface, String name, String callerUid, Instant at) {
                if (!contact.unconfirmed()) {
                    agents.ringing(pbx, iface, name, true, at);
                    decisions.add(new AgentOffered(pbx, at, iface, contact.linkedId, callerUid, contact.here(),
                            contact.callerNum()));
                }
            }

            @Override
            public void agentRingEnded(String iface, String name, Instant at) {
                if (!contact.unconfirmed()) {
                    agents.ringing(pbx, iface, name, false, at);
                    decisions.add(new AgentRingEnded(pbx, at, iface, contact.linkedId));
                }
            }

            @Override
            public void agentConnected(String iface, String callerUid, Instant at) {
                if (!contact.unconfirmed()) {
                    agents.connected(pbx, iface, contact.linkedId, at); // ends their after-call work, if any
                    decisions.add(new AgentAnswered(pbx, at, iface, contact.linkedId, callerUid, contact.here()));
                }
            }

            @Override
            public void agentHold(String iface, boolean on, Instant at) {
                if (!contact.unconfirmed()) {
                    agents.hold(pbx, iface, on, at);
                }
            }

            @Override
            public void agentCompleted(String iface, String queue, Instant at) {
                if (!contact.unconfirmed()) {
                    agents.completed(pbx, iface, contact.linkedId, queue == null ? "" : queue, at);
                }
            }

            @Override
            public void agentReleased(String iface, Instant at) {
                if (!contact.unconfirmed()) {
                    agents.released(pbx, iface, contact.linkedId, at);
                }
            }

            @Override
            public int shortAbandonSeconds(String queue) {
                return queues.apply(queue).shortAbandonSeconds();
            }

            @Override
            public boolean isAgent(String iface) {
                FirstRing first = firstRings.get(key(pbx, contact.linkedId));
                return agentInterfaces.contains(iface) || agents.knows(pbx, iface)
                        || (first != null && first.iface().equals(iface));
            }

            @Override
            public String firstRingQueue(String iface) {
                FirstRing first = firstRings.get(key(pbx, contact.linkedId));
                return first != null && first.iface().equals(iface) ? first.queue() : null;
            }

        };
    }

    /** An insertion-ordered map that forgets its eldest entries beyond {@code max}. */
    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    private static String key(String pbxId, String id) {
        return pbxId + '\u0000' + id;
    }
}
