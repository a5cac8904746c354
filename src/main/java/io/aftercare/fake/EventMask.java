package io.aftercare.fake;

import java.util.List;
import java.util.Locale;

/**
 * The event classes an AMI session receives, as manager.c keeps them in {@code send_events}: every class unless the
 * login's {@code Events} header says otherwise ({@code on}, {@code off}, a list such as {@code call,agent}, or a
 * number). An event is sent when every class of its {@code Privilege} header (but {@code all}) is in the mask, as
 * the captures show: {@code Events: off} gets no event at all, not even FullyBooted; {@code call,agent} gets neither
 * FullyBooted (system) nor SuccessfulAuth (security) nor Newexten (dialplan). Immutable and thread-safe.
 *
 * @param bits manager.c's class bits: system 1, call 2, log 4, verbose 8, command 16, agent 32, user 64, config
 *             128, dtmf 256, reporting 512, cdr 1024, dialplan 2048, originate 4096, agi 8192, cc 16384, aoc 32768,
 *             test 65536, security 131072, message 262144
 */
record EventMask(int bits) {
    private static final List<String> CLASSES = List.of("system", "call", "log", "verbose", "command", "agent",
            "user", "config", "dtmf", "reporting", "cdr", "dialplan", "originate", "agi", "cc", "aoc", "test",
            "security", "message");
    static final EventMask ALL = new EventMask((1 << CLASSES.size()) - 1);

    /** manager.c strings_to_mask: empty or absent is every class; a number is the bits; else true, false or names. */
    static EventMask parse(String header) {
        String s = header == null ? "" : header.trim();
        if (s.isEmpty()) {
            return ALL;
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return new EventMask(Integer.parseInt(s));
        }
        String word = s.toLowerCase(Locale.ROOT);
        if (List.of("no", "false", "n", "f", "0", "off").contains(word)) {
            return new EventMask(0);
        }
        if (AmiActions.isTrue(word)) {
            return ALL;
        }
        return new EventMask(classes(word));
    }

    /** Whether a session with this mask gets {@code packet}: a response, or an event all of whose classes it has. */
    boolean admits(AmiPacket packet) {
        if (!packet.isEvent()) {
            return true;
        }
        int category = classes(packet.getOrEmpty("Privilege").toLowerCase(Locale.ROOT));
        return (bits & category) == category;
    }

    /** The bits of the known class names in a comma-separated list ({@code all} and unknown names count for none). */
    private static int classes(String list) {
        int bits = 0;
        for (String name : list.split(",")) {
            int i = CLASSES.indexOf(name.trim());
            if (i >= 0) {
                bits |= 1 << i;
            }
        }
        return bits;
    }
}
