package io.aftercare.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.config.AftercareConfig;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.RawHttp;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headers every answer carries, where a query-string token is accepted, and how slow clients are cut off. */
class HttpHardeningIntegrationTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders() {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            for (String path : List.of("/console/", "/wallboard/", "/reports/", "/api/customers", "/health")) {
                String head = RawHttp.send(app.app().httpPort(), "GET", path, bearer(app), null).head()
                        .toLowerCase(Locale.ROOT);
                assertThat(head).as(path)
                        .contains("content-security-policy: default-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .contains("x-frame-options: deny")
                        .contains("x-content-type-options: nosniff")
                        .contains("referrer-policy: no-referrer");
            }
            assertThat(RawHttp.send(app.app().httpPort(), "GET", "/api/customers", bearer(app), null).head()
                    .toLowerCase(Locale.ROOT)).contains("cache-control: no-store");
        }
    }

    @Test
    void aTokenInTheQueryStringIsAcceptedOnlyOnTheEventStreams() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), clock)) {
            String token = bearer(app);
            int port = app.app().httpPort();
            assertThat(RawHttp.send(port, "GET", "/api/customers?access_token=" + token, null, null).status())
                    .isEqualTo(401);
            assertThat(RawHttp.send(port, "GET", "/api/accounts?access_token=" + token, null, null).status())
                    .isEqualTo(401);
            assertThat(RawHttp.send(port, "POST", "/api/tokens?access_token=" + token, null,
                    "{\"accountId\": 1}").status()).isEqualTo(401);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(("GET /api/wallboard/stream?access_token=" + token + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] start = socket.getInputStream().readNBytes(12);
                assertThat(new String(start, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            }
        }
    }

    @Test
    void halfSentRequestsAreCutOffAndWholeOnesStillServed() throws Exception {
        try (TestApp app = limited(Duration.ofMillis(500), 1000)) {
            int port = app.app().httpPort();
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.setSoTimeout(10_000);
                    // headers never finished, or a body shorter than announced
                    String partial = i % 2 == 0 ? "GET /api/customers HTTP/1.1\r\nHost: x\r\n"
                            : "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"user";
                    socket.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
                    slow.add(socket);
                }
                for (Socket socket : slow) {
                    assertThat(closedByServer(socket)).isTrue();
                }
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
            assertThat(RawHttp.send(port, "GET", "/api/customers", bearer(app), null).status()).isEqualTo(200);
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedOnArrival() throws Exception {
        try (TestApp app = limited(Duration.ofSeconds(30), 5)) {
            int port = app.app().httpPort();
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                    held.add(socket);
                }
                Thread.sleep(200); // the server has taken the five
                try (Socket extra = new Socket("127.0.0.1", port)) {
                    extra.setSoTimeout(5_000);
                    assertThat(closedByServer(extra)).isTrue();
                }
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            // once the held ones are gone, requests are served again
            int status = 0;
            for (int i = 0; i < 50 && status != 200; i++) {
                Thread.sleep(100);
                try {
                    status = RawHttp.send(port, "GET", "/health", null, null).status();
                } catch (RuntimeException stillFull) {
                    status = 0;
                }
            }
            assertThat(status).isEqualTo(200);
        }
    }

    /** The app with this request deadline and connection cap (and a 30 s idle timeout). */
    private TestApp limited(Duration requestTimeout, int maxConnections) {
        return new TestApp(TestDatabases.sqlite(dir), clock, config -> config.withHttp(new AftercareConfig.Http(
                "127.0.0.1", 0, config.http().maxBodyBytes(), Duration.ofSeconds(30), requestTimeout, maxConnections)));
    }

    private static String bearer(TestApp app) {
        return app.app().services().auth().login("admin", TestApp.ADMIN_PASSWORD, "test").token();
    }

    /** True when the server closes the socket (end of stream or reset) before the read timeout. */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
