package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.SseClient;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Wallboard clients that misbehave or come in crowds, over raw sockets on loopback. */
@Isolated // a thousand clients read as fast as the machine lets them: beside other classes, the hub drops slow ones
@Timeout(120)
class WallboardClientsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestApp app;
    private String token;

    @BeforeEach
    void world() {
        app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC());
        token = app.signIn("sue", "supervisor", null);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void feed(PbxEvent event) {
        app.app().calls().tracking().accept(event);
    }

    private Socket open(int receiveBuffer) throws Exception {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", app.app().httpPort()), 5_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /api/wallboard/stream?access_token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    private int clients() throws Exception {
        return app.app().wallboard().hub().clientCount().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aClientThatNeverReadsIsDroppedAndTheOthersKeepGettingChanges() throws Exception {
        for (int i = 0; i < 3_000; i++) { // a big board: every change of all agents is a large delta
            feed(new PbxEvent.MemberAdded("pbx1", Instant.now(), "q" + (i % 50), "Local/agent" + i + "@agents",
                    "Agent number " + i + " with a long display name", false, ""));
        }
        try (Socket stuck = open(4096); SseClient reader = new SseClient("http://127.0.0.1:" + app.app().httpPort()
                + "/api/wallboard/stream?access_token=" + token)) {
            reader.next("snapshot", WAIT);
            await().atMost(WAIT).until(() -> clients() == 2);
            boolean paused = false;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (clients() > 1 && System.nanoTime() < deadline) {
                paused = !paused;
                for (int i = 0; i < 3_000; i++) {
                    feed(new PbxEvent.MemberPaused("pbx1", Instant.now(), "q" + (i % 50), "Local/agent" + i + "@agents",
                            "", paused, paused ? "break" : ""));
                }
                reader.next("delta", WAIT); // the reading client keeps up meanwhile
            }
            assertThat(clients()).as("the client that never reads was dropped").isEqualTo(1);
            assertThat(app.app().wallboard().hub().streams()).as("the gauge of /metrics, once").isEqualTo(1);
            feed(new PbxEvent.MemberPaused("pbx1", Instant.now(), "q0", "Local/agent0@agents", "", true, "lunch"));
            String data;
            do {
                data = reader.next("delta", WAIT).data();
            } while (!data.contains("lunch"));
            assertThat(stuck.isClosed()).isFalse(); // our end; the server closed its side
        }
    }

    @Test
    void aThousandClientsAtOnceEachGetASnapshotAndTheNextChange() throws Exception {
        int n = 1_000;
        CountDownLatch snapshots = new CountDownLatch(n);
        CountDownLatch deltas = new CountDownLatch(n);
        List<Socket> sockets = new ArrayList<>();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                Socket s = open(0);
                sockets.add(s);
                readers.submit(() -> {
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        boolean snapshot = false;
                        for (String line; (line = in.readLine()) != null; ) {
                            if (!snapshot && line.equals("event: snapshot")) {
                                snapshot = true;
                                snapshots.countDown();
                            } else if (snapshot && line.equals("event: delta")) {
                                deltas.countDown();
                                return null;
                            }
                        }
                    }
                    return null;
                });
            }
            assertThat(snapshots.await(60, TimeUnit.SECONDS)).as("snapshots left: " + snapshots.getCount()).isTrue();
            assertThat(clients()).isEqualTo(n);
            feed(new PbxEvent.ChannelCreated("pbx1", Instant.now(), "9.1", "9.11", "PJSIP/t-1", "2125550123", "A", "1"));
            feed(new PbxEvent.QueueJoined("pbx1", Instant.now(), "9.1", "9.11", "vip", 1, "2125550123", "A"));
            assertThat(deltas.await(60, TimeUnit.SECONDS)).as("deltas left: " + deltas.getCount()).isTrue();
            for (Socket s : sockets) {
                s.close();
            }
        }
        await().atMost(WAIT).until(() -> clients() == 0);
        assertThat(app.app().wallboard().hub().streams()).isZero();
    }
}
