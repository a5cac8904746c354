package io.aftercare.fake;

import java.time.Duration;
import java.util.List;

/**
 * One async Originate as Asterisk 22 plays it (src/test/resources/captures/ami-originate-*.txt): the channel
 * events of the call it places, then the {@code OriginateResponse}, and for an answered call the hangup once the
 * answered leg's dialplan is done (the policy's answer handler has returned). A {@code Local/} channel is a pair,
 * {@code ;1} dialled and {@code ;2} running the far end's dialplan, as captured; any other technology is one channel
 * with the {@code ;1} half's events (no SIP stack to capture from). Only call-class events are played: the
 * dialplan and AGI events of the legs are not. Steps run one after another on the server's ringer thread and,
 * after an answer, on the answered leg's own thread; not thread-safe otherwise.
 */
final class OriginatedCall {
    private static final String NOT_IN_USE = "NOT_INUSE";
    private static final String IN_USE = "INUSE";

    private final SimulatedAmiServer server;
    private final SimEvents ev;
    private final AmiPacket originate;
    private final OriginatePolicy.Ring ring;
    private final String requested;
    private final boolean local;
    private final CallerId cid;
    private final String channelId;
    private final SimChannel one;
    private final SimChannel two;
    private boolean rang;

    OriginatedCall(SimulatedAmiServer server, SimEvents ev, AmiPacket originate, OriginatePolicy.Ring ring) {
        this.server = server;
        this.ev = ev;
        this.originate = originate;
        this.ring = ring;
        this.requested = originate.getOrEmpty("Channel");
        this.local = requested.regionMatches(true, 0, "Local/", 0, 6);
        this.cid = CallerId.parseHeader(originate.getOrEmpty("CallerID"));
        String[] target = target();
        String name = requested + "-" + String.format("%08x", server.nextLocalNumber());
        // A ChannelId becomes the dialled half's Uniqueid and the call's Linkedid, the far half's with ";2"
        // (captures/ami-originate-channelid.txt)
        this.channelId = originate.getOrEmpty("ChannelId");
        String first = channelId.isEmpty() ? server.nextUniqueid() : channelId;
        this.one = new SimChannel(local ? name + ";1" : name, first, first, SimChannel.DOWN, target[1], target[0]);
        this.two = local ? new SimChannel(name + ";2", channelId.isEmpty() ? server.nextUniqueid() : first + ";2",
                first, SimChannel.RING, target[1], target[0]) : null;
    }

    /** Exten and context a Local channel runs ({@code Local/EXTEN@CONTEXT/n}); else the Originate's own. */
    private String[] target() {
        if (local) {
            String dest = requested.substring(6).split("/", 2)[0];
            int at = dest.indexOf('@');
            return at < 0 ? new String[] {dest, "default"} : new String[] {dest.substring(0, at), dest.substring(at + 1)};
        }
        return new String[] {originate.getOrEmpty("Exten"), originate.getOrEmpty("Context")};
    }

    /** Places the call now; the outcome comes after the policy's ring time. */
    void start() {
        if (ring.outcome() == OriginateOutcome.FAILURE) {
            server.later(ring.after().toMillis(), this::failed);
            return;
        }
        server.later(0, this::dial);
        server.later(ring.after().toMillis(), this::outcome);
    }

    /** The channels come up with the caller ID the Originate gave (Newchannel shows none yet). */
    private void created() {
        ev.newchannel(one);
        if (two != null) {
            ev.newchannel(two);
        }
        one.caller(cid);
        ev.newCallerid(one);
        one.connected(cid);
        ev.newConnectedLine(one);
        if (two != null) {
            two.caller(cid);
            two.connected(cid);
            ev.newCallerid(two);
            ev.newConnectedLine(two);
        }
    }

    /** Created, bridged to its far half and dialled; a callee who will not answer, or takes time, rings. */
    private void dial() {
        created();
        if (two != null) {
            ev.localBridge(one, two);
        }
        ev.dialBegin(one, requested.substring(requested.indexOf('/') + 1));
        if (ring.outcome() == OriginateOutcome.NO_ANSWER || ring.after().compareTo(Duration.ZERO) > 0) {
            rang = true;
            ev.newstate(one, SimChannel.RINGING);
            ev.dial("DialState", one, "DialStatus", "RINGING");
            device(IN_USE);
        }
    }

    private void outcome() {
        switch (ring.outcome()) {
            case ANSWERED -> answered();
            case BUSY -> refused("BUSY", 17, IN_USE);
            case CONGESTION -> refused("CONGESTION", 34, NOT_IN_USE);
            case NO_ANSWER -> noAnswer();
            case REJECTED -> rejected();
            case FAILURE -> failed();
        }
    }

    private void answered() {
        if (two != null) {
            ev.newstate(two, SimChannel.UP);
        }
        if (!rang) {
            device(NOT_IN_USE);
        }
        ev.newstate(one, SimChannel.UP);
        ev.dial("DialEnd", one, "DialStatus", "ANSWER");
        respond(true);
        if (!rang) {
            device(IN_USE);
        }
        one.context = originate.getOrEmpty("Context");
        one.exten = originate.getOrEmpty("Exten");
        OriginatePolicy.Answered answered = new OriginatePolicy.Answered(one.name, one.uniqueid);
        Thread.ofVirtual().name("fake-ami-answered-" + one.uniqueid).start(() -> {
            try {
                ring.onAnswer().accept(answered);
            } finally {
                dialplanHangsUp();
            }
        });
    }

    /** The answered leg's dialplan ends with Hangup(): its half goes first, the far half follows. */
    private void dialplanHangsUp() {
        ev.softHangupRequest(one);
        if (two != null) {
            ev.hangupRequest(two, 16);
            ev.softHangupRequest(two);
            ev.hangup(two, 16);
        }
        ev.hangup(one, 16);
        device(NOT_IN_USE);
        device(NOT_IN_USE);
    }

    /**
     * Busy() or Congestion() at the far end: its half goes Busy, the dial ends with {@code status}, the far half
     * hangs up with {@code cause} and the dialled half with none (a Local channel's; another technology's with it).
     */
    private void refused(String status, int cause, String deviceState) {
        if (two != null) {
            ev.newstate(two, SimChannel.BUSY);
        }
        if (!rang) {
            device(deviceState);
        }
        ev.dial("DialEnd", one, "DialStatus", status);
        farHalfHangsUp(0, cause);
        respond(false);
        ev.hangup(one, local ? 0 : cause);
        device(NOT_IN_USE);
        device(NOT_IN_USE);
    }

    /** The Originate's Timeout ran out while it rang: no DialEnd, both halves go with cause 19. */
    private void noAnswer() {
        farHalfHangsUp(19, 19);
        respond(false);
        ev.hangup(one, 19);
        device(NOT_IN_USE);
        device(NOT_IN_USE);
    }

    /** The far end hung up before answering (the capture's {@code Hangup(21)}): the dial ends NOANSWER. */
    private void rejected() {
        respond(false);
        if (two != null) {
            ev.softHangupRequest(two);
        }
        ev.hangupRequest(one, 21);
        if (two != null) {
            ev.hangup(two, 21);
        }
        ev.dial("DialEnd", one, "DialStatus", "NOANSWER");
        ev.hangup(one, 21);
        device(NOT_IN_USE);
        device(NOT_IN_USE);
    }

    /**
     * The channel could not be placed: a Local channel is created and goes at once (no such context in the
     * capture, device INVALID); any other technology makes no channel at all.
     */
    private void failed() {
        if (!local) {
            respond(false);
            return;
        }
        created();
        ev.hangup(two, 0);
        respond(false);
        ev.hangup(one, 0);
        device("INVALID");
        device("INVALID");
    }

    /** HangupRequest (with {@code requestCause}), SoftHangupRequest and Hangup of the far half. */
    private void farHalfHangsUp(int requestCause, int cause) {
        if (two != null) {
            ev.hangupRequest(two, requestCause);
            ev.softHangupRequest(two);
            ev.hangup(two, cause);
        }
    }

    /** A Local channel's device state ({@code Local/EXTEN@CONTEXT}); other technologies' are not played. */
    private void device(String state) {
        if (local) {
            ev.device(requested, state);
        }
    }

    private void respond(boolean success) {
        response(ev, originate, ring.outcome().reason(), success ? one.name : requested,
                success ? one.uniqueid : channelId.isEmpty() ? "<unknown>" : channelId, cid, success);
    }

    /**
     * The {@code OriginateResponse} of {@code originate} (to every session, with its ActionID): {@code channel} and
     * {@code uniqueid} are the created channel's on success, the requested channel and the ChannelId (or
     * {@code <unknown>}) otherwise.
     */
    static void response(SimEvents ev, AmiPacket originate, int reason, String channel, String uniqueid, CallerId cid,
                         boolean success) {
        List<AmiHeader> h = SimEvents.headers();
        originate.get("ActionID").ifPresent(id -> h.add(new AmiHeader("ActionID", id)));
        h.addAll(SimEvents.headers("Response", success ? "Success" : "Failure",
                "Channel", channel,
                "Context", originate.getOrEmpty("Context"),
                "Exten", originate.getOrEmpty("Exten"),
                "Reason", Integer.toString(reason),
                "Uniqueid", uniqueid,
                "CallerIDNum", cid.amiNumber(), "CallerIDName", cid.amiName()));
        ev.emit("OriginateResponse", "call,all", h);
    }
}
