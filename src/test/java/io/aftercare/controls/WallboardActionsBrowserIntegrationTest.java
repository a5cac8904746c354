package io.aftercare.controls;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.HeadlessChromium;
import io.aftercare.testing.TestApp;
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
 * A supervisor's actions from the wallboard in a real headless Chromium reach the PBX: Listen on an agent's call
 * asks for the supervisor's phone once and originates it into {@code [aftercare-spy]} on the agent's leg; Pause with a
 * reason pauses another agent, whose card then shows the pause; that agent is moved to another queue and given it to
 * log in to themselves; a refusal shows the API's words. Against the tests' AMI fake with a call of the real
 * Asterisk's played through it ({@link ControlsWorld}).
 */
@ResourceLock(HeadlessChromium.ONE_AT_A_TIME)
@Timeout(120) // one long walk through every action; 55 s on a machine loaded 10x
class WallboardActionsBrowserIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SHOTS = Path.of(System.getProperty("aftercare.test.screenshots",
            "target/wallboard-shots"));
    private static final String AGENT1_CARD = ".agent[data-agent='pbx1/Local/agent1@agents']";
    private static final String AGENT2_CARD = ".agent[data-agent='pbx1/Local/agent2@agents']";

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

    private void toastSays(String start) {
        browser.waitUntil("!document.querySelector('#toast').hidden"
                + " && document.querySelector('#toast').textContent.startsWith('" + start + "')", WAIT);
    }

    @Test
    void aSupervisorListensToACallAndPausesAnAgentFromTheBoard() {
        Path chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "no Chromium: run .ci/install-browser");
        world = new ControlsWorld(dir.resolve("app"), UnaryOperator.identity());
        TestApp.Reply in = world.supervisor.post("/api/agents/login",
                "{\"iface\": \"Local/agent2@agents\", \"queues\": [\"general-support\"]}");
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        world.talking();

        browser = HeadlessChromium.launch(chromium, dir.resolve("profile"), 1920, 1080);
        browser.open("http://127.0.0.1:" + world.app.app().httpPort() + "/wallboard/");
        browser.type("#username", "s1");
        browser.type("#password", "password-s1");
        browser.click("#sign-in-button");
        browser.waitUntil("document.body.dataset.actions === 'true'", WAIT);
        browser.waitUntil("document.querySelector(\"" + AGENT1_CARD + "\")?.dataset.state === 'on_call'"
                + " && document.querySelector(\"" + AGENT2_CARD + "\")?.dataset.state === 'ready'", WAIT);

        browser.click(AGENT1_CARD);
        browser.waitUntil("!document.querySelector('#actions').hidden", WAIT);
        assertThat(browser.text("#actions-name")).isEqualTo("Agent 1");
        assertThat(browser.visible("#actions-spy")).as("on a call: listen, whisper, barge").isTrue();
        browser.click("#actions-spy [data-spy='listen']");
        browser.waitUntil("!document.querySelector('#actions-phone-form').hidden", WAIT); // no agent of their own
        browser.type("#actions-phone", "PJSIP/2001");
        browser.screenshot(SHOTS.resolve("wallboard-supervisor-phone.png"));
        browser.click("#actions-phone-form button[type='submit']");
        toastSays("Listening to Agent 1: PJSIP/2001 rings");
        AmiPacket originate = world.sent("Originate").get(0);
        assertThat(originate.getOrEmpty("Channel")).isEqualTo("PJSIP/2001");
        assertThat(originate.getOrEmpty("Context")).isEqualTo("aftercare-spy");
        assertThat(originate.getAll("Variable")).containsExactlyInAnyOrder(
                "AC_SPY_CHANNEL=" + ControlsWorld.AGENT_LEG, "AC_SPY_MODE=listen");

        browser.click("#actions-spy [data-spy='whisper']"); // the phone is remembered
        toastSays("Whispering to Agent 1");
        assertThat(world.sent("Originate")).hasSize(2);
        assertThat(world.sent("Originate").get(1).getAll("Variable")).contains("AC_SPY_MODE=whisper");
        assertThat(browser.eval("localStorage.getItem('aftercare.wallboard.phone')").asText()).isEqualTo("PJSIP/2001");

        browser.click(AGENT2_CARD);
        browser.waitUntil("document.querySelector('#actions-name').textContent === 'Agent 2'", WAIT);
        assertThat(browser.visible("#actions-spy")).as("not on a call").isFalse();
        assertThat(browser.eval("[...document.querySelectorAll('#actions-reason option')].map(o => o.value).join()")
                .asText()).isEqualTo("break,lunch,training");
        browser.select("#actions-reason", "lunch");
        browser.click("#actions-pause");
        toastSays("Agent 2 paused (lunch)");
        browser.waitUntil("document.querySelector(\"" + AGENT2_CARD + "\").dataset.state === 'paused'"
                + " && document.querySelector(\"" + AGENT2_CARD + " .as\").textContent.startsWith('lunch')", WAIT);
        assertThat(world.sent("QueuePause")).singleElement().satisfies(a -> {
            assertThat(a.getOrEmpty("Interface")).isEqualTo("Local/agent2@agents");
            assertThat(a.getOrEmpty("Reason")).isEqualTo("lunch");
        });
        browser.waitUntil("document.querySelector('#actions-unpause').offsetParent !== null"
                + " && document.querySelector('#actions-pause').offsetParent === null", WAIT);

        browser.click("#actions-queues summary"); // move Agent 2 from general-support to vip, and let them use vip
        browser.waitUntil("document.querySelector(\"#actions-member input[value='vip']\") !== null"
                + " && document.querySelector(\"#actions-assigned input[value='vip']\") !== null", WAIT);
        browser.click("#actions-member input[value='general-support']");
        browser.click("#actions-member input[value='vip']");
        browser.click("#actions-move");
        toastSays("Agent 2 logged in to vip, logged out of general-support");
        assertThat(world.sent("QueueAdd", "QueueRemove")).extracting(a -> a.getOrEmpty("Action") + " "
                + a.getOrEmpty("Queue")).containsExactly("QueueAdd general-support", "QueueAdd vip",
                "QueueRemove general-support");
        browser.click("#actions-assigned input[value='vip']");
        browser.click("#actions-assign");
        toastSays("Agent 2 may log in to vip");
        assertThat(world.app.get("/api/agent-profiles/agent2").body()).contains("\"queues\":[{\"queue\":\"vip\"");

        browser.click(AGENT1_CARD); // a refusal shows the API's words: Asterisk refuses to pause a non-member
        browser.waitUntil("document.querySelector('#actions-name').textContent === 'Agent 1'", WAIT);
        browser.click("#actions-pause");
        browser.waitUntil("document.querySelector('#toast').dataset.kind === 'error'", WAIT);
        assertThat(browser.text("#toast")).contains("Interface not found");
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }
}
