package io.aftercare.fake;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An agent the PBX simulator can ring: a Local-channel queue member such as
 * {@code Local/agent1@agents} named {@code Agent One}, the queues it serves and, when not empty,
 * the reason it is paused with at start; immutable and thread-safe.
 */
public record SimAgent(String iface, String memberName, List<String> queues, String pausedReason) {
    private static final Pattern PHONE = Pattern.compile("Local/[A-Za-z0-9_.+-]+@[A-Za-z0-9_.+-]+");

    public SimAgent {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(memberName, "memberName");
        if (!isPhone(iface)) {
            // The simulator builds the agent legs as Local channel pairs, as the transcripts show.
            throw new IllegalArgumentException("agent interface must look like Local/agent1@agents: " + iface);
        }
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("agent " + iface + " serves no queue");
        }
        for (String q : queues) {
            if (!PbxSimulator.isQueueName(q)) {
                throw new IllegalArgumentException("bad queue name: " + q);
            }
        }
        pausedReason = pausedReason == null ? "" : new CallerId("", pausedReason).name();
        memberName = new CallerId("", memberName).name();
    }

    /** An agent available at start. */
    public SimAgent(String iface, String memberName, List<String> queues) {
        this(iface, memberName, queues, "");
    }

    /** Whether the simulator can ring this member interface: a Local channel such as {@code Local/agent1@agents}. */
    static boolean isPhone(String iface) {
        return PHONE.matcher(iface).matches();
    }

    public boolean pausedAtStart() {
        return !pausedReason.isEmpty();
    }

    /** {@code agent1} of {@code Local/agent1@agents}. */
    String exten() {
        return iface.substring("Local/".length(), iface.indexOf('@'));
    }

    /** {@code agents} of {@code Local/agent1@agents}. */
    String context() {
        return iface.substring(iface.indexOf('@') + 1);
    }

    /** {@code Custom:agent1}, the state interface the transcript's agents have. */
    String stateInterface() {
        return "Custom:" + exten();
    }
}
