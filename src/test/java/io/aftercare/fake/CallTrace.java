package io.aftercare.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The call-class AMI events of one Originate (those aftercare's {@code call,agent} login gets; the fake does not play
 * the legs' dialplan and AGI events), reduced to what a fake must reproduce: per channel, and for the
 * OriginateResponse, the LocalBridge and the device state, the events as their names and the headers that carry
 * meaning, channel names without Asterisk's running number. Left out is what Asterisk's threads decide differently
 * from one run to the next (seen across four captures):
 * <ul>
 * <li>the interleaving of different channels' events, and on one channel the order of different kinds of event (a
 * HangupRequest the other half queues comes before or after a Newstate): each channel's events are sorted by name,
 * keeping the order among events of one name;</li>
 * <li>the channel state shown in events other than Newchannel, Newstate and Hangup (a DialBegin showed Ringing in
 * one run, Down in the next): Newstate says each state the channel took;</li>
 * <li>every device state change but the last (the device state thread coalesces them: INUSE in one run, not in the
 * next).</li>
 * </ul>
 * Immutable.
 *
 * @param groups e.g. {@code Local/busy@callee-test;2 -> [Newchannel ChannelState=4, ..., Hangup Cause=17]}
 */
public record CallTrace(Map<String, List<String>> groups) {
    private static final Pattern RUNNING_NUMBER = Pattern.compile("-[0-9a-f]{8}(?=;[12]$|$)");
    private static final List<String> KEY_HEADERS = List.of("ChannelState", "DestChannelState", "DialStatus",
            "Response", "Reason", "Cause", "Cause-txt", "State", "Context", "Exten", "CallerIDNum", "CallerIDName",
            "ConnectedLineNum", "ConnectedLineName", "DialString");

    public CallTrace {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        groups.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        groups = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The events among {@code events} that belong to the Originate of {@code channel} (as the action named it)
     * whose ActionID is {@code actionId}.
     */
    public static CallTrace of(List<AmiPacket> events, String channel, String actionId) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        String prefix = channel + "-";
        for (AmiPacket e : events.stream().filter(e -> e.getOrEmpty("Privilege").startsWith("call,")).toList()) {
            group(e, channel, prefix, actionId).ifPresent(g ->
                    groups.computeIfAbsent(g, k -> new ArrayList<>()).add(describe(e)));
        }
        Map<String, List<String>> stable = new java.util.TreeMap<>();
        groups.forEach((g, lines) -> stable.put(g, g.equals("DeviceStateChange") ? deviceStates(lines)
                : lines.stream().sorted(java.util.Comparator.comparing(l -> l.split(" ", 2)[0])).toList()));
        return new CallTrace(stable);
    }

    private static List<String> deviceStates(List<String> lines) {
        String last = lines.getLast();
        return List.of("DeviceStateChange last=" + last.substring(last.indexOf(" State=") + 7));
    }

    private static Optional<String> group(AmiPacket e, String channel, String prefix, String actionId) {
        return switch (e.type()) {
            case "OriginateResponse" -> Optional.of(e.getOrEmpty("ActionID").equals(actionId) ? e.type() : "")
                    .filter(g -> !g.isEmpty());
            case "DeviceStateChange" -> Optional.of(e.type()).filter(g -> e.getOrEmpty("Device").equals(channel));
            case "LocalBridge" -> Optional.of(e.type())
                    .filter(g -> e.getOrEmpty("LocalOneChannel").startsWith(prefix));
            default -> {
                String ch = e.get("Channel").orElse(e.getOrEmpty("DestChannel"));
                yield ch.startsWith(prefix) ? Optional.of(normalised(ch)) : Optional.empty();
            }
        };
    }

    /** {@code Local/busy@callee-test-0000000b;2} becomes {@code Local/busy@callee-test;2}. */
    static String normalised(String channel) {
        return RUNNING_NUMBER.matcher(channel).replaceFirst("");
    }

    private static String describe(AmiPacket e) {
        StringBuilder sb = new StringBuilder(e.type());
        // a state in any other event is a snapshot of a channel another thread is moving (DialBegin saw Ringing in
        // one run and Down in the next); Newstate says each state the channel took
        boolean state = List.of("Newchannel", "Newstate", "Hangup").contains(e.type());
        for (String h : KEY_HEADERS) {
            if (state || !h.endsWith("ChannelState")) {
                e.get(h).ifPresent(v -> sb.append(' ').append(h).append('=').append(v));
            }
        }
        e.get("Channel").filter(c -> e.type().equals("OriginateResponse"))
                .ifPresent(c -> sb.append(" Channel=").append(normalised(c)));
        e.get("Uniqueid").filter(u -> e.type().equals("OriginateResponse"))
                .ifPresent(u -> sb.append(" Uniqueid=").append(u.equals("<unknown>") ? u : "<id>"));
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        groups.forEach((g, lines) -> {
            sb.append(g).append('\n');
            lines.forEach(l -> sb.append("  ").append(l).append('\n'));
        });
        return sb.toString();
    }
}
