package io.aftercare.agi;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiScript;
import org.junit.jupiter.api.Test;

/**
 * The FastAGI server holds 2,000 sessions open at once (an IVR keeps one per caller; asterisk-java's own default
 * pool would refuse the 501st), and closes a session whose Asterisk side says nothing within the read timeout.
 * Real sockets: each client plays Asterisk's side of the protocol.
 */
class FastAgiCapacityIntegrationTest {
    private static final int SESSIONS = 2_000;

    /** Asks Asterisk one question, and answers with what it heard: every session waits on its client. */
    private static final AgiScript HOLD = (request, channel) ->
            channel.setVariable("AC_HEARD", String.valueOf(channel.getVariable("AC_QUESTION")));

    private static AftercareConfig.Agi agi(Duration readTimeout) {
        AftercareConfig.Agi d = ConfigLoader.defaults().agi();
        return new AftercareConfig.Agi("127.0.0.1", 0, d.maxSessions(), readTimeout, d.routeBudget(),
                d.fallbackQueue(), d.timeZone(), d.lookupThreads(), d.directory());
    }

    private static byte[] environment(int port, int i) {
        return ("agi_network: yes\nagi_network_script: hold\nagi_request: agi://127.0.0.1:" + port + "/hold\n"
                + "agi_channel: Local/1800@hotline-" + i + ";2\nagi_language: en\nagi_type: Local\n"
                + "agi_uniqueid: 1795340440." + i + "\nagi_version: 22.10.1\nagi_callerid: 5551234567\n"
                + "agi_calleridname: Caller\nagi_dnid: unknown\nagi_context: hotline\nagi_extension: 1800\n"
                + "agi_priority: 3\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void holdsTwoThousandSessionsOpenAtOnceAndServesEveryOne() throws Exception {
        assertThat(ConfigLoader.defaults().agi().maxSessions()).isGreaterThanOrEqualTo(SESSIONS);
        ScriptRegistry scripts = ScriptRegistry.builder().register("hold", HOLD).build();
        try (FastAgiServer server = FastAgiServer.start(agi(Duration.ofSeconds(60)), scripts);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch asked = new CountDownLatch(SESSIONS);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                int n = i;
                answers.add(clients.submit(() -> {
                    try (Socket socket = new Socket()) {
                        // Asterisk gives a FastAGI connect 2 s: a refused SYN's retry (1 s, then 3 s) mostly misses it
                        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                        socket.setSoTimeout(60_000);
                        OutputStream out = socket.getOutputStream();
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.US_ASCII));
                        out.write(environment(server.port(), n));
                        String first = in.readLine(); // the script's question: the session is open and waiting
                        asked.countDown();
                        release.await(120, TimeUnit.SECONDS);
                        out.write(("200 result=1 (caller " + n + ")\n").getBytes(StandardCharsets.US_ASCII));
                        String heard = null;
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            if (line.startsWith("SET VARIABLE \"AC_HEARD\"")) {
                                heard = line;
                            }
                            out.write("200 result=1\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        return first + " / " + heard;
                    }
                }));
            }
            try {
                assertThat(asked.await(60, TimeUnit.SECONDS)).as("every session asked its question before any answer")
                        .isTrue();
            } finally {
                release.countDown(); // also when not all got there: the others must not wait for ever
            }
            for (int i = 0; i < SESSIONS; i++) {
                assertThat(answers.get(i).get(60, TimeUnit.SECONDS))
                        .isEqualTo("GET VARIABLE \"AC_QUESTION\" / SET VARIABLE \"AC_HEARD\" \"caller " + i + "\"");
            }
        }
    }

    @Test
    void aSessionWhoseAsteriskSaysNothingIsClosedAfterTheReadTimeout() throws Exception {
        ScriptRegistry scripts = ScriptRegistry.builder().register("hold", HOLD).build();
        try (FastAgiServer server = FastAgiServer.start(agi(Duration.ofMillis(500)), scripts);
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            assertThat(socket.getInputStream().read()).as("closed by the server, nothing sent").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
