package io.aftercare.calls;

import io.aftercare.telephony.events.PbxEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The periodic channel check's memory, per PBX: a call live when the list was asked for and listed under none of its
 * Linkedid's channels ended unseen (a lost Hangup), and is to be closed when the next list leaves it out too: the
 * list and the call's own events travel by different threads in asterisk-java, so a Hangup sent just before the list
 * may reach us just after it; a minute later it has come or it never will. Not thread-safe: part of the {@link
 * CallTracker}.
 */
final class ChannelCheck {
    /** Per PBX: the calls live when the running check was asked. */
    private final Map<String, Set<String>> asked = new HashMap<>();
    /** Per PBX: the calls the last check did not list. */
    private final Map<String, Set<String>> unlisted = new HashMap<>();

    /** The link to the PBX went down or came up: the resync after the login decides; checks start afresh. */
    void reset(String pbxId) {
        asked.remove(pbxId);
        unlisted.remove(pbxId);
    }

    /** A check was asked while {@code live} (call keys) were live. */
    void asked(String pbxId, Set<String> live) {
        asked.put(pbxId, live);
    }

    /**
     * The calls to close now: live when the list was asked, still live ({@code stillLive}), and left out by this
     * list and the one before. {@code key} makes a call key of a PBX id and a Linkedid.
     */
    List<String> unseenTwice(PbxEvent.ChannelsListed answer, Predicate<String> stillLive,
                             BiFunction<String, String, String> key) {
        Set<String> question = asked.remove(answer.pbxId());
        if (question == null) {
            return List.of(); // a list whose question came before a reconnect
        }
        Set<String> listed = new HashSet<>();
        answer.channels().forEach(ch -> listed.add(key.apply(answer.pbxId(), ch.linkedId())));
        Set<String> before = unlisted.getOrDefault(answer.pbxId(), Set.of());
        Set<String> now = new HashSet<>();
        List<String> close = new java.util.ArrayList<>();
        for (String call : question) {
            if (!stillLive.test(call) || listed.contains(call)) {
                continue;
            }
            if (before.contains(call)) {
                close.add(call);
            } else {
                now.add(call);
            }
        }
        unlisted.put(answer.pbxId(), now);
        return close;
    }
}
