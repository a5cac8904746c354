package io.aftercare.fake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the simulator's AMI events in Asterisk 22's header order (as ami-inbound-queue.txt shows
 * them) and emits them through the SimulatedAmiServer with a {@code Timestamp} from the simulator's
 * clock; thread-safe (every emitter of one server stamps and sends under the server's one lock, so timestamps
 * rise in wire order).
 */
final class SimEvents {

    private static final String CALL = "call,all";
    private static final String DIALPLAN = "dialplan,all";
    private static final String AGENT = "agent,all";

    private final SimulatedAmiServer server;
    private final Clock clock;

    SimEvents(SimulatedAmiServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /**
     * Emits one event and returns the instant its Timestamp carries. Events stamped within the same
     * clock tick get one microsecond each, as a real stream never repeats a Timestamp.
     */
    Instant emit(String event, String privilege, List<AmiHeader> body) {
        synchronized (server.stampLock()) {
            Instant now = clock.instant();
            long micros = server.nextStampMicros(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000);
            List<AmiHeader> h = new ArrayList<>(body.size() + 3);
            h.add(new AmiHeader("Event", event));
            h.add(new AmiHeader("Privilege", privilege));
            h.add(new AmiHeader("Timestamp", String.format("%d.%06d", micros / 1_000_000L, micros % 1_000_000L)));
            h.addAll(body);
            server.emit(new AmiPacket(h));
            return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1000);
        }
    }

    Instant channel(String event, String privilege, SimChannel ch, String... extra) {
        List<AmiHeader> h = ch.snapshot("");
        add(h, extra);
        return emit(event, privilege, h);
    }

    Instant withDest(String event, String privilege, SimChannel ch, SimChannel dest, String... extra) {
        List<AmiHeader> h = ch.snapshot("");
        h.addAll(dest.snapshot("Dest"));
        add(h, extra);
        return emit(event, privilege, h);
    }

    void newchannel(SimChannel ch) {
        channel("Newchannel", CALL, ch);
    }

    void newstate(SimChannel ch, int state) {
        ch.state = state;
        channel("Newstate", CALL, ch);
    }

    void newexten(SimChannel ch, int priority, String application, String appData) {
        ch.priority = priority;
        channel("Newexten", DIALPLAN, ch, "Extension", ch.exten, "Application", application, "AppData", appData);
    }

    void newCallerid(SimChannel ch) {
        channel("NewCallerid", CALL, ch, "CID-CallingPres", "0 (Presentation Allowed, Not Screened)");
    }

    void newConnectedLine(SimChannel ch) {
        channel("NewConnectedLine", CALL, ch);
    }

    void varSet(SimChannel ch, String variable, String value) {
        channel("VarSet", DIALPLAN, ch, "Variable", variable, "Value", value);
    }

    void device(String device, String state) {
        emit("DeviceStateChange", CALL, headers("Device", device, "State", state));
    }

    void localBridge(SimChannel one, SimChannel two) {
        List<AmiHeader> h = one.snapshot("LocalOne");
        h.addAll(two.snapshot("LocalTwo"));
        add(h, "Context", two.context, "Exten", two.exten, "LocalOptimization", "Yes");
        emit("LocalBridge", CALL, h);
    }

    void dialBegin(SimChannel caller, SimChannel dest, String dialString) {
        withDest("DialBegin", CALL, caller, dest, "DialString", dialString);
    }

    void dialEnd(SimChannel caller, SimChannel dest, String status) {
        withDest("DialEnd", CALL, caller, dest, "DialStatus", status);
    }

    /** DialBegin of an Originate: no calling channel, only the one dialled. */
    void dialBegin(SimChannel dest, String dialString) {
        dial("DialBegin", dest, "DialString", dialString);
    }

    /** DialState (RINGING) and DialEnd of an Originate. */
    void dial(String event, SimChannel dest, String... extra) {
        List<AmiHeader> h = dest.snapshot("Dest");
        add(h, extra);
        emit(event, CALL, h);
    }

    void musicOnHoldStart(SimChannel ch) {
        channel("MusicOnHoldStart", CALL, ch, "Class", "default");
    }

    void musicOnHoldStop(SimChannel ch) {
        channel("MusicOnHoldStop", CALL, ch);
    }

    Instant queue(String event, SimChannel ch, String... extra) {
        return channel(event, AGENT, ch, extra);
    }

    Instant agent(String event, SimChannel caller, SimChannel dest, String... extra) {
        return withDest(event, AGENT, caller, dest, extra);
    }

    void bridge(String event, SimBridge bridge, SimChannel ch) {
        List<AmiHeader> h = bridge.headers("");
        if (ch != null) {
            h.addAll(ch.snapshot(""));
        }
        emit(event, CALL, h);
    }

    /** A two-party bridge: BridgeCreate, {@code first} then {@code second} enter, each the other's BRIDGEPEER. */
    SimBridge twoParty(String bridgeId, SimChannel first, SimChannel second) {
        SimBridge b = new SimBridge(bridgeId);
        bridge("BridgeCreate", b, null);
        b.channels = 1;
        bridge("BridgeEnter", b, first);
        b.channels = 2;
        bridge("BridgeEnter", b, second);
        varSet(first, "BRIDGEPEER", second.name);
        varSet(second, "BRIDGEPEER", first.name);
        return b;
    }

    void softHangupRequest(SimChannel ch) {
        channel("SoftHangupRequest", CALL, ch, "Cause", "16");
    }

    void hangupRequest(SimChannel ch) {
        hangupRequest(ch, 16);
    }

    void hangupRequest(SimChannel ch, int cause) {
        channel("HangupRequest", CALL, ch, "Cause", Integer.toString(cause));
    }

    void hangup(SimChannel ch) {
        hangup(ch, 16);
    }

    /** Hangup with the Q.850 cause and its text as Asterisk 22 words it (captures/ami-originate-*.txt). */
    void hangup(SimChannel ch, int cause) {
        ch.alive = false;
        channel("Hangup", CALL, ch, "Cause", Integer.toString(cause), "Cause-txt", switch (cause) {
            case 16 -> "Normal Clearing";
            case 17 -> "User busy";
            case 19 -> "User alerting, no answer";
            case 21 -> "Call Rejected";
            case 34 -> "Circuit/channel congestion";
            default -> "Unknown";
        });
    }

    /** AGIExecStart, what the command did (a VarSet for SET VARIABLE), AGIExecEnd. */
    void agiExec(SimChannel ch, long commandId, String command, String reply, Runnable effect) {
        String id = Long.toString(commandId);
        channel("AGIExecStart", "agi,all", ch, "CommandId", id, "Command", command);
        if (effect != null) {
            effect.run();
        }
        String code = reply.length() >= 3 ? reply.substring(0, 3) : "200";
        channel("AGIExecEnd", "agi,all", ch, "CommandId", id, "Command", command, "ResultCode", code,
                "Result", resultText(code));
    }

    void blindTransfer(SimChannel transferer, SimChannel transferee, SimBridge bridge, String context, String exten) {
        List<AmiHeader> h = headers("Result", "Success");
        h.addAll(transferer.snapshot("Transferer"));
        h.addAll(transferee.snapshot("Transferee"));
        h.addAll(bridge.headers(""));
        add(h, "IsExternal", "No", "Context", context, "Extension", exten);
        emit("BlindTransfer", CALL, h);
    }

    private static String resultText(String code) {
        return switch (code) {
            case "200" -> "Success";
            case "510" -> "Invalid or unknown command";
            case "511" -> "Command Not Permitted on a dead channel or intercept routine";
            case "520" -> "Usage";
            default -> "Failure";
        };
    }

    static List<AmiHeader> headers(String... namesAndValues) {
        List<AmiHeader> h = new ArrayList<>();
        add(h, namesAndValues);
        return h;
    }

    private static void add(List<AmiHeader> h, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            h.add(new AmiHeader(namesAndValues[i], namesAndValues[i + 1]));
        }
    }

    /** A simulated basic two-party bridge. */
    static final class SimBridge {
        final String id;
        int channels;

        SimBridge(String id) {
            this.id = id;
        }

        List<AmiHeader> headers(String prefix) {
            return headersOf(prefix, "BridgeUniqueid", id, "BridgeType", "basic", "BridgeTechnology", "simple_bridge",
                    "BridgeCreator", "<unknown>", "BridgeName", "<unknown>", "BridgeNumChannels", Integer.toString(channels),
                    "BridgeVideoSourceMode", "none");
        }

        private static List<AmiHeader> headersOf(String prefix, String... namesAndValues) {
            List<AmiHeader> h = new ArrayList<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                h.add(new AmiHeader(prefix + namesAndValues[i], namesAndValues[i + 1]));
            }
            return h;
        }
    }
}
