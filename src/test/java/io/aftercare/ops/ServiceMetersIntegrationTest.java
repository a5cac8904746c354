package io.aftercare.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.testing.SseClient;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole service against the AMI fake: {@code GET /metrics} (open to all) shows every metric of its own. */
@Timeout(60)
class ServiceMetersIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /**
     * The series names (or histogram names) the dashboard uses that {@code metrics} does not have; a counter with labels is
     * there only once counted, so a call ended is the one exception.
     */
    private static Set<String> unknownToMetrics(String metrics) throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("aftercare_[a-z_]+").matcher(Files.readString(Path.of("doc/grafana-dashboard.json")));
        while (m.find()) {
            names.add(m.group());
        }
        names.remove("aftercare_calls_total");
        names.removeIf(name -> Pattern.compile("(?m)^" + name + "(_bucket|_count|_sum)?[{ ]").matcher(metrics).find());
        return names;
    }

    @Test
    void metricsShowTheAmiLinksQueuesSurveyDialsAndSseClients() throws Exception {
        try (FakeAmiServer pbx = FakeAmiServer.builder().clock(Clock.systemUTC()).securityEvents(false).start();
             TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC(), c -> c.withAmi(
                     new AftercareConfig.Ami("pbx1", "127.0.0.1", pbx.port(), "hotline", "s3cret",
                             Duration.ofMillis(50), Duration.ofMillis(400), c.ami().pingInterval())))) {
            String supervisor = app.signIn("sue", "supervisor", null);
            String url = "http://127.0.0.1:" + app.app().httpPort() + "/api/wallboard/stream?access_token=" + supervisor;
            try (SseClient wallboard = new SseClient(url)) {
                assertThat(wallboard.status()).isEqualTo(200);
                await().atMost(WAIT).untilAsserted(() -> {
                    String metrics = app.as(null).get("/metrics").body();
                    assertThat(value(metrics, "aftercare_ami_link_up{pbx=\"pbx1\"}")).isEqualTo(1.0);
                    assertThat(value(metrics, "aftercare_ami_events_total{pbx=\"pbx1\"}")).isPositive();
                    assertThat(value(metrics, "aftercare_sse_clients{stream=\"wallboard\"}")).isEqualTo(1.0);
                    assertThat(value(metrics, "aftercare_sse_clients{stream=\"agent\"}")).isZero();
                    assertThat(value(metrics, "aftercare_tracking_queued")).isGreaterThanOrEqualTo(0);
                    assertThat(value(metrics, "aftercare_call_records_backlog")).isZero();
                    assertThat(value(metrics, "aftercare_route_decisions_queued")).isZero();
                    assertThat(value(metrics, "aftercare_route_decisions_dropped_total")).isZero();
                    assertThat(value(metrics, "aftercare_route_decisions_refusals_total")).isZero();
                    assertThat(value(metrics, "aftercare_route_fallbacks_total{cause=\"lookup_timeout\"}")).isZero();
                    assertThat(value(metrics, "aftercare_survey_dials_total{outcome=\"answered\"}")).isZero();
                    assertThat(value(metrics, "aftercare_survey_dials_total{outcome=\"no_answer\"}")).isZero();
                    assertThat(value(metrics, "aftercare_import_running{kind=\"orders\"}")).isZero();
                    assertThat(value(metrics, "aftercare_import_lines{kind=\"orders\",result=\"read\"}")).isZero();
                });
                assertThat(unknownToMetrics(app.as(null).get("/metrics").body()))
                        .as("what the Grafana dashboard asks for").isEmpty();
            }
            await().atMost(WAIT).until(() -> value(app.as(null).get("/metrics").body(),
                    "aftercare_sse_clients{stream=\"wallboard\"}") == 0.0);
            pbx.close(); // the link goes down
            await().atMost(WAIT).until(() -> value(app.as(null).get("/metrics").body(),
                    "aftercare_ami_link_up{pbx=\"pbx1\"}") == 0.0);
        }
    }
}
