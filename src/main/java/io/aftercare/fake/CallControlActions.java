package io.aftercare.fake;

import static io.aftercare.fake.AmiActions.error;
import static io.aftercare.fake.AmiActions.response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hangup, Setvar, BlindTransfer, Atxfer, CancelAtxfer, PlayDTMF and PJSIPNotify on the channels the server has up,
 * with the checks, in the order, and the texts of Asterisk 22's main/manager.c, apps/app_senddtmf.c and
 * res/res_pjsip_notify.c (src/test/resources/pbx-captures/call-controls.txt). A Hangup also ends its channel (its
 * {@code Hangup} event); what the others would set off on a real PBX (a transfer's events) is the caller's to
 * emit. Thread-safe.
 */
final class CallControlActions {
    private final SimulatedAmiServer server;
    /** Variables set with Setvar, by channel name then variable name (a name's leading underscores kept). */
    private final Map<String, Map<String, String>> variables = new ConcurrentHashMap<>();

    CallControlActions(SimulatedAmiServer server) {
        this.server = server;
    }

    void hangup(AmiConnection c, AmiPacket a) throws IOException {
        String name = a.getOrEmpty("Channel");
        if (name.isEmpty()) {
            c.send(error(a, "No channel specified"));
            return;
        }
        Optional<PbxChannel> ch = channel(name);
        if (ch.isEmpty()) {
            c.send(error(a, "No such channel"));
            return;
        }
        c.send(response(a, "Success", "Channel Hungup"));
        variables.remove(name);
        PbxChannel gone = ch.get();
        List<AmiHeader> event = new ArrayList<>(List.of(new AmiHeader("Event", "Hangup"),
                new AmiHeader("Privilege", "call,all")));
        event.addAll(PbxChannel.snapshot(gone.name(), gone.state(), gone.callerNum(), gone.callerName(),
                gone.connectedNum(), gone.connectedName(), gone.context(), gone.exten(), gone.priority(),
                gone.uniqueid(), gone.linkedid(), ""));
        server.emit(new AmiPacket(event).plus("Cause", "16").plus("Cause-txt", "Normal Clearing"));
    }

    void setVariable(AmiConnection c, AmiPacket a) throws IOException {
        String name = a.getOrEmpty("Channel");
        String variable = a.getOrEmpty("Variable");
        if (variable.isEmpty()) {
            c.send(error(a, "No variable specified"));
            return;
        }
        if (!name.isEmpty() && channel(name).isEmpty()) {
            c.send(error(a, "No such channel"));
            return;
        }
        variables.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(variable, a.getOrEmpty("Value"));
        c.send(response(a, "Success", "Variable Set"));
    }

    void blindTransfer(AmiConnection c, AmiPacket a) throws IOException {
        Optional<PbxChannel> ch = transferer(c, a);
        if (ch.isEmpty()) {
            return;
        }
        // ast_bridge_transfer_blind: a channel in no bridge has nothing to transfer
        c.send(ch.get().bridgeId().isEmpty() ? error(a, "Transfer invalid")
                : response(a, "Success", "Transfer succeeded"));
    }

    void attendedTransfer(AmiConnection c, AmiPacket a) throws IOException {
        if (transferer(c, a).isEmpty()) {
            return;
        }
        // Asterisk only queues the atxfer code and the digits as DTMF: it says nothing of what comes of them
        c.send(server.atxferCode().isEmpty() ? error(a, "No attended transfer feature code found")
                : response(a, "Success", "Atxfer successfully queued"));
    }

    void cancelAttendedTransfer(AmiConnection c, AmiPacket a) throws IOException {
        String name = a.getOrEmpty("Channel");
        if (name.isEmpty()) {
            c.send(error(a, "No channel specified"));
        } else if (channel(name).isEmpty()) {
            c.send(error(a, "Channel specified does not exist"));
        } else {
            c.send(response(a, "Success", "CancelAtxfer successfully queued"));
        }
    }

    void playDtmf(AmiConnection c, AmiPacket a) throws IOException {
        if (channel(a.getOrEmpty("Channel")).isEmpty()) {
            c.send(error(a, "Channel not found"));
        } else if (a.getOrEmpty("Digit").isEmpty()) {
            c.send(error(a, "No digit specified"));
        } else if (!a.getOrEmpty("Duration").matches("[0-9]*")) {
            c.send(error(a, "Could not convert Duration parameter"));
        } else {
            c.send(response(a, "Success", "DTMF successfully queued"));
        }
    }

    /** PJSIPNotify in channel mode, on a PBX with chan_pjsip (the tests' fake may have one; the bundle has none). */
    void notify(AmiConnection c, AmiPacket a) throws IOException {
        String name = a.getOrEmpty("Channel");
        boolean option = !a.getOrEmpty("Option").isEmpty();
        if (option == !a.getAll("Variable").isEmpty()) {
            c.send(error(a, "PJSIPNotify requires either an Option or Variable(s).You must use only one of them."));
        } else if (name.isEmpty()) {
            c.send(error(a, "PJSIPNotify requires either an endpoint name, a SIP URI, or a channel."));
        } else if (channel(name).filter(ch -> ch.name().startsWith("PJSIP/")).isEmpty()) {
            c.send(error(a, "Channel not found"));
        } else {
            c.send(response(a, "Success", "NOTIFY sent"));
        }
    }

    /** The value Setvar gave {@code variable} on {@code channel} ("" for a global), if any. */
    Optional<String> variable(String channel, String variable) {
        return Optional.ofNullable(variables.getOrDefault(channel, Map.of()).get(variable));
    }

    /** BlindTransfer's and Atxfer's first checks; empty (an error sent) when they fail. */
    private Optional<PbxChannel> transferer(AmiConnection c, AmiPacket a) throws IOException {
        if (a.getOrEmpty("Channel").isEmpty()) {
            c.send(error(a, "No channel specified"));
            return Optional.empty();
        }
        if (a.getOrEmpty("Exten").isEmpty()) {
            c.send(error(a, "No extension specified"));
            return Optional.empty();
        }
        Optional<PbxChannel> ch = channel(a.getOrEmpty("Channel"));
        if (ch.isEmpty()) {
            c.send(error(a, "Channel specified does not exist"));
        }
        return ch;
    }

    /** ast_channel_get_by_name: the name, case-insensitive, or the Uniqueid. */
    private Optional<PbxChannel> channel(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return server.channels().stream().filter(ch -> ch.name().equalsIgnoreCase(name)
                || ch.uniqueid().equals(name)).findFirst();
    }
}
