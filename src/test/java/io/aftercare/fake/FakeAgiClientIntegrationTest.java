package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.fastagi.command.AbstractAgiCommand;
import org.asteriskjava.fastagi.reply.AgiReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeAgiClientIntegrationTest {

    /** A command no AGI knows, as in agi-survey.txt. */
    static final class NotACommand extends AbstractAgiCommand {
        private static final long serialVersionUID = 1L;

        @Override
        public String buildCommand() {
            return "NOT A COMMAND";
        }
    }

    /** Sends one command line verbatim, so the fake can be checked against the transcript's exact lines. */
    static final class Raw extends AbstractAgiCommand {
        private static final long serialVersionUID = 1L;
        private final String line;

        Raw(String line) {
            this.line = line;
        }

        @Override
        public String buildCommand() {
            return line;
        }
    }

    /** The transcript session the "replay" script sends. */
    private volatile Transcript.AgiSession replaying;

    private final AgiScript replay = (request, channel) -> {
        for (Transcript.AgiExchange exchange : replaying.exchanges()) {
            record(channel, () -> channel.sendCommand(new Raw(exchange.command())));
        }
    };

    /** What asterisk-java made of each reply: null where it threw instead of returning one. */
    private final List<AgiReply> parsed = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private DefaultAgiServer server;
    private int port;

    private final AgiScript route = (request, channel) -> {
        record(channel, () -> channel.setVariable("QUEUE", "callerid=anonymous".equals("callerid=" + request.getCallerIdNumber()) ? "general-support" : "vip"));
        record(channel, () -> outcomes.add(channel.getVariable("CHANNEL")));
        record(channel, () -> outcomes.add(channel.getVariable("UNIQUEID")));
        record(channel, () -> outcomes.add(String.valueOf(channel.getVariable("NOSUCHVAR"))));
    };

    private final AgiScript survey = (request, channel) -> {
        record(channel, channel::answer);
        record(channel, () -> channel.streamFile("beep"));
        record(channel, () -> outcomes.add(channel.getData("beep", 4000, 1)));
        record(channel, () -> outcomes.add(channel.getData("beep", 4000, 2)));
        record(channel, () -> outcomes.add(String.valueOf((int) channel.waitForDigit(4000))));
        record(channel, () -> channel.sayNumber("42"));
        record(channel, () -> channel.exec("Playback", "silence/1"));
        record(channel, () -> outcomes.add(channel.getFullVariable("${CALLERID(num)}")));
        record(channel, () -> channel.sendCommand(new NotACommand()));
        record(channel, () -> channel.verbose("survey done", 1));
        record(channel, channel::hangup);
        record(channel, () -> outcomes.add(channel.getVariable("CHANNEL")));
    };

    interface AgiStep {
        void run() throws AgiException;
    }

    private void record(AgiChannel channel, AgiStep step) {
        try {
            step.run();
            parsed.add(channel.getLastReply());
        } catch (AgiException e) {
            parsed.add(null);
            outcomes.add(e.getClass().getSimpleName());
        }
    }

    @BeforeEach
    void startAgiServer() throws IOException {
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of("route", route, "survey", survey, "replay", replay));
        server = new DefaultAgiServer(mapping);
        // DefaultAgiServer cannot report the port it bound, so reserve a free one first.
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server.setPort(port);
        server.setAddress(InetAddress.getLoopbackAddress());
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread.ofVirtual().name("agi-server").start(() -> {
            try {
                server.startup();
            } catch (IOException | IllegalStateException e) {
                failure.set(e);
            }
        });
    }

    @AfterEach
    void stopAgiServer() {
        server.shutdown();
    }

    private FakeAgiClient.Result call(FakeAgiClient client) {
        AtomicReference<FakeAgiClient.Result> result = new AtomicReference<>();
        // The server starts on another thread: retry until it accepts.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> { result.set(client.run(new InetSocketAddress("127.0.0.1", port))); return true; });
        return result.get();
    }

    @Test
    void routeScriptSendsTheTranscriptsCommandsAndParsesTheFakesReplies() throws Exception {
        for (Transcript.AgiSession session : TranscriptTest.agi("agi-route.txt")) {
            parsed.clear();
            outcomes.clear();
            replaying = session;
            FakeAgiClient.Builder b = FakeAgiClient.builder();
            session.environment().forEach(v -> b.env(v.name(), v.value()));
            FakeAgiClient.Result result = call(b.script("replay").build());

            assertSameAsTranscript(session, result);
            assertThat(result.variablesSet()).containsEntry("QUEUE", session.exchanges().get(0).command().contains("vip") ? "vip" : "general-support");
        }
    }

    @Test
    void asteriskJavaQuotesEveryArgumentAndTheFakeParsesItLikeAsterisk() throws Exception {
        for (Transcript.AgiSession session : TranscriptTest.agi("agi-route.txt")) {
            parsed.clear();
            outcomes.clear();
            FakeAgiClient.Builder b = FakeAgiClient.builder();
            session.environment().forEach(v -> b.env(v.name(), v.value()));
            FakeAgiClient.Result result = call(b.build());

            // asterisk-java 3.42.2 writes SET VARIABLE "QUEUE" "vip"; Asterisk's parser drops the quotes.
            for (int i = 0; i < session.exchanges().size(); i++) {
                assertThat(AgiArgs.parse(result.commands().get(i))).isEqualTo(AgiArgs.parse(session.exchanges().get(i).command()));
                assertThat(result.replies().get(i)).isEqualTo(session.exchanges().get(i).replyText());
            }
            assertThat(outcomes).containsExactly(session.env("agi_channel").orElseThrow(), session.env("agi_uniqueid").orElseThrow(), "null");
        }
    }

    @Test
    void surveyScriptGetsDigitsTimeoutsHangupAnd510LikeAsterisk() throws Exception {
        // agi-survey.txt up to the script's HANGUP; after it, what captures/agi-dead-channel.txt shows: one HANGUP
        // line of Asterisk's own right after the reply (the old transcript wrote it as the next command's reply and
        // stopped there), then GET VARIABLE, allowed on a dead channel, answered as usual.
        Transcript.AgiSession whole = TranscriptTest.agi("agi-survey.txt").get(0);
        Transcript.AgiSession session = new Transcript.AgiSession(whole.number(), whole.environment(),
                whole.exchanges().subList(0, whole.exchanges().size() - 1));
        replaying = whole;
        FakeAgiClient.Builder b = FakeAgiClient.builder().getDataReplies("4", "91").readTimeout(Duration.ofSeconds(1));
        session.environment().forEach(v -> b.env(v.name(), v.value()));
        FakeAgiClient.Result result = call(b.script("replay").build());

        assertSameAsTranscript(session, result);
        String channel = session.env("agi_channel").orElseThrow();
        assertThat(result.lines()).containsSequence("200 result=1", "HANGUP", "200 result=1 (" + channel + ")");
        // asterisk-java's SET VARIABLE AJ_AGISTATUS after the script, allowed on a dead channel too
        assertThat(result.commands().getLast()).contains("AJ_AGISTATUS");
        assertThat(result.replies().getLast()).isEqualTo("200 result=1");
        assertThat(result.digitsPlayed()).containsExactly("4", "91");
        // The script's thread records its last outcome after the client has returned: wait for it.
        await().untilAsserted(() -> assertThat(outcomes).containsExactly("InvalidOrUnknownCommandException"));
        assertThat(result.serverClosed()).as("asterisk-java closes once the script is done").isTrue();

        // The same call through asterisk-java's typed API (quoted arguments) gets the same results.
        parsed.clear();
        outcomes.clear();
        FakeAgiClient.Result typed = call(FakeAgiClient.builder().getDataReplies("4", "91").callerId("1800").script("survey")
                .readTimeout(Duration.ofSeconds(1)).build());
        String typedChannel = "Local/1800@hotline-0000000a;2"; // the builder's agi_channel (agi-route.txt session 2)
        await().untilAsserted(() -> assertThat(outcomes).containsExactly("4", "91", "0", "1800",
                "InvalidOrUnknownCommandException", typedChannel));
        assertThat(typed.replies().subList(0, 11))
                .containsExactlyElementsOf(session.exchanges().stream().map(Transcript.AgiExchange::replyText).toList());
        assertThat(typed.serverClosed()).isTrue();
    }

    /** The fake saw the transcript's exact command lines and asterisk-java parsed each reply as it parses Asterisk's. */
    private void assertSameAsTranscript(Transcript.AgiSession session, FakeAgiClient.Result result) throws Exception {
        List<String> commands = session.exchanges().stream().map(Transcript.AgiExchange::command).toList();
        assertThat(result.commands()).startsWith(commands.toArray(String[]::new));
        assertThat(result.replies().subList(0, commands.size()))
                .containsExactlyElementsOf(session.exchanges().stream().map(Transcript.AgiExchange::replyText).toList());
        for (int i = 0; i < commands.size(); i++) {
            AgiReply got = parsed.get(i);
            if (got == null) {
                continue; // asterisk-java threw (510, HANGUP): checked through outcomes
            }
            AgiReply want = parse(session.exchanges().get(i).reply());
            assertThat(List.of(got.getStatus(), String.valueOf(got.getResultCode()), String.valueOf(got.getResult()),
                    String.valueOf(got.getExtra()), String.valueOf(got.getAttribute("endpos"))))
                    .as(commands.get(i))
                    .isEqualTo(List.of(want.getStatus(), String.valueOf(want.getResultCode()), String.valueOf(want.getResult()),
                            String.valueOf(want.getExtra()), String.valueOf(want.getAttribute("endpos"))));
        }
    }

    private static AgiReply parse(List<String> lines) throws Exception {
        Constructor<?> c = Class.forName("org.asteriskjava.fastagi.internal.AgiReplyImpl").getDeclaredConstructor(List.class);
        c.setAccessible(true);
        return (AgiReply) c.newInstance(new ArrayList<>(lines));
    }

    @Test
    void getDataWithoutDigitsRepliesTimeoutAndCallerHangupGives511() throws Exception {
        FakeAgiClient.Result result = call(FakeAgiClient.builder().script("survey")
                .callerHangsUpAfter(3).build());

        assertThat(result.replies().get(2)).isEqualTo("200 result= (timeout)");
        assertThat(result.lines().get(3)).isEqualTo("HANGUP");
        assertThat(result.replies().get(3)).isEqualTo("511 Command Not Permitted on a dead channel or intercept routine");
        assertThat(outcomes).startsWith("", "AgiHangupException");
    }

    @Test
    void environmentBlockHasTheTranscriptsForm() {
        String block = new String(FakeAgiClient.builder().build().environmentBlock(), StandardCharsets.UTF_8);
        StringBuilder expected = new StringBuilder();
        TranscriptTest.agi("agi-route.txt").get(0).environment()
                .forEach(v -> expected.append(v.name()).append(": ").append(v.value()).append('\n'));
        assertThat(block).isEqualTo(expected.append('\n').toString());
        assertThat(block).contains("agi_accountcode: \n");
    }
}
