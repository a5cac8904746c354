package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.HeadlessChromium;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallboard page in a real headless Chromium (the console's DevTools driver) against the whole service: the
 * supervisor signs in, calls arrive and the numbers change, a long wait turns red, and hostile names stay text.
 * Skipped only where no Chromium is installed.
 */
@Timeout(90)
class WallboardBrowserIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HOSTILE = "Eve <img src=x onerror=\"window.__pwned=1\">";

    @TempDir
    Path dir;

    private TestApp app;
    private HeadlessChromium browser;

    @BeforeEach
    void world() {
        Path chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "no Chromium: run .ci/install-browser");
        app = new TestApp(TestDatabases.sqlite(dir.resolve("db")), Clock.systemUTC());
        app.signIn("sue", "supervisor", null);
        feed(new PbxEvent.MemberAdded("pbx1", Instant.now(), "vip", "Local/agent1@agents", HOSTILE, false, ""));
        browser = HeadlessChromium.launch(chromium, dir.resolve("profile"), 1920, 1080);
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

    private void feed(PbxEvent event) {
        app.app().calls().tracking().accept(event);
    }

    private String fig(String name) {
        return browser.text(".queue[data-queue='vip'] [data-fig='" + name + "'] .v");
    }

    @Test
    void numbersChangeAsCallsArriveAndALongWaitTurnsRed() {
        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/wallboard");
        browser.type("#username", "sue");
        browser.type("#password", "password-sue");
        browser.click("#sign-in-button");
        browser.waitUntil("document.querySelector('#link').dataset.up === 'true'", WAIT);
        assertThat(browser.visible("#sign-in")).isFalse();
        browser.waitUntil("document.querySelector(\".queue[data-queue='vip']\") !== null", WAIT);
        assertThat(fig("waiting")).isEqualTo("0");
        assertThat(fig("agents")).isEqualTo("1 / 1");

        Instant now = Instant.now();
        for (int i = 1; i <= 4; i++) { // the oldest has waited 90 s: past the 60 s red
            String linked = "500." + i;
            feed(new PbxEvent.ChannelCreated("pbx1", now.minusSeconds(100), linked, linked + "1", "PJSIP/t-1",
                    "212555012" + i, "Caller", "1800"));
            feed(new PbxEvent.QueueJoined("pbx1", now.minusSeconds(i == 1 ? 90 : 5), linked, linked + "1", "vip", i,
                    "212555012" + i, "Caller"));
        }
        browser.waitUntil("document.querySelector(\".queue[data-queue='vip'] [data-fig='waiting'] .v\").textContent === '4'",
                WAIT);
        browser.waitUntil("document.querySelector(\".queue[data-queue='vip'] [data-fig='longestWait']\").dataset.level === 'red'",
                WAIT);
        assertThat(browser.eval("document.querySelector(\".queue[data-queue='vip'] [data-fig='waiting']\").dataset.level")
                .asText()).isEqualTo("amber");

        feed(new PbxEvent.AgentRinging("pbx1", now, "500.1", "500.11", "vip", "Local/agent1@agents", "", ""));
        feed(new PbxEvent.AgentConnected("pbx1", now, "500.1", "500.11", "vip", "Local/agent1@agents", "", 90));
        browser.waitUntil("document.querySelector(\".queue[data-queue='vip'] [data-fig='waiting'] .v\").textContent === '3'",
                WAIT);
        browser.waitUntil("document.querySelector(\".queue[data-queue='vip'] [data-fig='onCall'] .v\").textContent === '1'",
                WAIT);
        browser.waitUntil("document.querySelector('#agents td[data-state]').dataset.state === 'on_call'", WAIT);
        assertThat(browser.text("#agents tbody td")).isEqualTo(HOSTILE);
        assertThat(browser.eval("window.__pwned === undefined && document.querySelectorAll('#agents img').length === 0")
                .asBoolean()).isTrue();
        browser.screenshot(Path.of("target", "wallboard.png"));
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }
}
