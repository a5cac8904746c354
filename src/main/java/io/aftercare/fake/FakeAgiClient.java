package io.aftercare.fake;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.PackedRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays Asterisk 22 against a FastAGI server for one call: sends the agi_* environment exactly as
 * in agi-route.txt, answers each command as Asterisk does and records what happened. When the channel dies (the
 * script's HANGUP, or the caller hanging up), it writes Asterisk's one {@code HANGUP} line and answers further
 * commands as on a dead channel (captures/agi-dead-channel.txt). Immutable once built and thread-safe (each
 * {@link #run} uses its own socket and state).
 */
public final class FakeAgiClient {

    /**
     * What one call saw: the command lines in order, the reply to each, every line sent after the environment (the
     * replies and the {@code HANGUP} notice where it went), variables set (in order), digits the caller played and
     * whether the server closed the connection (false: the read timeout ended the call).
     */
    public record Result(List<String> commands, List<String> replies, List<String> lines,
            Map<String, String> variablesSet, List<String> digitsPlayed, boolean serverClosed) {

        public Result {
            commands = List.copyOf(commands);
            replies = List.copyOf(replies);
            lines = List.copyOf(lines);
            variablesSet = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variablesSet));
            digitsPlayed = List.copyOf(digitsPlayed);
        }

        /**
         * The variables as aftercare's dialplan leaves them after {@code AGI()}: those set directly, plus the
         * route script's packed {@code AC_ROUTE} split as the dialplan's CUT() lines split it.
         */
        public Map<String, String> afterDialplan() {
            Map<String, String> out = new LinkedHashMap<>(variablesSet);
            out.putAll(PackedRoute.unpack(variablesSet.get(DialplanVariables.ROUTE)));
            return java.util.Collections.unmodifiableMap(out);
        }
    }

    private final Map<String, String> env;
    private final boolean requestFromAddress;
    private final Map<String, String> presetVariables;
    private final List<String> getDataReplies;
    private final List<String> waitForDigitReplies;
    private final long streamEndpos;
    private final int hangupAfterCommands;
    private final int hangupDuringCommand;
    private final byte[] rawEnvironment;
    private final Duration readTimeout;

    private FakeAgiClient(Builder b) {
        this.env = new LinkedHashMap<>(b.env);
        this.requestFromAddress = b.requestFromAddress;
        this.presetVariables = new LinkedHashMap<>(b.presetVariables);
        this.getDataReplies = List.copyOf(b.getDataReplies);
        this.waitForDigitReplies = List.copyOf(b.waitForDigitReplies);
        this.streamEndpos = b.streamEndpos;
        this.hangupAfterCommands = b.hangupAfterCommands;
        this.hangupDuringCommand = b.hangupDuringCommand;
        this.rawEnvironment = b.rawEnvironment == null ? null : b.rawEnvironment.clone();
        this.readTimeout = b.readTimeout;
    }

    /** A builder whose environment is agi-route.txt session 2 (Alice Buyer calling 1800, script {@code route}). */
    public static Builder builder() {
        return new Builder();
    }

    public Result run(InetSocketAddress server) throws IOException {
        return run(server.getHostString(), server.getPort());
    }

    /** Connects, plays one call to its end and returns what happened; never blocks longer than the read timeout per read. */
    public Result run(String host, int port) throws IOException {
        Map<String, String> callEnv = new LinkedHashMap<>(env);
        if (requestFromAddress) {
            callEnv.put("agi_request", "agi://" + host + ":" + port + "/" + callEnv.get("agi_network_script"));
        }
        AgiResponder responder = new AgiResponder(callEnv, presetVariables, getDataReplies, waitForDigitReplies, streamEndpos);
        List<String> commands = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean serverClosed;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(rawEnvironment != null ? rawEnvironment : environmentBlock(callEnv));
            out.flush();
            serverClosed = converse(in, out, responder, commands, replies, lines);
        }
        return new Result(commands, replies, lines, responder.variablesSet(), responder.digitsPlayed(),
                serverClosed);
    }

    /** The environment block: {@code agi_key: value\n} lines in order, then an empty line. */
    public byte[] environmentBlock() {
        return environmentBlock(env);
    }

    private boolean converse(InputStream in, OutputStream out, AgiResponder responder, List<String> commands,
            List<String> replies, List<String> lines) throws IOException {
        if (hangupAfterCommands == 0 && responder.callerHangsUp() && !send(out, List.of(AgiResponder.HANGUP_NOTICE),
                lines)) {
            return true;
        }
        while (true) {
            String line;
            try {
                line = readLine(in);
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by the server counts as the server ending the call
            }
            if (line == null) {
                return true;
            }
            boolean wasDead = responder.dead();
            commands.add(line);
            String reply = commands.size() == hangupDuringCommand ? responder.interruptedReply(line)
                    : responder.reply(line);
            replies.add(reply);
            if (commands.size() == hangupAfterCommands) {
                responder.callerHangsUp();
            }
            // res_agi writes the notice as soon as it sees the channel gone: right after this reply
            List<String> sent = !wasDead && responder.dead() ? List.of(reply, AgiResponder.HANGUP_NOTICE)
                    : List.of(reply);
            if (!send(out, sent, lines)) {
                return true;
            }
        }
    }

    /** Writes each line with its LF; false when the server is gone. */
    private static boolean send(OutputStream out, List<String> toSend, List<String> lines) {
        StringBuilder sb = new StringBuilder();
        toSend.forEach(l -> sb.append(l).append('\n'));
        lines.addAll(toSend);
        try {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads up to LF (dropping a CR before it); null at end of stream with nothing read. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                break;
            }
            buf.write(b);
        }
        if (b == -1 && buf.size() == 0) {
            return null;
        }
        String line = buf.toString(StandardCharsets.UTF_8);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static byte[] environmentBlock(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Configures a FakeAgiClient; not thread-safe. */
    public static final class Builder {
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean requestFromAddress = true;
        private final Map<String, String> presetVariables = new LinkedHashMap<>();
        private final List<String> getDataReplies = new ArrayList<>();
        private final List<String> waitForDigitReplies = new ArrayList<>();
        private long streamEndpos = 3520;
        private int hangupAfterCommands = -1;
        private int hangupDuringCommand = -1;
        private byte[] rawEnvironment;
        private Duration readTimeout = Duration.ofSeconds(5);

        private Builder() {
            // agi-route.txt session 2, in its order.
            env.put("agi_network", "yes");
            env.put("agi_network_script", "route");
            env.put("agi_request", "agi://127.0.0.1:4573/route");
            env.put("agi_channel", "Local/1800@hotline-0000000a;2");
            env.put("agi_language", "en");
            env.put("agi_type", "Local");
            env.put("agi_uniqueid", "1795340440.21");
            env.put("agi_version", "22.10.1");
            env.put("agi_callerid", "5551234567");
            env.put("agi_calleridname", "Alice Buyer");
            env.put("agi_callingpres", "0");
            env.put("agi_callingani2", "0");
            env.put("agi_callington", "0");
            env.put("agi_callingtns", "0");
            env.put("agi_dnid", "unknown");
            env.put("agi_rdnis", "unknown");
            env.put("agi_context", "hotline");
            env.put("agi_extension", "1800");
            env.put("agi_priority", "3");
            env.put("agi_enhanced", "0.0");
            env.put("agi_accountcode", "");
            env.put("agi_threadid", "139941243176640");
        }

        /** Sets or replaces any {@code agi_*} key, keeping its position (new keys go last). */
        public Builder env(String key, String value) {
            if (key.contains("\n") || value.contains("\n")) {
                throw new IllegalArgumentException("use rawEnvironment() for malformed environments");
            }
            if (key.equals("agi_request")) {
                requestFromAddress = false;
            }
            env.put(key, value);
            return this;
        }

        public Builder callerId(String number) {
            return env("agi_callerid", number);
        }

        public Builder callerIdName(String name) {
            return env("agi_calleridname", name);
        }

        public Builder dnid(String dnid) {
            return env("agi_dnid", dnid);
        }

        public Builder uniqueId(String uniqueId) {
            return env("agi_uniqueid", uniqueId);
        }

        public Builder channel(String channel) {
            return env("agi_channel", channel);
        }

        public Builder language(String language) {
            return env("agi_language", language);
        }

        public Builder context(String context) {
            return env("agi_context", context);
        }

        public Builder extension(String extension) {
            return env("agi_extension", extension);
        }

        /**
         * The FastAGI script with its query, e.g. {@code survey?id=42}: sets agi_network_script and,
         * unless agi_request was set explicitly, agi_request as {@code agi://host:port/<script>}.
         */
        public Builder script(String script) {
            env.put("agi_network_script", script);
            return this;
        }

        /** A channel variable GET VARIABLE / GET FULL VARIABLE can read. */
        public Builder channelVariable(String name, String value) {
            presetVariables.put(name, value);
            return this;
        }

        /**
         * What the caller keys for each GET DATA, in order: {@code "4"}, {@code "91"}, {@code ""} for
         * nothing (timeout), or digits ending in {@code #}. Unscripted GET DATA times out.
         */
        public Builder getDataReplies(String... digits) {
            getDataReplies.addAll(List.of(digits));
            return this;
        }

        /** The digit for each WAIT FOR DIGIT, in order ({@code ""} = timeout, the default). */
        public Builder waitForDigitReplies(String... digits) {
            waitForDigitReplies.addAll(List.of(digits));
            return this;
        }

        public Builder streamFileEndpos(long endpos) {
            this.streamEndpos = endpos;
            return this;
        }

        /**
         * The caller hangs up while the script works between two commands, after {@code commands} were answered
         * (0: before the first): Asterisk's {@code HANGUP} line follows that reply, later commands find the channel
         * dead.
         */
        public Builder callerHangsUpAfter(int commands) {
            if (commands < 0) {
                throw new IllegalArgumentException("commands must be >= 0");
            }
            this.hangupAfterCommands = commands;
            return this;
        }

        /**
         * The caller hangs up while command number {@code command} (from 1) runs: a prompt or digit wait ends with
         * {@code result=-1} (as in captures/agi-dead-channel.txt), then Asterisk's {@code HANGUP} line.
         */
        public Builder callerHangsUpDuring(int command) {
            if (command < 1) {
                throw new IllegalArgumentException("command counts from 1");
            }
            this.hangupDuringCommand = command;
            return this;
        }

        /** Sends these bytes verbatim instead of the environment block (malformed-input tests). */
        public Builder rawEnvironment(byte[] bytes) {
            this.rawEnvironment = bytes.clone();
            return this;
        }

        /** Upper bound for each read; a silent server ends the call with serverClosed false. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public FakeAgiClient build() {
            return new FakeAgiClient(this);
        }
    }
}
