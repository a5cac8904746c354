package io.aftercare.controls;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The agent console's call buttons in a real headless Chromium reach the PBX: hold (refused by a PBX without pjsip,
 * the refusal shown), a blind transfer to a queue and hang-up, as the AMI actions the tests' fake receives, on a
 * call of the real Asterisk's played through it ({@link ControlsWorld}).
 */
@ResourceLock(HeadlessChromium.ONE_AT_A_TIME)
@Timeout(90)
class CallControlsBrowserIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SHOTS = Path.of(System.getProperty("aftercare.test.screenshots",
            "target/console-shots"));

    @TempDir
    Path dir;

    private ControlsWorld world;
    private HeadlessChromium browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (world != null) {
            world.close();
        }
    }

    @Test
    void holdTransferAndHangUpButtonsReachThePbx() {
        Path chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "no Chromium: run .ci/install-browser");
        world = new ControlsWorld(dir.resolve("app"), UnaryOperator.identity());
        browser = HeadlessChromium.launch(chromium, dir.resolve("profile"), 1366, 768);
        browser.open("http://127.0.0.1:" + world.app.app().httpPort() + "/console/");
        browser.type("#username", "a1");
        browser.type("#password", "password-a1");
        browser.click("#sign-in-button");
        browser.waitUntil("document.querySelector('#push-status').dataset.up === 'true'", WAIT);

        world.talking();
        browser.waitUntil("!document.querySelector('#call').hidden", WAIT);
        browser.waitUntil("document.querySelector('#agent-state').dataset.state === 'on_call'", WAIT);

        browser.click("#hold");
        browser.waitUntil("document.querySelector('#call-notice').textContent.includes('PJSIPNotify')", WAIT);
        assertThat(world.sent("PJSIPNotify")).isNotEmpty();

        browser.click("#transfer-open");
        browser.waitUntil("!document.querySelector('#transfer').hidden", WAIT);
        browser.select("#transfer-target", "queue:technical");
        browser.screenshot(SHOTS.resolve("console-call-controls.png"));
        browser.click("#transfer-go");
        browser.waitUntil("document.querySelector('#call-notice').textContent === 'Transferred.'", WAIT);
        assertThat(world.sent("BlindTransfer")).singleElement()
                .satisfies(a -> assertThat(a.getOrEmpty("Channel")).isEqualTo(ControlsWorld.AGENT_LEG));

        browser.click("#hang-up");
        browser.waitUntil("document.querySelector('#call-notice').textContent === 'Hung up.'", WAIT);
        assertThat(world.sent("Hangup")).singleElement()
                .satisfies(a -> assertThat(a.getOrEmpty("Channel")).isEqualTo(ControlsWorld.AGENT_PHONE));
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }
}
