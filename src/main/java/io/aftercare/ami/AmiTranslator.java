package io.aftercare.ami;

import io.aftercare.telephony.events.MailboxChanged;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.telephony.events.PbxEvent.AgentCompleted;
import io.aftercare.telephony.events.PbxEvent.AgentConnected;
import io.aftercare.telephony.events.PbxEvent.AgentRingNoAnswer;
import io.aftercare.telephony.events.PbxEvent.AgentRinging;
import io.aftercare.telephony.events.PbxEvent.BridgeChanged;
import io.aftercare.telephony.events.PbxEvent.CallerIdChanged;
import io.aftercare.telephony.events.PbxEvent.ChannelCreated;
import io.aftercare.telephony.events.PbxEvent.ChannelHungUp;
import io.aftercare.telephony.events.PbxEvent.ChannelRenamed;
import io.aftercare.telephony.events.PbxEvent.DialEnded;
import io.aftercare.telephony.events.PbxEvent.DialStarted;
import io.aftercare.telephony.events.PbxEvent.HoldEnded;
import io.aftercare.telephony.events.PbxEvent.HoldStarted;
import io.aftercare.telephony.events.PbxEvent.MemberAdded;
import io.aftercare.telephony.events.PbxEvent.MemberPaused;
import io.aftercare.telephony.events.PbxEvent.MemberRemoved;
import io.aftercare.telephony.events.PbxEvent.MemberStatus;
import io.aftercare.telephony.events.PbxEvent.OriginateResult;
import io.aftercare.telephony.events.PbxEvent.QueueAbandoned;
import io.aftercare.telephony.events.PbxEvent.QueueJoined;
import io.aftercare.telephony.events.PbxEvent.QueueLeft;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MessageWaitingEvent;
import org.asteriskjava.manager.event.NewCallerIdEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.RenameEvent;
import org.asteriskjava.manager.event.UnholdEvent;

/**
 * Turns asterisk-java's mutable event beans into {@link PbxEvent} records; everything else (VarSet, Newexten,
 * DeviceStateChange, AGIExec..., Newstate ...) is skipped with one hash lookup. Stateless and thread-safe.
 *
 * <p>The table below is the whole mapping, by exact asterisk-java class:
 * <pre>
 * AMI event           asterisk-java class        record            consumer
 * Newchannel          NewChannelEvent            ChannelCreated    calls
 * NewCallerid         NewCallerIdEvent           CallerIdChanged   calls (an originated channel's caller ID)
 * QueueCallerJoin     QueueCallerJoinEvent       QueueJoined       calls
 * QueueCallerLeave    QueueCallerLeaveEvent      QueueLeft         calls
 * QueueCallerAbandon  QueueCallerAbandonEvent    QueueAbandoned    calls
 * AgentCalled         AgentCalledEvent           AgentRinging      calls, agents
 * AgentRingNoAnswer   AgentRingNoAnswerEvent     AgentRingNoAnswer calls, agents
 * AgentConnect        AgentConnectEvent          AgentConnected    calls, agents
 * AgentComplete       AgentCompleteEvent         AgentCompleted    calls, agents (starts wrap-up)
 * Hold / Unhold       HoldEvent / UnholdEvent    HoldStarted/Ended calls, agents
 * BridgeEnter/Leave   BridgeEnter/LeaveEvent     BridgeChanged     calls (end of a directly dialled agent's talk)
 * DialBegin           DialBeginEvent             DialStarted       calls (Dial() ringing an agent: a preferred agent)
 * DialEnd             DialEndEvent               DialEnded         calls (answered, or why not)
 * Hangup              HangupEvent                ChannelHungUp     calls (with the caller ID it carries)
 * Rename (masquerade) RenameEvent                ChannelRenamed    calls
 * QueueMemberAdded    QueueMemberAddedEvent      MemberAdded       agents
 * QueueMemberRemoved  QueueMemberRemovedEvent    MemberRemoved     agents
 * QueueMemberPause    QueueMemberPauseEvent      MemberPaused      agents
 * QueueMemberStatus   QueueMemberStatusEvent     MemberStatus      agents
 * QueueMember         QueueMemberEvent           MemberStatus      agents (QueueStatus resync answer)
 * OriginateResponse   OriginateResponseEvent     OriginateResult   calls (outbound), surveys (originate listeners)
 * MessageWaiting      MessageWaitingEvent        MailboxChanged    follow-ups (mailbox listeners; {@link #mailbox})
 * </pre>
 * CoreShowChannel and Status answers are read by {@link AmiResync}, not here.
 *
 * <p>asterisk-java 3.42.2 quirk this class absorbs: on {@code QueueMemberPause} the {@code PausedReason} header
 * lands only in {@code getPausedreason()} (lower-case r); {@code getPausedReason()} and {@code getReason()}
 * return null. It also turns {@code <unknown>} into null.
 */
public final class AmiTranslator {

    @FunctionalInterface
    private interface Rule {
        PbxEvent apply(ManagerEvent e, String pbx, Instant at);
    }

    private static final Map<Class<?>, Rule> TABLE = new IdentityHashMap<>();

    static {
        TABLE.put(NewChannelEvent.class, (e, pbx, at) -> {
            var n = (NewChannelEvent) e;
            return new ChannelCreated(pbx, at, or(n.getLinkedid(), n.getUniqueId()), n.getUniqueId(),
                    s(n.getChannel()), n.getCallerIdNum(), n.getCallerIdName(), s(n.getExten()));
        });
        TABLE.put(NewCallerIdEvent.class, (e, pbx, at) -> {
            var n = (NewCallerIdEvent) e;
            return new CallerIdChanged(pbx, at, or(n.getLinkedId(), n.getUniqueId()), n.getUniqueId(),
                    s(n.getChannel()), n.getCallerIdNum(), n.getCallerIdName());
        });
        TABLE.put(QueueCallerJoinEvent.class, (e, pbx, at) -> {
            var q = (QueueCallerJoinEvent) e;
            return new QueueJoined(pbx, at, or(q.getLinkedId(), q.getUniqueId()), q.getUniqueId(), q.getQueue(),
                    i(q.getPosition()), q.getCallerIdNum(), q.getCallerIdName());
        });
        TABLE.put(QueueCallerLeaveEvent.class, (e, pbx, at) -> {
            var q = (QueueCallerLeaveEvent) e;
            return new QueueLeft(pbx, at, or(q.getLinkedId(), q.getUniqueId()), q.getUniqueId(), q.getQueue());
        });
        TABLE.put(QueueCallerAbandonEvent.class, (e, pbx, at) -> {
            var q = (QueueCallerAbandonEvent) e;
            return new QueueAbandoned(pbx, at, or(q.getLinkedId(), q.getUniqueId()), q.getUniqueId(), q.getQueue(),
                    i(q.getPosition()), i(q.getOriginalPosition()), i(q.getHoldTime()));
        });
        TABLE.put(AgentCalledEvent.class, (e, pbx, at) -> {
            var a = (AgentCalledEvent) e;
            return new AgentRinging(pbx, at, or(a.getLinkedId(), a.getUniqueId()), a.getUniqueId(), s(a.getQueue()),
                    or(a.getInterface(), a.getAgentCalled()), s(a.getMemberName()), s(a.getCallerIdNum()));
        });
        TABLE.put(AgentRingNoAnswerEvent.class, (e, pbx, at) -> {
            var a = (AgentRingNoAnswerEvent) e;
            return new AgentRingNoAnswer(pbx, at, or(a.getLinkedId(), a.getUniqueId()), a.getUniqueId(),
                    s(a.getQueue()), or(a.getInterface(), a.getMember()), s(a.getMemberName()));
        });
        TABLE.put(AgentConnectEvent.class, (e, pbx, at) -> {
            var a = (AgentConnectEvent) e;
            return new AgentConnected(pbx, at, or(a.getLinkedId(), a.getUniqueId()), a.getUniqueId(),
                    s(a.getQueue()), or(a.getInterface(), a.getMember()), s(a.getMemberName()), l(a.getHoldTime()));
        });
        TABLE.put(AgentCompleteEvent.class, (e, pbx, at) -> {
            var a = (AgentCompleteEvent) e;
            // app_queue sends it without the caller's ids when the caller's channel is already gone
            return new AgentCompleted(pbx, at, s(or(a.getLinkedId(), a.getUniqueId())), s(a.getUniqueId()),
                    s(a.getQueue()), or(a.getInterface(), a.getMember()), s(a.getMemberName()), s(a.getReason()),
                    l(a.getTalkTime()), l(a.getHoldTime()));
        });
        TABLE.put(HoldEvent.class, (e, pbx, at) -> {
            var h = (HoldEvent) e;
            return new HoldStarted(pbx, at, or(h.getLinkedId(), h.getUniqueId()), h.getUniqueId(), s(h.getChannel()));
        });
        TABLE.put(UnholdEvent.class, (e, pbx, at) -> {
            var h = (UnholdEvent) e;
            return new HoldEnded(pbx, at, or(h.getLinkedId(), h.getUniqueId()), h.getUniqueId(), s(h.getChannel()));
        });
        TABLE.put(BridgeEnterEvent.class, (e, pbx, at) -> {
            var b = (BridgeEnterEvent) e;
            return new BridgeChanged(pbx, at, or(b.getLinkedId(), b.getUniqueId()), b.getUniqueId(),
                    s(b.getChannel()), s(b.getBridgeUniqueId()), true);
        });
        TABLE.put(BridgeLeaveEvent.class, (e, pbx, at) -> {
            var b = (BridgeLeaveEvent) e;
            return new BridgeChanged(pbx, at, or(b.getLinkedId(), b.getUniqueId()), b.getUniqueId(),
                    s(b.getChannel()), s(b.getBridgeUniqueId()), false);
        });
        TABLE.put(DialBeginEvent.class, (e, pbx, at) -> {
            var d = (DialBeginEvent) e; // an originate's first leg has no dialling channel: Linkedid is the dest's
            return new DialStarted(pbx, at, or(d.getLinkedId(), d.getDestLinkedId()), s(d.getUniqueId()),
                    required(d.getDestUniqueId()), d.getDestChannel(), deviceOf(required(d.getDestChannel())),
                    d.getCallerIdNum(), d.getCallerIdName());
        });
        TABLE.put(DialEndEvent.class, (e, pbx, at) -> {
            var d = (DialEndEvent) e;
            return new DialEnded(pbx, at, or(d.getLinkedId(), d.getDestLinkedId()), s(d.getUniqueId()),
                    required(d.getDestUniqueId()), deviceOf(required(d.getDestChannel())), s(d.getDialStatus()));
        });
        TABLE.put(HangupEvent.class, (e, pbx, at) -> {
            var h = (HangupEvent) e;
            return new ChannelHungUp(pbx, at, or(h.getLinkedId(), h.getUniqueId()), h.getUniqueId(),
                    s(h.getChannel()), h.getCause() == null ? 0 : h.getCause(), h.getCallerIdNum(),
                    h.getCallerIdName());
        });
        TABLE.put(RenameEvent.class, (e, pbx, at) -> {
            var r = (RenameEvent) e;
            // Rename carries no Linkedid: the call tracker finds the call by Uniqueid.
            return new ChannelRenamed(pbx, at, "", s(r.getUniqueId()), s(r.getChannel()), s(r.getNewname()));
        });
        TABLE.put(QueueMemberAddedEvent.class, (e, pbx, at) -> {
            var m = (QueueMemberAddedEvent) e;
            return new MemberAdded(pbx, at, m.getQueue(), iface(m.getInterface()),
                    s(m.getMemberName()), b(m.getPaused()), s(m.getPausedReason()));
        });
        TABLE.put(QueueMemberRemovedEvent.class, (e, pbx, at) -> {
            var m = (QueueMemberRemovedEvent) e;
            return new MemberRemoved(pbx, at, m.getQueue(), iface(m.getInterface()),
                    s(m.getMemberName()));
        });
        TABLE.put(QueueMemberPauseEvent.class, (e, pbx, at) -> {
            var m = (QueueMemberPauseEvent) e;
            return new MemberPaused(pbx, at, m.getQueue(), iface(m.getInterface()),
                    s(m.getMemberName()), b(m.getPaused()),
                    or(m.getPausedreason(), or(m.getPausedReason(), m.getReason())));
        });
        TABLE.put(OriginateResponseEvent.class, (e, pbx, at) -> {
            var o = (OriginateResponseEvent) e; // ActionID comes back without asterisk-java's internal prefix
            return new OriginateResult(pbx, at, s(o.getActionId()), i(o.getReason()), s(o.getUniqueId()),
                    s(o.getChannel()));
        });
        TABLE.put(QueueMemberStatusEvent.class, (e, pbx, at) -> member((QueueMemberEvent) e, pbx, at, false));
        TABLE.put(QueueMemberEvent.class, (e, pbx, at) -> member((QueueMemberEvent) e, pbx, at, true));
    }

    private AmiTranslator() {}

    /**
     * The record for {@code event}, or null when we do not track that kind of event or it lacks the ids we need.
     *
     * @param arrival when the event reached us, used only when the event has no {@code Timestamp}
     */
    public static PbxEvent translate(String pbxId, ManagerEvent event, Instant arrival) {
        Rule rule = TABLE.get(event.getClass());
        if (rule == null) {
            return null;
        }
        try {
            return rule.apply(event, pbxId, eventTime(event, arrival));
        } catch (NullPointerException missingField) {
            return null; // an event without Uniqueid, Queue or Interface cannot be placed: skip it
        }
    }

    /**
     * The mailbox change a {@code MessageWaiting} event reports, or null for any other event or one without a
     * {@code Mailbox}. Apart from {@link #translate}: it is not a {@link PbxEvent} (see {@link MailboxChanged}).
     */
    public static MailboxChanged mailbox(String pbxId, ManagerEvent event, Instant arrival) {
        if (!(event instanceof MessageWaitingEvent m) || m.getMailbox() == null || m.getMailbox().isEmpty()) {
            return null;
        }
        String caller = m.getCallerIdNum();
        return new MailboxChanged(pbxId, eventTime(event, arrival), m.getMailbox(), i(m.getNew()), i(m.getOld()),
                caller == null || caller.equals("<unknown>") ? "" : caller);
    }

    /** True when {@link #translate} may return a record for this class; the cheap noise filter. */
    public static boolean tracks(Class<?> eventClass) {
        return TABLE.containsKey(eventClass);
    }

    /** The PBX clock from {@code Timestamp: <seconds>.<micros>} when present, else the arrival time. */
    static Instant eventTime(ManagerEvent event, Instant arrival) {
        Double ts = event.getTimestamp();
        if (ts == null || ts.isNaN() || ts <= 0) {
            return arrival;
        }
        long micros = Math.round(ts * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static MemberStatus member(QueueMemberEvent m, String pbx, Instant at, boolean snapshot) {
        Integer inCall = m.getIncall();
        return new MemberStatus(pbx, at, m.getQueue(), iface(m.getInterface()),
                s(m.getName()), m.getStatus() == null ? 0 : m.getStatus(), b(m.getPaused()),
                s(m.getPausedreason()), inCall != null && inCall > 0, snapshot);
    }

    /**
     * A channel's device, as queue members and the agents table name interfaces: the name without Asterisk's
     * {@code -<hex>} sequence and a Local channel's {@code ;1}/{@code ;2} ({@code PJSIP/agent2-0000001f} is
     * {@code PJSIP/agent2}, {@code Local/agent1@agents-0000000a;1} is {@code Local/agent1@agents}).
     */
    static String deviceOf(String channel) {
        int end = channel.length();
        if (end > 2 && channel.charAt(end - 2) == ';') {
            end -= 2;
        }
        int dash = channel.lastIndexOf('-', end - 1);
        if (dash <= channel.indexOf('/') || dash == end - 1) {
            return channel.substring(0, end);
        }
        for (int i = dash + 1; i < end; i++) {
            if (Character.digit(channel.charAt(i), 16) < 0) {
                return channel.substring(0, end);
            }
        }
        return channel.substring(0, dash);
    }

    private static String required(String v) {
        if (v == null || v.isEmpty()) {
            throw new NullPointerException("missing field");
        }
        return v;
    }

    private static String iface(String v) {
        return required(v);
    }

    private static String or(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }

    private static int i(Integer v) {
        return v == null ? 0 : v;
    }

    private static int l(Long v) {
        return v == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, v));
    }

    private static boolean b(Boolean v) {
        return v != null && v;
    }
}
