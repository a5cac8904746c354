package io.aftercare.followups;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.testing.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The agent console's follow-ups panel in a real headless Chromium ({@link FollowUpWorld}): the voicemail and the
 * abandoned caller listed with their age, the recording played from the spool, Claim, then Call back reaching the
 * tests' AMI fake as click-to-call's Originate, then Done.
 */
@ResourceLock(HeadlessChromium.ONE_AT_A_TIME)
@Timeout(90)
class FollowUpsBrowserIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SHOTS = Path.of(System.getProperty("aftercare.test.screenshots",
            "target/console-shots"));

    @TempDir
    Path dir;

    private FollowUpWorld world;
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

    private String item(long id) {
        return "#follow-up-list li[data-id='" + id + "']";
    }

    @Test
    void anAgentClaimsAVoicemailPlaysItAndCallsTheCallerBack() {
        Path chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "no Chromium: run .ci/install-browser");
        world = new FollowUpWorld(dir.resolve("app"));
        browser = HeadlessChromium.launch(chromium, dir.resolve("profile"), 1366, 768);
        browser.open("http://127.0.0.1:" + world.app.app().httpPort() + "/console/");
        browser.type("#username", "a1");
        browser.type("#password", "password-a1");
        browser.click("#sign-in-button");
        browser.waitUntil("document.querySelectorAll('#follow-up-list li').length === 2", WAIT);
        assertThat(browser.text(item(world.voicemail))).contains("Voicemail", "Pia Fischer", "15 s message");
        assertThat(browser.text(item(world.abandoned))).contains("Abandoned", "Max M", "repairs", "waiting");

        browser.click(item(world.voicemail) + " button[data-action='claim']");
        browser.waitUntil("document.querySelector(\"" + item(world.voicemail) + "\").dataset.mine === 'true'", WAIT);
        browser.click(item(world.voicemail) + " button[data-action='play']");
        browser.waitUntil("!document.querySelector('#follow-up-audio').hidden"
                + " && document.querySelector('#follow-up-audio').src.startsWith('blob:')", WAIT);
        browser.screenshot(SHOTS.resolve("console-follow-ups.png"));

        browser.click(item(world.voicemail) + " button[data-action='call']");
        browser.waitUntil("document.querySelector('#follow-up-notice').textContent.startsWith('Calling')"
                + " && document.querySelector(\"" + item(world.voicemail) + "\").textContent.includes('called')",
                WAIT);
        assertThat(world.pbx.receivedActions("Originate")).singleElement().satisfies(o -> {
            assertThat(o.getOrEmpty("Channel")).isEqualTo("Local/agent1@agents");
            assertThat(o.getOrEmpty("Exten")).isEqualTo("12125550123");
        });

        // the note, then Enter (Done). The key goes to the note as it is now, in one step in the page: the list is
        // drawn again on each poll (the note's text and focus kept), and the call's own cards move it meanwhile
        browser.type(item(world.voicemail) + " input", "called back, repair booked");
        browser.waitUntil("document.querySelector(\"" + item(world.voicemail) + " input\").value"
                + " === 'called back, repair booked'", WAIT);
        browser.eval("document.querySelector(\"" + item(world.voicemail) + " input\").dispatchEvent("
                + "new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}))");
        browser.waitUntil("document.querySelector('#follow-up-notice').textContent === 'Done.'", WAIT);
        browser.waitUntil("document.querySelectorAll('#follow-up-list li').length === 1", WAIT);
        String outcome = world.app.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT outcome FROM follow_ups WHERE id = :id").bind("id", world.voicemail).mapTo(String.class).one());
        assertThat(outcome).isEqualTo("called back, repair booked");
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }
}
