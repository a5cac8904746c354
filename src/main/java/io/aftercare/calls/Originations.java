package io.aftercare.calls;

import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.events.PbxEvent.CallEvent;
import io.aftercare.telephony.events.PbxEvent.ChannelCreated;
import io.aftercare.telephony.events.PbxEvent.OriginateResult;
import io.aftercare.telephony.events.PbxEvent.OriginateSent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Originates aftercare sent, until their OriginateResponse: which new call each one placed, and which Originate
 * a response answers. A call is aftercare's when its Linkedid is the originate id sent as ChannelId or, on a PBX that
 * ignores ChannelId, when its first channel is named after the channel asked for ({@code
 * Local/5550000@customers-00000006;1}). Bounded: a link may drop before the responses come. Not thread-safe: part
 * of the {@link CallTracker}.
 */
final class Originations {
    private static final int REMEMBERED = 50_000;

    /** One Originate aftercare sent; {@code linkedId} once a call is known to be the one it placed. */
    record Originating(OriginateSent sent, String linkedId) {}

    /** By PBX and ActionID. */
    private final Map<String, Originating> pending = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Originating> eldest) {
            return size() > REMEMBERED;
        }
    };

    void sent(OriginateSent sent) {
        pending.put(key(sent.pbxId(), sent.actionId()), new Originating(sent, null));
    }

    /**
     * The kind of a new call: what aftercare's originate id says (sent as the ChannelId, so it is the Linkedid), or
     * the kind of an Originate of aftercare's whose requested channel names the call's first channel; else inbound.
     */
    ContactKind kindOf(CallEvent first, String linkedId) {
        Originating byId = pending.get(key(first.pbxId(), linkedId));
        if (byId != null) {
            pending.put(key(first.pbxId(), linkedId), new Originating(byId.sent(), linkedId));
            return byId.sent().kind();
        }
        Optional<ContactKind> named = ContactKind.ofOriginateId(linkedId); // after a restart, or a resync
        if (named.isPresent() || !(first instanceof ChannelCreated created)) {
            return named.orElse(ContactKind.INBOUND);
        }
        for (Map.Entry<String, Originating> e : pending.entrySet()) {
            OriginateSent sent = e.getValue().sent();
            if (e.getValue().linkedId() == null && sent.pbxId().equals(first.pbxId())
                    && created.channel().startsWith(sent.channel() + "-")) {
                e.setValue(new Originating(sent, linkedId));
                return sent.kind();
            }
        }
        return ContactKind.INBOUND;
    }

    /**
     * Takes the Originate of aftercare's that {@code result} answers, or null when it is another client's: by
     * ActionID (asterisk-java passes on only the ActionIDs of its own actions), by the ChannelId echoed as Uniqueid,
     * or, from a PBX that ignores ChannelId, by the call its channel was named for ({@code linkedIdOfChannel}, null
     * when unknown), or (failed) by the channel requested.
     */
    Originating answered(OriginateResult result, String linkedIdOfChannel) {
        for (String id : new String[] {result.actionId(), result.uniqueId()}) {
            Originating byId = id.isEmpty() ? null : pending.remove(key(result.pbxId(), id));
            if (byId != null) {
                return byId;
            }
        }
        for (var it = pending.values().iterator(); it.hasNext(); ) {
            Originating o = it.next();
            if (o.sent().pbxId().equals(result.pbxId()) && (linkedIdOfChannel != null
                    ? linkedIdOfChannel.equals(o.linkedId())
                    : result.uniqueId().isEmpty() && o.sent().channel().equals(result.channel()))) {
                it.remove();
                return o;
            }
        }
        return null;
    }

    private static String key(String pbxId, String id) {
        return pbxId + '\u0000' + id;
    }
}
