package io.aftercare.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parser and typed model for the wire transcripts captured from a real Asterisk 22 (AMI sessions
 * and FastAGI sessions); stateless, and every value it returns is immutable and thread-safe.
 */
public final class Transcript {

    private static final String CLIENT_PREFIX = ">>> ";

    private Transcript() {
    }

    /** One block of an AMI transcript: what the client sent or what Asterisk sent. */
    public sealed interface AmiBlock permits ClientAction, ServerPacket {
        AmiPacket packet();
    }

    /** An action the client sent (the transcript's {@code >>>} lines). */
    public record ClientAction(AmiPacket packet) implements AmiBlock {
    }

    /** A Response or Event Asterisk sent. */
    public record ServerPacket(AmiPacket packet) implements AmiBlock {
    }

    /** An AMI session: the banner line and the blocks in wire order. */
    public record Ami(String banner, List<AmiBlock> blocks) {

        public Ami {
            blocks = List.copyOf(blocks);
        }

        /** Every server packet in order. */
        public List<AmiPacket> serverPackets() {
            return blocks.stream().filter(b -> b instanceof ServerPacket).map(AmiBlock::packet).toList();
        }

        /** Every event in order. */
        public List<AmiPacket> events() {
            return serverPackets().stream().filter(AmiPacket::isEvent).toList();
        }

        /** Every client action in order. */
        public List<AmiPacket> actions() {
            return blocks.stream().filter(b -> b instanceof ClientAction).map(AmiBlock::packet).toList();
        }

        /** Number of events per event name, in order of first appearance. */
        public Map<String, Integer> eventCounts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (AmiPacket e : events()) {
                counts.merge(e.type(), 1, Integer::sum);
            }
            return counts;
        }

        /**
         * The blocks after the login handshake: skips the Login action, its response and the
         * FullyBooted and SuccessfulAuth events right after it, which FakeAmiServer produces
         * itself when a client logs in.
         */
        public List<AmiBlock> afterLogin() {
            int i = 0;
            while (i < blocks.size() && !(blocks.get(i) instanceof ClientAction a && a.packet().type().equalsIgnoreCase("Login"))) {
                i++;
            }
            if (i == blocks.size()) {
                return blocks;
            }
            i++;
            if (i < blocks.size() && blocks.get(i) instanceof ServerPacket p && p.packet().isResponse()) {
                i++;
            }
            while (i < blocks.size() && blocks.get(i) instanceof ServerPacket p
                    && (p.packet().type().equals("FullyBooted") || p.packet().type().equals("SuccessfulAuth"))) {
                i++;
            }
            return blocks.subList(i, blocks.size());
        }
    }

    /** One {@code agi_*} environment line; the value may be empty. */
    public record AgiVariable(String name, String value) {
    }

    /** One AGI command the script sent and Asterisk's reply lines (one line except for usage errors). */
    public record AgiExchange(String command, List<String> reply) {

        public AgiExchange {
            reply = List.copyOf(reply);
        }

        /** The reply lines joined with LF, as they appear on the wire without the final LF. */
        public String replyText() {
            return String.join("\n", reply);
        }
    }

    /** A FastAGI session ({@code ### session N}): the environment block and the exchanges. */
    public record AgiSession(int number, List<AgiVariable> environment, List<AgiExchange> exchanges) {

        public AgiSession {
            environment = List.copyOf(environment);
            exchanges = List.copyOf(exchanges);
        }

        /** The value of an environment key such as {@code agi_callerid}. */
        public Optional<String> env(String name) {
            return environment.stream().filter(v -> v.name().equals(name)).map(AgiVariable::value).findFirst();
        }
    }

    /** Parses an AMI transcript (LF or CRLF line endings). */
    public static Ami parseAmi(String text) {
        List<String> lines = splitLines(text);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty AMI transcript");
        }
        String banner = lines.get(0);
        List<AmiBlock> blocks = new ArrayList<>();
        List<AmiHeader> current = new ArrayList<>();
        boolean currentIsClient = false;
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            boolean client = line.startsWith(CLIENT_PREFIX);
            if (!current.isEmpty() && (line.isEmpty() || client != currentIsClient)) {
                // A client action ends where Asterisk's answer starts (no blank line between them).
                blocks.add(block(currentIsClient, current));
                current = new ArrayList<>();
            }
            if (line.isEmpty()) {
                continue;
            }
            currentIsClient = client;
            current.add(AmiHeader.parse(client ? line.substring(CLIENT_PREFIX.length()) : line));
        }
        if (!current.isEmpty()) {
            blocks.add(block(currentIsClient, current));
        }
        return new Ami(banner, blocks);
    }

    /** Parses a FastAGI transcript ({@code <} is Asterisk, {@code >} is the script). */
    public static List<AgiSession> parseAgi(String text) {
        List<AgiSession> sessions = new ArrayList<>();
        int number = -1;
        List<AgiVariable> env = new ArrayList<>();
        List<AgiExchange> exchanges = new ArrayList<>();
        boolean inEnvironment = false;
        String command = null;
        List<String> reply = new ArrayList<>();
        for (String line : splitLines(text)) {
            if (line.startsWith("### session ")) {
                if (number >= 0) {
                    closeExchange(exchanges, command, reply);
                    sessions.add(new AgiSession(number, env, exchanges));
                }
                number = Integer.parseInt(line.substring("### session ".length()).trim());
                env = new ArrayList<>();
                exchanges = new ArrayList<>();
                inEnvironment = true;
                command = null;
                reply = new ArrayList<>();
            } else if (line.startsWith("<")) {
                String payload = line.length() > 1 ? line.substring(2) : "";
                if (inEnvironment) {
                    if (payload.isEmpty()) {
                        inEnvironment = false;
                    } else {
                        int colon = payload.indexOf(':');
                        String value = payload.substring(colon + 1);
                        env.add(new AgiVariable(payload.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value));
                    }
                } else {
                    reply.add(payload);
                }
            } else if (line.startsWith(">")) {
                closeExchange(exchanges, command, reply);
                command = line.length() > 1 ? line.substring(2) : "";
                reply = new ArrayList<>();
            } else if (!line.isEmpty()) {
                throw new IllegalArgumentException("unexpected AGI transcript line: " + line);
            }
        }
        if (number >= 0) {
            closeExchange(exchanges, command, reply);
            sessions.add(new AgiSession(number, env, exchanges));
        }
        return sessions;
    }

    public static Ami readAmi(Path file) {
        return parseAmi(read(file));
    }

    public static List<AgiSession> readAgi(Path file) {
        return parseAgi(read(file));
    }

    /** Reads a transcript from the classpath, e.g. {@code asterisk-22/agi-route.txt}. */
    public static String resource(String name) {
        try (InputStream in = Transcript.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no such classpath resource: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeExchange(List<AgiExchange> exchanges, String command, List<String> reply) {
        if (command != null) {
            exchanges.add(new AgiExchange(command, reply));
        }
    }

    private static AmiBlock block(boolean client, List<AmiHeader> headers) {
        AmiPacket packet = new AmiPacket(headers);
        return client ? new ClientAction(packet) : new ServerPacket(packet);
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.replace("\r\n", "\n").split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
