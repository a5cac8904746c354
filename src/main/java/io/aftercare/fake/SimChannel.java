package io.aftercare.fake;

import java.util.List;

/**
 * One simulated channel's snapshot (the fields Asterisk 22 repeats in every channel event); not
 * thread-safe, owned by the simulator's lock.
 */
final class SimChannel {

    static final int DOWN = 0;
    static final int RING = 4;
    static final int RINGING = 5;
    static final int UP = 6;
    static final int BUSY = 7;

    final String name;
    final String uniqueid;
    final String linkedid;
    int state;
    String callerNum = "<unknown>";
    String callerName = "<unknown>";
    String connectedNum = "<unknown>";
    String connectedName = "<unknown>";
    String context;
    String exten;
    int priority = 1;
    boolean alive = true;

    SimChannel(String name, String uniqueid, String linkedid, int state, String context, String exten) {
        this.name = name;
        this.uniqueid = uniqueid;
        this.linkedid = linkedid;
        this.state = state;
        this.context = context;
        this.exten = exten;
    }

    void caller(CallerId id) {
        callerNum = id.amiNumber();
        callerName = id.amiName();
    }

    void connected(CallerId id) {
        connectedNum = id.amiNumber();
        connectedName = id.amiName();
    }

    /** The snapshot headers in Asterisk's order, each name prefixed (Dest, Transferer, LocalOne ...). */
    List<AmiHeader> snapshot(String prefix) {
        return PbxChannel.snapshot(name, state, callerNum, callerName, connectedNum, connectedName, context, exten,
                priority, uniqueid, linkedid, prefix);
    }
}
