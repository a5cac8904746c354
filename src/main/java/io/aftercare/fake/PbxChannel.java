package io.aftercare.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel the fake PBX has up, as Asterisk 22 lists it in answer to CoreShowChannels and Status (main/manager.c
 * {@code action_coreshowchannels}, {@code generate_status}): the channel snapshot fields, the application it is
 * in, when it was created and its bridge ({@code ""} when in none). Immutable.
 */
public record PbxChannel(String name, int state, String callerNum, String callerName, String connectedNum,
                         String connectedName, String context, String exten, int priority, String uniqueid,
                         String linkedid, String application, String applicationData, Instant createdAt,
                         String bridgeId) {
    public PbxChannel {
        Objects.requireNonNull(createdAt);
        // AmiHeader refuses nulls and CR/LF: a bad value fails here, not later in the middle of a list answer.
        snapshot(name, state, callerNum, callerName, connectedNum, connectedName, context, exten, priority, uniqueid,
                linkedid, "");
        new AmiHeader("Application", application);
        new AmiHeader("ApplicationData", applicationData);
        new AmiHeader("BridgeId", bridgeId);
    }

    /** A caller's channel, up and unbridged in {@code application} (e.g. {@code Queue}) on {@code [hotline]}. */
    public static PbxChannel up(String name, String uniqueid, String linkedid, String callerNum, String application,
                                Instant createdAt) {
        return new PbxChannel(name, SimChannel.UP, callerNum, "<unknown>", "<unknown>", "<unknown>", "hotline",
                "1800", 1, uniqueid, linkedid, application, "", createdAt, "");
    }

    /** The same channel in a bridge. */
    public PbxChannel bridged(String bridge) {
        return new PbxChannel(name, state, callerNum, callerName, connectedNum, connectedName, context, exten, priority,
                uniqueid, linkedid, application, applicationData, createdAt, bridge);
    }

    /** The {@code CoreShowChannel} event: ActionID right after Event, Duration as HH:MM:SS since creation. */
    AmiPacket coreShowChannel(Optional<String> actionId, Instant now) {
        List<AmiHeader> h = new ArrayList<>();
        h.add(new AmiHeader("Event", "CoreShowChannel"));
        actionId.ifPresent(id -> h.add(new AmiHeader("ActionID", id)));
        h.addAll(snapshot());
        h.add(new AmiHeader("Application", application));
        h.add(new AmiHeader("ApplicationData", applicationData));
        long s = age(now);
        h.add(new AmiHeader("Duration", String.format("%02d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)));
        h.add(new AmiHeader("BridgeId", bridgeId));
        return new AmiPacket(h);
    }

    /** The {@code Status} event: Privilege after Event, ActionID last, Seconds since creation. */
    AmiPacket status(Optional<String> actionId, Instant now) {
        List<AmiHeader> h = new ArrayList<>();
        h.add(new AmiHeader("Event", "Status"));
        h.add(new AmiHeader("Privilege", "Call"));
        h.addAll(snapshot());
        AmiPacket p = new AmiPacket(h).plus("Type", name.contains("/") ? name.substring(0, name.indexOf('/')) : name)
                .plus("DNID", "").plus("EffectiveConnectedLineNum", connectedNum)
                .plus("EffectiveConnectedLineName", connectedName).plus("TimeToHangup", "0").plus("BridgeID", bridgeId)
                .plus("Application", application).plus("Data", applicationData).plus("Nativeformats", "(ulaw)")
                .plus("Readformat", "ulaw").plus("Readtrans", "").plus("Writeformat", "ulaw").plus("Writetrans", "")
                .plus("Callgroup", "0").plus("Pickupgroup", "0").plus("Seconds", Long.toString(age(now)));
        return actionId.map(id -> p.plus("ActionID", id)).orElse(p);
    }

    private List<AmiHeader> snapshot() {
        return snapshot(name, state, callerNum, callerName, connectedNum, connectedName, context, exten, priority,
                uniqueid, linkedid, "");
    }

    /** The channel snapshot headers in Asterisk's order, each name prefixed (Dest, Transferer, LocalOne ...). */
    static List<AmiHeader> snapshot(String name, int state, String callerNum, String callerName, String connectedNum,
                                    String connectedName, String context, String exten, int priority, String uniqueid,
                                    String linkedid, String prefix) {
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
            case SimChannel.DOWN -> "Down";
            case SimChannel.RING -> "Ring";
            case SimChannel.RINGING -> "Ringing";
            case SimChannel.UP -> "Up";
            case SimChannel.BUSY -> "Busy";
            default -> "Unknown";
        };
    }

    private long age(Instant now) {
        return Math.max(0, Duration.between(createdAt, now).toSeconds());
    }
}
