package io.aftercare.ami;

import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.telephony.events.PbxEvent.ChannelSnapshot;
import io.aftercare.telephony.events.PbxEvent.MemberStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.asteriskjava.manager.response.ManagerError;

/**
 * Asks a freshly (re)connected PBX what is going on (QueueStatus, CoreShowChannels, Status) and turns the answers
 * into one {@link PbxEvent.Resynced}; the channel list alone serves the periodic check. Blocking: runs on the
 * connector's control thread, never on the AMI reader. Stateless.
 */
final class AmiResync {
    private static final long TIMEOUT_MS = 10_000;

    private AmiResync() {}

    static PbxEvent.Resynced run(String pbxId, ManagerConnection connection, Instant now) throws Exception {
        List<MemberStatus> members = new ArrayList<>();
        for (ResponseEvent e : events(connection.sendEventGeneratingAction(new QueueStatusAction(), TIMEOUT_MS))) {
            if (e instanceof QueueMemberEvent m
                    && AmiTranslator.translate(pbxId, m, now) instanceof MemberStatus status) {
                members.add(status);
            }
        }
        return new PbxEvent.Resynced(pbxId, now, channels(connection), members);
    }

    /**
     * Every live channel (CoreShowChannels, then Status for what it may miss on older versions). Throws when the
     * PBX does not answer or refuses either action: an answer that is not a list must never read as "no calls".
     */
    static List<ChannelSnapshot> channels(ManagerConnection connection) throws Exception {
        Map<String, ChannelSnapshot> channels = new LinkedHashMap<>();
        for (ResponseEvent e : listed(connection.sendEventGeneratingAction(new CoreShowChannelsAction(), TIMEOUT_MS),
                "CoreShowChannels")) {
            if (e instanceof CoreShowChannelEvent c && c.getUniqueid() != null) {
                channels.put(c.getUniqueid(), new ChannelSnapshot(or(c.getLinkedid(), c.getUniqueid()),
                        c.getUniqueid(), c.getChannel(), c.getApplication(), seconds(c.getDuration()),
                        c.getCallerIdNum()));
            }
        }
        // Status adds channels CoreShowChannels may miss on older versions, and the seconds since start.
        for (ResponseEvent e : listed(connection.sendEventGeneratingAction(new StatusAction(), TIMEOUT_MS), "Status")) {
            if (e instanceof StatusEvent s && s.getUniqueId() != null && !channels.containsKey(s.getUniqueId())) {
                channels.put(s.getUniqueId(), new ChannelSnapshot(or(s.getLinkedId(), s.getUniqueId()),
                        s.getUniqueId(), s.getChannel(), s.getApplication(),
                        s.getSeconds() == null ? 0 : s.getSeconds(), s.getCallerIdNum()));
            }
        }
        return List.copyOf(channels.values());
    }

    private static List<ResponseEvent> events(ResponseEvents answer) {
        return answer == null ? List.of() : List.copyOf(answer.getEvents());
    }

    private static List<ResponseEvent> listed(ResponseEvents answer, String action) {
        if (answer == null || answer.getResponse() == null) {
            throw new IllegalStateException(action + " was not answered");
        }
        if (answer.getResponse() instanceof ManagerError error) {
            throw new IllegalStateException(action + " refused: " + error.getMessage());
        }
        return List.copyOf(answer.getEvents());
    }

    /** CoreShowChannel's {@code Duration: HH:MM:SS}. */
    static long seconds(String duration) {
        if (duration == null || duration.isBlank()) {
            return 0;
        }
        long total = 0;
        try {
            for (String part : duration.trim().split(":")) {
                total = total * 60 + Long.parseLong(part);
            }
        } catch (NumberFormatException e) {
            return 0;
        }
        return total;
    }

    private static String or(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }
}
