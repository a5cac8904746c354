package io.aftercare.calls;

import io.aftercare.fake.FakeAmiServer;

/**
 * Emits hand-made call events through a {@link FakeAmiServer}, with the headers the real transcript's events
 * carry for call state (channel, ids, queue, member), so edge cases can be played one event at a time.
 */
final class AmiScript {
    private final FakeAmiServer server;

    AmiScript(FakeAmiServer server) {
        this.server = server;
    }

    static String channel(String uid) {
        return "Local/1800@hotline-" + uid.replace('.', '0') + ";2";
    }

    void newChannel(String linkedId, String uid, String caller) {
        server.emit("Newchannel", "Channel", channel(uid), "ChannelState", "4", "ChannelStateDesc", "Ring",
                "CallerIDNum", caller, "CallerIDName", "<unknown>", "Context", "hotline", "Exten", "1800",
                "Priority", "1", "Uniqueid", uid, "Linkedid", linkedId);
    }

    void join(String linkedId, String uid, String queue, String caller) {
        server.emit("QueueCallerJoin", "Channel", channel(uid), "CallerIDNum", caller, "CallerIDName", "<unknown>",
                "Uniqueid", uid, "Linkedid", linkedId, "Queue", queue, "Position", "1", "Count", "1");
    }

    void ring(String linkedId, String uid, String queue, String iface) {
        server.emit("AgentCalled", "Channel", channel(uid), "Uniqueid", uid, "Linkedid", linkedId, "Queue", queue,
                "Interface", iface, "MemberName", iface);
    }

    void connect(String linkedId, String uid, String queue, String iface) {
        server.emit("AgentConnect", "Channel", channel(uid), "Uniqueid", uid, "Linkedid", linkedId, "Queue", queue,
                "Interface", iface, "MemberName", iface, "HoldTime", "1", "RingTime", "1");
    }

    void leave(String linkedId, String uid, String queue) {
        server.emit("QueueCallerLeave", "Channel", channel(uid), "Uniqueid", uid, "Linkedid", linkedId,
                "Queue", queue, "Position", "1", "Count", "0");
    }

    void complete(String linkedId, String uid, String queue, String iface) {
        server.emit("AgentComplete", "Channel", channel(uid), "Uniqueid", uid, "Linkedid", linkedId, "Queue", queue,
                "Interface", iface, "MemberName", iface, "HoldTime", "1", "TalkTime", "2", "Reason", "caller");
    }

    void hangup(String linkedId, String uid) {
        server.emit("Hangup", "Channel", channel(uid), "Uniqueid", uid, "Linkedid", linkedId, "Cause", "16",
                "Cause-txt", "Normal Clearing");
    }

    /** A whole answered call on one channel. */
    void answeredCall(String linkedId, String caller, String queue, String iface) {
        newChannel(linkedId, linkedId, caller);
        join(linkedId, linkedId, queue, caller);
        ring(linkedId, linkedId, queue, iface);
        connect(linkedId, linkedId, queue, iface);
        leave(linkedId, linkedId, queue);
        complete(linkedId, linkedId, queue, iface);
        hangup(linkedId, linkedId);
    }
}
