package io.aftercare.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.App;
import io.aftercare.fake.FakeAgiClient;
import io.aftercare.routing.RoutingTestAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileAgiInputIntegrationTest {
    /** The only command lines aftercare (and asterisk-java around it) may send for a route call. */
    private static final Pattern SAFE = Pattern.compile(
            "SET VARIABLE \"?[A-Za-z_]+(\\([a-z]+\\))?\"? \"([^\"\\\\\\p{Cntrl}]|\\\\[\"\\\\])*\"|GET VARIABLE \"?CHANNEL\\(linkedid\\)\"?");
    private static final List<String> HOSTILE = List.of("", "anonymous", "unknown", "+", "1".repeat(30), "letters",
            "\"5551234\"", "\\\\\\", "2122000002\r", "${SHELL(id)}", "\"; HANGUP; \"", "x".repeat(8192),
            "2122000002\" \"vip");

    @TempDir
    static Path dir;
    static App app;

    @BeforeAll
    static void start() {
        app = RoutingTestAccess.start(dir, Map.of("AFTERCARE_AGI_READ_TIMEOUT_MS", "1000"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static FakeAgiClient.Builder client() {
        return FakeAgiClient.builder().readTimeout(Duration.ofSeconds(5));
    }

    private static void assertOnlySafeCommands(FakeAgiClient.Result result) {
        assertThat(result.commands()).allSatisfy(c -> assertThat(c).matches(SAFE));
        assertThat(result.afterDialplan().values()).allSatisfy(v -> assertThat(v).doesNotContain("\r", "\n", "$"));
        assertThat(result.serverClosed()).isTrue();
    }

    @Test
    void hostileCallerIdsAndNamesNeverBecomeASecondCommand() throws IOException {
        for (String hostile : HOSTILE) {
            var result = client().callerId(hostile).callerIdName(hostile).build().run("127.0.0.1", app.agiPort());
            assertOnlySafeCommands(result);
            // a trailing CR is read as a line end by asterisk-java, so "2122000002\r" is the VIP; all else is unknown
            assertThat(result.afterDialplan().get(DialplanVariables.QUEUE)).as(hostile)
                    .isEqualTo(hostile.equals("2122000002\r") ? "vip" : "general-support");
        }
    }

    @Test
    void lineBreaksAndInvalidUtf8InTheEnvironmentAreReadAsOneUnknownCaller() throws IOException {
        byte[] env = raw("agi_callerid: 2122000002\r\nHANGUP\n", "agi_calleridname: \u00ff\u00fe".getBytes(
                StandardCharsets.ISO_8859_1), new byte[] {(byte) 0xC3, (byte) 0x28, '\n'});
        var result = client().rawEnvironment(env).build().run("127.0.0.1", app.agiPort());
        assertOnlySafeCommands(result);
        assertThat(result.commands()).noneMatch(c -> c.startsWith("HANGUP") || c.startsWith("EXEC"));
    }

    @Test
    void keysWithoutAColonAreIgnored() throws IOException {
        byte[] env = raw("agi_callerid: 2122000002\n", "garbage line without colon\n".getBytes(StandardCharsets.UTF_8),
                new byte[0]);
        var result = client().rawEnvironment(env).build().run("127.0.0.1", app.agiPort());
        assertOnlySafeCommands(result);
        assertThat(result.afterDialplan()).containsKey(DialplanVariables.QUEUE);
    }

    @Test
    void environmentWithoutTheBlankLineEndsAtTheReadTimeout() throws IOException {
        byte[] env = "agi_network: yes\nagi_network_script: route\nagi_callerid: 2122000002\n"
                .getBytes(StandardCharsets.UTF_8);
        var result = client().rawEnvironment(env).build().run("127.0.0.1", app.agiPort());
        assertThat(result.commands()).isEmpty();
        assertThat(result.serverClosed()).isTrue();
        assertThat(client().build().run("127.0.0.1", app.agiPort()).afterDialplan()).containsKey(DialplanVariables.QUEUE);
    }

    @Test
    void unknownScriptNameFailsCleanly() throws IOException {
        var result = client().script("no-such-script").build().run("127.0.0.1", app.agiPort());
        assertThat(result.afterDialplan()).doesNotContainKey(DialplanVariables.QUEUE)
                .containsEntry("AJ_AGISTATUS", "NOT_FOUND");
        assertThat(result.serverClosed()).isTrue();
    }

    @Test
    void callerHangingUpMidScriptEndsTheSessionQuietly() throws IOException {
        for (var hangup : List.of(client().callerHangsUpAfter(2), client().callerHangsUpDuring(3))) {
            var result = hangup.callerId("2122000002").build().run("127.0.0.1", app.agiPort());
            assertThat(result.serverClosed()).as(result.lines().toString()).isTrue();
            assertThat(result.commands().size()).as(result.lines().toString()).isLessThanOrEqualTo(4);
        }
        assertThat(client().build().run("127.0.0.1", app.agiPort()).afterDialplan()).containsKey(DialplanVariables.QUEUE);
    }

    /** The route environment of agi-route.txt with {@code inject} in place of its caller ID lines. */
    private static byte[] raw(String callerLine, byte[] nameLine, byte[] extra) {
        String head = "agi_network: yes\nagi_network_script: route\nagi_request: agi://127.0.0.1/route\n"
                + "agi_channel: Local/1800@hotline-0000000a;2\nagi_language: en\nagi_uniqueid: 1795340440.99\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(callerLine.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(nameLine);
        out.write('\n');
        out.writeBytes(extra);
        out.writeBytes("agi_dnid: unknown\nagi_extension: 1800\n\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
