package io.aftercare.telephony.events;

import io.aftercare.telephony.ContactKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a PBX told us, as our own immutable records: the sealed family the AMI translator produces and the call
 * and agent trackers consume. Every record carries the PBX id and the PBX's own event time ({@code Timestamp}
 * header, or arrival time when absent). Immutable and thread-safe.
 */
public sealed interface PbxEvent {
    String pbxId();

    Instant at();

    /** An event about one call, keyed by its {@code Linkedid}. */
    sealed interface CallEvent extends PbxEvent {
        String linkedId();

        /** The channel's {@code Uniqueid}; may be empty for events that carry none. */
        String uniqueId();
    }

    /** An event about a queue member (an agent's interface in one queue). */
    sealed interface AgentEvent extends PbxEvent {
        String queue();

        String iface();
    }

    /** A new channel; caller is null when Asterisk says {@code <unknown>}. */
    record ChannelCreated(String pbxId, Instant at, String linkedId, String uniqueId, String channel,
                          String callerNum, String callerName, String exten) implements CallEvent {
        public ChannelCreated {
            requireIds(pbxId, at, linkedId, uniqueId);
        }
    }

    /** The caller entered a queue ({@code QueueCallerJoin}). */
    record QueueJoined(String pbxId, Instant at, String linkedId, String uniqueId, String queue, int position,
                       String callerNum, String callerName) implements CallEvent {
        public QueueJoined {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(queue);
        }
    }

    /** The caller left a queue, answered or timed out ({@code QueueCallerLeave}). */
    record QueueLeft(String pbxId, Instant at, String linkedId, String uniqueId, String queue)
            implements CallEvent {
        public QueueLeft {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(queue);
        }
    }

    /** The caller hung up while queued ({@code QueueCallerAbandon}); {@code pbxHoldSeconds} is Asterisk's. */
    record QueueAbandoned(String pbxId, Instant at, String linkedId, String uniqueId, String queue, int position,
                          int originalPosition, int pbxHoldSeconds) implements CallEvent {
        public QueueAbandoned {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(queue);
        }
    }

    /**
     * aftercare is asking the PBX to take this caller out of {@code queue} to hear the callback offer (AMI
     * {@code QueueWithdrawCaller}): not from the PBX, but told the call tracker before the action leaves, so that the
     * {@code QueueCallerAbandon} app_queue sends for a withdrawn caller is not taken for an abandon.
     */
    record QueueWithdrawSent(String pbxId, Instant at, String linkedId, String uniqueId, String queue)
            implements CallEvent {
        public QueueWithdrawSent {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(queue);
        }
    }

    /**
     * The caller took the callback offered to them (aftercare's {@code vhold} FastAGI script registered callback
     * {@code callbackId}): their call ends as a callback, not an abandon. Not from the PBX.
     */
    record CallbackTaken(String pbxId, Instant at, String linkedId, String uniqueId, long callbackId)
            implements CallEvent {
        public CallbackTaken {
            requireIds(pbxId, at, linkedId, uniqueId);
        }
    }

    /**
     * A queue member is being rung for this call ({@code AgentCalled}); {@code callerIdNum} is the caller's number
     * as the event gives it (empty when withheld), so the ringing agent's screen pop can name the caller before
     * the route's decision and the call record are written.
     */
    record AgentRinging(String pbxId, Instant at, String linkedId, String uniqueId, String queue, String iface,
                        String memberName, String callerIdNum) implements CallEvent {
        public AgentRinging {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(iface);
            callerIdNum = callerIdNum == null ? "" : callerIdNum;
        }
    }

    /** The member did not answer in time ({@code AgentRingNoAnswer}). */
    record AgentRingNoAnswer(String pbxId, Instant at, String linkedId, String uniqueId, String queue,
                             String iface, String memberName) implements CallEvent {
        public AgentRingNoAnswer {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(iface);
        }
    }

    /** The member answered ({@code AgentConnect}); {@code pbxHoldSeconds} is Asterisk's queue wait. */
    record AgentConnected(String pbxId, Instant at, String linkedId, String uniqueId, String queue, String iface,
                          String memberName, int pbxHoldSeconds) implements CallEvent {
        public AgentConnected {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(iface);
        }
    }

    /** The queue call ended for this member ({@code AgentComplete}); reason caller, agent or transfer. */
    record AgentCompleted(String pbxId, Instant at, String linkedId, String uniqueId, String queue, String iface,
                          String memberName, String reason, int pbxTalkSeconds, int pbxHoldSeconds)
            implements CallEvent {
        public AgentCompleted {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(iface);
        }
    }

    /** A channel of the call was put on hold ({@code Hold}). */
    record HoldStarted(String pbxId, Instant at, String linkedId, String uniqueId, String channel)
            implements CallEvent {
        public HoldStarted {
            requireIds(pbxId, at, linkedId, uniqueId);
        }
    }

    /** A channel of the call was taken off hold ({@code Unhold}). */
    record HoldEnded(String pbxId, Instant at, String linkedId, String uniqueId, String channel)
            implements CallEvent {
        public HoldEnded {
            requireIds(pbxId, at, linkedId, uniqueId);
        }
    }

    /** A channel entered a bridge; with {@code entered} false, it left. */
    record BridgeChanged(String pbxId, Instant at, String linkedId, String uniqueId, String channel,
                         String bridgeId, boolean entered) implements CallEvent {
        public BridgeChanged {
            requireIds(pbxId, at, linkedId, uniqueId);
        }
    }

    /**
     * A channel of the call dials another ({@code DialBegin}): {@code Dial()}, app_queue ringing a member, an
     * originate. {@code uniqueId} is the dialling channel's, empty when nothing dials (an originate's first leg);
     * {@code destIface} is the dialled channel's name without Asterisk's sequence suffix ({@code
     * Local/agent1@agents-0000000a;1} is {@code Local/agent1@agents}), what queue members and the agents table call
     * an interface. {@code callerNum} and {@code callerName} are the dialling channel's caller ID, null when
     * Asterisk says {@code <unknown>}.
     */
    record DialStarted(String pbxId, Instant at, String linkedId, String uniqueId, String destUniqueId,
                       String destChannel, String destIface, String callerNum, String callerName)
            implements CallEvent {
        public DialStarted {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(destUniqueId, "destUniqueId");
            Objects.requireNonNull(destIface, "destIface");
        }
    }

    /**
     * A dial ended ({@code DialEnd}): {@code status} is Asterisk's DialStatus, {@code ANSWER} when the dialled
     * channel answered, else {@code NOANSWER}, {@code BUSY}, {@code CANCEL} (the caller hung up), {@code
     * CHANUNAVAIL}, {@code CONGESTION}...
     */
    record DialEnded(String pbxId, Instant at, String linkedId, String uniqueId, String destUniqueId,
                     String destIface, String status) implements CallEvent {
        public DialEnded {
            requireIds(pbxId, at, linkedId, uniqueId);
            Objects.requireNonNull(destUniqueId, "destUniqueId");
            Objects.requireNonNull(destIface, "destIface");
            Objects.requireNonNull(status, "status");
        }

        public boolean answered() {
            return "ANSWER".equals(status);
        }
    }

    /**
     * A channel hung up ({@code Hangup}); the caller ID it still carries, null when Asterisk says {@code <unknown>}
     * (the only caller ID some calls ever show besides {@code NewCallerid}).
     */
    record ChannelHungUp(String pbxId, Instant at, String linkedId, String uniqueId, String channel, int cause,
                         String callerNum, String callerName) implements CallEvent {
        public ChannelHungUp {
            requireIds(pbxId, at, linkedId, uniqueId);
        }

        /** A Hangup whose caller ID does not matter. */
        public ChannelHungUp(String pbxId, Instant at, String linkedId, String uniqueId, String channel, int cause) {
            this(pbxId, at, linkedId, uniqueId, channel, cause, null, null);
        }
    }

    /**
     * A channel's caller ID was set or changed ({@code NewCallerid}). An originated or Local channel is created
     * with {@code <unknown>} and gets its caller ID this way right after its {@code Newchannel}; null when unknown.
     */
    record CallerIdChanged(String pbxId, Instant at, String linkedId, String uniqueId, String channel,
                           String callerNum, String callerName) implements CallEvent {
        public CallerIdChanged {
            requireIds(pbxId, at, linkedId, uniqueId);
        }
    }

    /** A channel changed name ({@code Rename}, what a masquerade looks like since Asterisk 12). */
    record ChannelRenamed(String pbxId, Instant at, String linkedId, String uniqueId, String oldName,
                          String newName) implements CallEvent {
        public ChannelRenamed {
            requireIds(pbxId, at, linkedId, uniqueId);
        }
    }

    /**
     * The outcome of an async Originate ({@code OriginateResponse}): {@code reasonCode} 4 answered, 5 busy,
     * 3 no answer, 8 congestion, 0 failure; {@code uniqueId} of the created channel (the Originate's ChannelId,
     * also on a failure, when it set one; else empty unless answered) and {@code channel} (the created channel
     * when answered, the requested one otherwise). Every AMI session gets every OriginateResponse: the dialer and
     * the call tracker each pick their own by ActionID.
     */
    record OriginateResult(String pbxId, Instant at, String actionId, int reasonCode, String uniqueId,
                           String channel) implements PbxEvent {
        public OriginateResult {
            Objects.requireNonNull(pbxId, "pbxId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actionId, "actionId");
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(channel, "channel");
        }
    }

    /**
     * aftercare is sending an async Originate with this ActionID to {@code channel} (the requested channel, e.g.
     * {@code Local/5551234567@customers}), placing a call of this {@code kind}: not from the PBX, but told the call
     * tracker before the action leaves, so it knows the call is its own whatever the PBX echoes.
     */
    record OriginateSent(String pbxId, Instant at, String actionId, String channel, ContactKind kind)
            implements PbxEvent {
        public OriginateSent {
            Objects.requireNonNull(pbxId, "pbxId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actionId, "actionId");
            Objects.requireNonNull(channel, "channel");
            if (!kind.outbound()) {
                throw new IllegalArgumentException("an Originate places an outbound call");
            }
        }
    }

    /** A member joined a queue ({@code QueueMemberAdded}). */
    record MemberAdded(String pbxId, Instant at, String queue, String iface, String memberName,
                       boolean paused, String reason) implements AgentEvent {
        public MemberAdded {
            requireMember(pbxId, at, queue, iface);
        }
    }

    /** A member left a queue ({@code QueueMemberRemoved}). */
    record MemberRemoved(String pbxId, Instant at, String queue, String iface, String memberName)
            implements AgentEvent {
        public MemberRemoved {
            requireMember(pbxId, at, queue, iface);
        }
    }

    /** A member was paused or unpaused ({@code QueueMemberPause}); reason empty when none. */
    record MemberPaused(String pbxId, Instant at, String queue, String iface, String memberName,
                        boolean paused, String reason) implements AgentEvent {
        public MemberPaused {
            requireMember(pbxId, at, queue, iface);
            reason = reason == null ? "" : reason;
        }
    }

    /**
     * A member's full status ({@code QueueMemberStatus} live, {@code QueueMember} in a QueueStatus answer);
     * {@code snapshot} is true for the latter.
     */
    record MemberStatus(String pbxId, Instant at, String queue, String iface, String memberName, int status,
                        boolean paused, String reason, boolean inCall, boolean snapshot) implements AgentEvent {
        public MemberStatus {
            requireMember(pbxId, at, queue, iface);
            reason = reason == null ? "" : reason;
        }
    }

    /** The AMI link came up (logged in) or went down. */
    record LinkChanged(String pbxId, Instant at, boolean up) implements PbxEvent {
        public LinkChanged {
            Objects.requireNonNull(pbxId);
            Objects.requireNonNull(at);
        }
    }

    /** One live channel as CoreShowChannels reports it after a reconnect. */
    record ChannelSnapshot(String linkedId, String uniqueId, String channel, String application,
                           long durationSeconds, String callerNum) {}

    /**
     * The answer to a resync after reconnect: every live channel and every queue member. Calls not listed
     * ended while we were away.
     */
    record Resynced(String pbxId, Instant at, List<ChannelSnapshot> channels, List<MemberStatus> members)
            implements PbxEvent {
        public Resynced {
            Objects.requireNonNull(pbxId);
            Objects.requireNonNull(at);
            channels = List.copyOf(channels);
            members = List.copyOf(members);
        }
    }

    /**
     * aftercare is about to ask the PBX for its channels, as it does every {@code ami.reconcile_interval_ms} while
     * the link is up: calls live now and missing from the answer ({@link ChannelsListed}) may have ended unseen.
     * Handed on before the question is sent, so every call it names was known before the PBX answered.
     */
    record ChannelsRequested(String pbxId, Instant at) implements PbxEvent {
        public ChannelsRequested {
            Objects.requireNonNull(pbxId);
            Objects.requireNonNull(at);
        }
    }

    /** The PBX's live channels, its answer to the last {@link ChannelsRequested}. */
    record ChannelsListed(String pbxId, Instant at, List<ChannelSnapshot> channels) implements PbxEvent {
        public ChannelsListed {
            Objects.requireNonNull(pbxId);
            Objects.requireNonNull(at);
            channels = List.copyOf(channels);
        }
    }

    private static void requireIds(String pbxId, Instant at, String linkedId, String uniqueId) {
        Objects.requireNonNull(pbxId, "pbxId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(linkedId, "linkedId");
        Objects.requireNonNull(uniqueId, "uniqueId");
    }

    private static void requireMember(String pbxId, Instant at, String queue, String iface) {
        Objects.requireNonNull(pbxId, "pbxId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(iface, "iface");
    }
}
