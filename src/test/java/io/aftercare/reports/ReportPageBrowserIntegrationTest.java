package io.aftercare.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.HeadlessChromium;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The report page in a real headless Chromium against the whole service and two days of stored calls: a supervisor
 * signs in and the four charts draw their bars and lines, the agent table and the survey table fill, the CSV links
 * carry the same filters, it fits a 1366x768 laptop's width; an agent who signs in is refused (403). Skipped only
 * where no Chromium is installed.
 */
@ResourceLock(HeadlessChromium.ONE_AT_A_TIME)
@Timeout(120)
class ReportPageBrowserIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Where the screenshot goes: target/report-shots, or {@code -Daftercare.test.screenshots=DIR} (doc/images). */
    private static final Path SHOTS = Path.of(System.getProperty("aftercare.test.screenshots", "target/report-shots"));

    @TempDir
    Path dir;

    private TestApp app;
    private HeadlessChromium browser;

    @BeforeEach
    void world() {
        Path chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "no Chromium: run .ci/install-browser");
        app = new TestApp(TestDatabases.sqlite(dir.resolve("db")),
                Clock.fixed(Instant.parse("2026-01-20T12:00:00Z"), ZoneOffset.UTC));
        app.app().database().jdbi().useHandle(ReportFloor::seed);
        browser = HeadlessChromium.launch(chromium, dir.resolve("profile"), 1366, 768);
        browser.call("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 1366, "height", 768,
                "deviceScaleFactor", 1, "mobile", false));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + app.app().httpPort();
    }

    private void signIn(String user) {
        browser.waitUntil("document.querySelector('#sign-in').hidden === false", WAIT);
        browser.type("#username", user);
        browser.type("#password", "password-" + user);
        browser.click("#sign-in-button");
    }

    private int count(String selector) {
        return browser.eval("document.querySelectorAll(\"" + selector + "\").length").asInt();
    }

    @Test
    void aSupervisorSeesTheChartsTheAgentTableAndCsvLinks() {
        app.signIn("sue", "supervisor", null);
        browser.open(base() + "/reports/#from=2026-01-05&to=2026-01-06&zone=UTC&interval=hour");
        signIn("sue");
        browser.waitUntil("document.body.dataset.loaded === 'true'", WAIT);
        assertThat(browser.text("#who")).isEqualTo("Signed in as sue (supervisor)");

        // 2 days x 24 hours; calls from 08:00 to 18:00: 20 hours with answered calls.
        assertThat(count("#chart-calls rect[data-series='answered']")).isEqualTo(20);
        assertThat(count("#chart-calls rect[data-series='timed out']")).isPositive();
        assertThat(count("#chart-calls rect[data-series='abandoned']")).isPositive();
        assertThat(count("#chart-sl circle[data-series^='service level']")).isEqualTo(20);
        assertThat(count("#chart-sl path.line")).isEqualTo(2);
        assertThat(count("#chart-asa circle")).isEqualTo(20);
        assertThat(count("#chart-aht rect[data-series='talk']")).isEqualTo(20);
        assertThat(count("#chart-aht rect[data-series='hold']")).isPositive();
        assertThat(browser.eval("[...document.querySelectorAll('#chart-calls text')].map(t => t.textContent)"
                + ".includes('Tue 6 Jan')").asBoolean()).as("hour labels name the day").isTrue();
        assertThat(browser.text("#totals [data-fig='offered']")).isNotEqualTo("0");

        assertThat(count("#agents tbody tr")).isEqualTo(4);
        assertThat(browser.text("#agents tbody tr td")).startsWith("Agent ");
        assertThat(count("#surveys tbody tr")).isEqualTo(2);
        assertThat(count("#chart-csat rect")).isEqualTo(4); // CSAT 2, 3, 4 and 5 were given
        assertThat(browser.eval("document.querySelector('#csv-queues').getAttribute('href')").asText())
                .isEqualTo("/api/reports/queues?from=2026-01-05&to=2026-01-07&zone=UTC&interval=hour&format=csv");
        assertThat(browser.eval("document.querySelector('#csv-agents-total').getAttribute('href')").asText())
                .isEqualTo("/api/reports/agents?from=2026-01-05&to=2026-01-07&zone=UTC&interval=total&format=csv");
        assertThat(app.as(app.signIn("sam", "supervisor", null))
                .get("/api/reports/queues?from=2026-01-05&to=2026-01-07&zone=UTC&interval=hour&format=csv").status())
                .isEqualTo(200);

        assertThat(browser.eval("document.documentElement.scrollWidth <= innerWidth").asBoolean())
                .as("no sideways scrolling at 1366x768").isTrue();
        wholePage(SHOTS.resolve("reports-1366.png"));

        // Narrow to one queue by day: the address carries the filters, the links follow.
        browser.click("#queue-pick summary");
        browser.click("#queue-list input[value='vip']");
        browser.select("#interval", "day");
        browser.click("#show");
        browser.waitUntil("document.querySelector('#csv-queues').getAttribute('href').includes('queue=vip')"
                + " && document.body.dataset.loaded === 'true'", WAIT);
        assertThat(count("#chart-calls rect[data-series='answered']")).isEqualTo(2);
        assertThat(browser.eval("location.hash").asText()).contains("queue=vip").contains("interval=day");
        assertThat(count("#surveys tbody tr")).isEqualTo(1);
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }

    /** The whole page 1366 px wide: a window as tall as the page, so nothing is scaled or cut. */
    private void wholePage(Path file) {
        int height = browser.eval("document.documentElement.scrollHeight").asInt();
        browser.call("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 1366, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        browser.eval("new Promise(r => setTimeout(r, 400))"); // the charts redraw on resize
        browser.screenshot(file);
        browser.call("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 1366, "height", 768,
                "deviceScaleFactor", 1, "mobile", false));
    }

    @Test
    void anAgentIsRefused() {
        app.signIn("ann", "agent", "agent1");
        browser.open(base() + "/reports/");
        signIn("ann");
        browser.waitUntil("document.querySelector('#forbidden').hidden === false", WAIT);
        assertThat(browser.text("#forbidden-status")).startsWith("403");
        assertThat(browser.visible("#report")).isFalse();
        assertThat(app.as(app.signIn("amy", "agent", "agent2")).get("/api/reports/queues?from=2026-01-05&to=2026-01-06")
                .status()).isEqualTo(403);
    }
}
