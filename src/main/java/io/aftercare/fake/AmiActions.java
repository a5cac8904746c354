package io.aftercare.fake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Answers one AMI action the way Asterisk 22's manager.c does (texts checked against the
 * transcripts and main/manager.c); thread-safe (state lives in SimulatedAmiServer and AmiConnection).
 */
final class AmiActions {

    private final SimulatedAmiServer server;
    private final QueueActions queueActions;
    private final CallControlActions callActions;
    private final SecureRandom random = new SecureRandom();

    AmiActions(SimulatedAmiServer server) {
        this.server = server;
        this.queueActions = new QueueActions(server);
        this.callActions = server.callControls();
    }

    /** Handles one action; false means close the connection (Logoff, failed Login). */
    boolean handle(AmiConnection c, AmiPacket a) throws IOException {
        String action = a.getOrEmpty("Action").trim();
        if (action.isEmpty()) {
            c.send(error(a, "Missing action in request"));
            return true;
        }
        String name = action.toLowerCase(Locale.ROOT);
        // manager.c process_message: only Login, Logoff and Challenge are allowed before login.
        if (!c.authenticated() && !name.equals("login") && !name.equals("logoff") && !name.equals("challenge")) {
            c.send(error(a, "Permission denied"));
            return true;
        }
        switch (name) {
            case "login" -> {
                return login(c, a);
            }
            case "logoff" -> {
                c.send(response(a, "Goodbye", "Thanks for all the fish."));
                return false;
            }
            case "challenge" -> challenge(c, a);
            case "ping" -> c.send(header(a, "Success").plus("Ping", "Pong").plus("Timestamp", server.clock().timestamp()));
            case "originate" -> originate(c, a);
            case "queueadd" -> queueActions.add(c, a);
            case "queueremove" -> queueActions.remove(c, a);
            case "queuepause" -> queueActions.pause(c, a);
            case "queuestatus" -> queueActions.status(c, a);
            case "queuesummary" -> queueActions.summary(c, a);
            case "queuewithdrawcaller" -> queueActions.withdraw(c, a);
            case "coreshowchannels" -> coreShowChannels(c, a);
            case "status" -> status(c, a);
            case "coresettings" -> coreSettings(c, a);
            case "command" -> command(c, a);
            case "hangup" -> callActions.hangup(c, a);
            case "setvar" -> callActions.setVariable(c, a);
            case "blindtransfer" -> callActions.blindTransfer(c, a);
            case "atxfer" -> callActions.attendedTransfer(c, a);
            case "cancelatxfer" -> callActions.cancelAttendedTransfer(c, a);
            case "playdtmf" -> callActions.playDtmf(c, a);
            case "pjsipnotify" -> {
                if (server.pjsip()) {
                    callActions.notify(c, a);
                } else {
                    unknown(c, a, action); // the bundle's Asterisk, built without pjsip, has no such action
                }
            }
            default -> unknown(c, a, action);
        }
        return true;
    }

    private boolean login(AmiConnection c, AmiPacket a) throws IOException {
        if (c.authenticated()) {
            c.send(response(a, "Success", "Already authenticated"));
            return true;
        }
        if (!authenticate(c, a)) {
            // Asterisk also sleeps a second here to slow guessing; a test fake need not.
            c.send(error(a, "Authentication failed"));
            return false;
        }
        // manager.c raises SuccessfulAuth while authenticating, before the answer: every other session has it before
        // this client can act on its login; its own session gets it after FullyBooted, as in the capture.
        AmiPacket auth = security(c, "SuccessfulAuth", "Informational")
                .plus("AccountID", server.username())
                .plus("SessionID", sessionId(c))
                .plus("LocalAddress", "IPV4/TCP/127.0.0.1/" + c.localPort())
                .plus("RemoteAddress", "IPV4/TCP/127.0.0.1/" + c.remotePort())
                .plus("UsingPassword", "0")
                .plus("SessionTV", sessionTv(c));
        if (server.securityEvents()) {
            server.broadcast(auth);
        }
        c.eventMask(EventMask.parse(a.getOrEmpty("Events")));
        c.authenticated(server.username());
        c.send(response(a, "Success", "Authentication accepted"));
        // FullyBooted is appended to the session directly, so it has no Timestamp (see transcript), and only when
        // the session's mask has the system class (captures/ami-originate-events-*.txt).
        String uptime = Long.toString(server.uptimeSeconds());
        for (AmiPacket own : List.of(AmiPacket.of("Event", "FullyBooted", "Privilege", "system,all", "Uptime", uptime,
                "LastReload", uptime, "Status", "Fully Booted"), auth)) {
            if (c.eventMask().admits(own) && (own != auth || server.securityEvents())) {
                c.send(own);
            }
        }
        return true;
    }

    private boolean authenticate(AmiConnection c, AmiPacket a) {
        if (!server.username().equals(a.getOrEmpty("Username"))) {
            return false;
        }
        String authType = a.getOrEmpty("AuthType");
        if (authType.equalsIgnoreCase("MD5") && c.challenge() != null) {
            return md5Hex(c.challenge() + server.secret()).equalsIgnoreCase(a.getOrEmpty("Key"));
        }
        return server.secret().equals(a.getOrEmpty("Secret"));
    }

    private void challenge(AmiConnection c, AmiPacket a) throws IOException {
        if (!a.getOrEmpty("AuthType").equalsIgnoreCase("MD5")) {
            c.send(error(a, "Must specify AuthType"));
            return;
        }
        if (c.challenge() == null) {
            // manager.c uses ast_random() printed with %ld.
            c.challenge(Long.toString((random.nextLong() & Long.MAX_VALUE) % 1_000_000_000L));
        }
        c.send(header(a, "Success").plus("Challenge", c.challenge()));
    }

    private void originate(AmiConnection c, AmiPacket a) throws IOException {
        String channel = a.getOrEmpty("Channel");
        if (channel.isEmpty()) {
            c.send(error(a, "Channel not specified"));
            return;
        }
        PbxSimulator sim = server.simulator();
        if (sim != null && isTrue(a.getOrEmpty("Async")) && sim.placeholder(a, () -> {
            try {
                c.send(response(a, "Success", "Originate successfully queued"));
            } catch (IOException e) {
                // the client went away: the call is placed all the same
            }
        })) {
            return; // a callback's placeholder: the simulator plays it in its queue
        }
        OriginatePolicy.Ring ring = server.ringFor(a);
        if (!isTrue(a.getOrEmpty("Async"))) {
            c.send(ring.outcome().answered() ? response(a, "Success", "Originate successfully queued")
                    : error(a, "Originate failed"));
            return;
        }
        c.send(response(a, "Success", "Originate successfully queued"));
        new OriginatedCall(server, server.events(), a, ring).start();
    }

    private void coreShowChannels(AmiConnection c, AmiPacket a) throws IOException {
        c.send(listAck(a, "Channels will follow"));
        List<PbxChannel> channels = server.channels();
        for (PbxChannel ch : channels) {
            c.send(ch.coreShowChannel(a.get("ActionID"), server.clock().now()));
        }
        c.send(listComplete(a, "CoreShowChannelsComplete", channels.size()));
    }

    /** Every channel, or the one named by {@code Channel}; Asterisk adds {@code Items} to the complete event. */
    private void status(AmiConnection c, AmiPacket a) throws IOException {
        String name = a.getOrEmpty("Channel");
        List<PbxChannel> channels = server.channels().stream()
                .filter(ch -> name.isEmpty() || ch.name().equalsIgnoreCase(name)).toList();
        if (!name.isEmpty() && channels.isEmpty()) {
            c.send(error(a, "No such channel"));
            return;
        }
        c.send(listAck(a, "Channel status will follow"));
        for (PbxChannel ch : channels) {
            c.send(ch.status(a.get("ActionID"), server.clock().now()));
        }
        String count = Integer.toString(channels.size());
        c.send(listComplete(a, "StatusComplete", channels.size()).plus("Items", count));
    }

    private void coreSettings(AmiConnection c, AmiPacket a) throws IOException {
        c.send(header(a, "Success").plus("AMIversion", "11.0.0").plus("AsteriskVersion", server.asteriskVersion())
                .plus("SystemName", "").plus("CoreMaxCalls", "0").plus("CoreMaxLoadAvg", "0.000000")
                .plus("CoreRunUser", "").plus("CoreRunGroup", "").plus("CoreMaxFilehandles", "0")
                .plus("CoreRealTimeEnabled", "No").plus("CoreCDRenabled", "No").plus("CoreHTTPenabled", "No")
                .plus("SoundsSearchCustomDir", "No"));
    }

    private void command(AmiConnection c, AmiPacket a) throws IOException {
        String cmd = a.getOrEmpty("Command").trim();
        if (cmd.equalsIgnoreCase("core show version")) {
            c.send(response(a, "Success", "Command output follows")
                    .plus("Output", "Asterisk " + server.asteriskVersion() + " built by fake @ localhost"));
        } else {
            c.send(error(a, "Command output follows")
                    .plus("Output", "No such command '" + cmd + "' (type 'core show help " + cmd + "' for other possible commands)"));
        }
    }

    private void unknown(AmiConnection c, AmiPacket a, String action) throws IOException {
        c.send(error(a, "Invalid/unknown command: " + action + ". Use Action: ListCommands to show available commands."));
        if (server.securityEvents()) {
            server.broadcast(security(c, "RequestBadFormat", "Error")
                    .plus("SessionID", sessionId(c))
                    .plus("LocalAddress", "IPV4/TCP/127.0.0.1/" + c.localPort())
                    .plus("RemoteAddress", "IPV4/TCP/127.0.0.1/" + c.remotePort())
                    .plus("RequestType", "Action: " + action)
                    .plus("SessionTV", sessionTv(c))
                    .plus("AccountID", c.username()));
        }
    }

    private AmiPacket security(AmiConnection c, String event, String severity) {
        return server.clock().stamp(AmiPacket.of("Event", event, "Privilege", "security,all"))
                .plus("EventTV", server.clock().eventTv(server.clock().now()))
                .plus("Severity", severity).plus("Service", "AMI").plus("EventVersion", "1");
    }

    private String sessionTv(AmiConnection c) {
        return server.clock().eventTv(java.time.Instant.ofEpochMilli(c.connectedAtMillis()));
    }

    private static String sessionId(AmiConnection c) {
        return "0x" + Integer.toHexString(System.identityHashCode(c));
    }

    // --- response shapes of manager.c (astman_send_response_full, listack, list_complete) ---

    static AmiPacket header(AmiPacket action, String status) {
        AmiPacket p = AmiPacket.of("Response", status);
        return action.get("ActionID").map(id -> p.plus("ActionID", id)).orElse(p);
    }

    static AmiPacket response(AmiPacket action, String status, String message) {
        return header(action, status).plus("Message", message);
    }

    static AmiPacket error(AmiPacket action, String message) {
        return response(action, "Error", message);
    }

    static AmiPacket listAck(AmiPacket action, String message) {
        return header(action, "Success").plus("EventList", "start").plus("Message", message);
    }

    static AmiPacket listComplete(AmiPacket action, String event, int items) {
        AmiPacket p = withActionId(AmiPacket.of("Event", event), action);
        return p.plus("EventList", "Complete").plus("ListItems", Integer.toString(items));
    }

    static AmiPacket withActionId(AmiPacket p, AmiPacket action) {
        return action.get("ActionID").map(id -> p.plus("ActionID", id)).orElse(p);
    }

    /** Asterisk's ast_true(). */
    static boolean isTrue(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }

    private static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is mandatory in every JDK", e);
        }
    }
}
