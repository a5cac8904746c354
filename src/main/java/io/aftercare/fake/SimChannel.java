package io.aftercare.fake;

import java.util.ArrayList;
import java.util.List;

/**
 * One simulated channel's snapshot (the fields Asterisk 22 repeats in every channel event); not
 * thread-safe, owned by the simulator's lock.
 */
final class SimChannel {

    static final int DOWN = 0;
    static final int RING = 4;
    static final int UP = 6;

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
        List<AmiHeader> h = new ArrayList<>(14);
        h.add(new AmiHeader(prefix + "Channel", name));
        h.add(new AmiHeader(prefix + "ChannelState", Integer.toString(state)));
        h.add(new AmiHeader(prefix + "ChannelStateDesc", stateDesc(state)));
        h.add(new AmiHeader(prefix + "CallerIDNum", callerNum));
        h.add(new AmiHeader(prefix + "CallerIDName", callerName));
        h.add(new AmiHeader(prefix + "ConnectedLineNum", connectedNum));
        h.add(new AmiHeader(prefix + "ConnectedLineName", connectedName));
        h.add(new AmiHeader(prefix + "Language", "en"));
        h.add(new AmiHeader(prefix + "AccountCode", ""));
        h.add(new AmiHeader(prefix + "Context", context));
        h.add(new AmiHeader(prefix + "Exten", exten));
        h.add(new AmiHeader(prefix + "Priority", Integer.toString(priority)));
        h.add(new AmiHeader(prefix + "Uniqueid", uniqueid));
        h.add(new AmiHeader(prefix + "Linkedid", linkedid));
        return h;
    }

    private static String stateDesc(int state) {
        return switch (state) {
            case DOWN -> "Down";
            case RING -> "Ring";
            case 5 -> "Ringing";
            case UP -> "Up";
            default -> "Unknown";
        };
    }
}
