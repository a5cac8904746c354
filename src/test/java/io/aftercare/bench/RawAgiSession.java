package io.aftercare.bench;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.PackedRoute;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Asterisk for load: one FastAGI session over a raw socket with the agi-route.txt environment (plus
 * the linked id as {@code agi_arg_1}, as {@code dialplan/extensions_aftercare.conf} passes it),
 * answering SET VARIABLE with {@code 200 result=1}, GET VARIABLE with the channel's value or {@code 200 result=0},
 * everything else with {@code 200 result=0}, until the server closes. No per-command objects beyond the line.
 * Not thread-safe: one instance per client thread.
 */
final class RawAgiSession {
    private static final String ROUTE = "SET VARIABLE " + DialplanVariables.ROUTE + " \"";
    private final byte[] buffer = new byte[8192];
    private final StringBuilder line = new StringBuilder(128);
    private final InetSocketAddress server;
    private int commands;
    private boolean fallback;

    RawAgiSession(InetSocketAddress server) {
        this.server = server;
    }

    /** Plays one call from {@code callerId} to the script; returns the number of commands the server sent. */
    int call(String script, String callerId, String uniqueId) throws IOException {
        commands = 0;
        fallback = false;
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(server, 2_000);
            OutputStream out = socket.getOutputStream();
            out.write(environment(script, callerId, uniqueId));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), buffer.length);
            String command;
            while ((command = readLine(in)) != null) {
                commands++;
                if (command.startsWith(ROUTE) && "fallback".equals(PackedRoute.unpack(
                        command.substring(ROUTE.length(), command.length() - 1)).get(DialplanVariables.ROUTE_STATUS))) {
                    fallback = true;
                }
                out.write(reply(command, uniqueId));
                out.flush();
            }
        }
        return commands;
    }

    /** Whether the last call was answered with the fallback queue (AC_ROUTE_STATUS=fallback in AC_ROUTE). */
    boolean fallback() {
        return fallback;
    }

    private static byte[] reply(String command, String uniqueId) {
        String answer;
        if (command.startsWith("SET VARIABLE")) {
            answer = "200 result=1\n";
        } else if (command.startsWith("GET VARIABLE CHANNEL(linkedid)")) {
            answer = "200 result=1 (" + uniqueId + ")\n";
        } else {
            answer = "200 result=0\n";
        }
        return answer.getBytes(StandardCharsets.US_ASCII);
    }

    private String readLine(InputStream in) throws IOException {
        line.setLength(0);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return b == -1 && line.isEmpty() ? null : line.toString();
    }

    private byte[] environment(String script, String callerId, String uniqueId) {
        String env = "agi_network: yes\n"
                + "agi_network_script: " + script + "\n"
                + "agi_request: agi://" + server.getHostString() + ":" + server.getPort() + "/" + script + "\n"
                + "agi_channel: Local/1800@hotline-0000000a;2\n"
                + "agi_language: en\n"
                + "agi_type: Local\n"
                + "agi_uniqueid: " + uniqueId + "\n"
                + "agi_version: 22.10.1\n"
                + "agi_callerid: " + callerId + "\n"
                + "agi_calleridname: Bench Caller\n"
                + "agi_callingpres: 0\nagi_callingani2: 0\nagi_callington: 0\nagi_callingtns: 0\n"
                + "agi_dnid: unknown\nagi_rdnis: unknown\nagi_context: hotline\nagi_extension: 1800\n"
                + "agi_priority: 3\nagi_enhanced: 0.0\nagi_accountcode: \nagi_threadid: 139941243176640\n"
                + "agi_arg_1: " + uniqueId + "\n\n"; // the linked id, as the shipped dialplan passes it
        return env.getBytes(StandardCharsets.UTF_8);
    }
}
