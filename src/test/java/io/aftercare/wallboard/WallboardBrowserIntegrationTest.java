package io.aftercare.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.followups.FollowUpDao;
import io.aftercare.followups.FollowUpKind;
import io.aftercare.followups.FollowUpState;
import io.aftercare.followups.NewFollowUp;
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
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The wallboard page in a real headless Chromium (the console's DevTools driver) against the whole service: the
 * supervisor signs in, calls arrive and the numbers change, a long wait turns red, and hostile names stay text; a TV
 * with a display token shows seven queues and 24 agents at 1920x1080 and at 1366x768 without scrolling or cut
 * figures, and turns pages when more queues than fit; a supervisor's actions menu floats over a board that still
 * fits, and a display has nothing to press. Skipped only where no Chromium is installed.
 */
@ResourceLock(HeadlessChromium.ONE_AT_A_TIME)
@Timeout(90)
class WallboardBrowserIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String HOSTILE = "Eve <img src=x onerror=\"window.__pwned=1\">";
    /**
     * Where the screenshots go: target/wallboard-shots, or {@code -Daftercare.test.screenshots=DIR} (doc/images
     * refreshes the ones doc/wallboard.md shows).
     */
    private static final Path SHOTS = Path.of(System.getProperty("aftercare.test.screenshots",
            "target/wallboard-shots"));

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
        feed(new PbxEvent.MemberAdded("pbx1", Instant.now(), "vip", "Local/agent1@agents", HOSTILE, false, ""));
        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/wallboard");
        browser.type("#username", "sue");
        browser.type("#password", "password-sue");
        browser.click("#sign-in-button");
        browser.waitUntil("document.querySelector('#link').dataset.up === 'true'", WAIT);
        assertThat(browser.visible("#sign-in")).isFalse();
        browser.waitUntil("document.querySelector(\".queue[data-queue='vip']\") !== null", WAIT);
        assertThat(fig("waiting")).isEqualTo("0");
        assertThat(fig("agents")).isEqualTo("1/1");

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
        browser.waitUntil("document.querySelector(\".queue[data-queue='vip'] [data-fig='agents'] .v\").textContent === '0/1'",
                WAIT);
        browser.waitUntil("document.querySelector('.agent[data-state]').dataset.state === 'on_call'", WAIT);
        assertThat(browser.text(".agent .an")).isEqualTo(HOSTILE);
        assertThat(browser.eval("window.__pwned === undefined && document.querySelectorAll('#agents img').length === 0")
                .asBoolean()).isTrue();
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }

    @Test
    void aTvShowsSevenQueuesAndTwentyFourAgentsWithoutScrolling() {
        TvFloor.seed(app, Instant.now());
        FollowUpDao followUps = new FollowUpDao(app.app().database().jdbi());
        for (int i = 1; i <= 2; i++) { // two abandoned callers of vip to call back, the oldest 1 h 5 min ago
            followUps.insert(new NewFollowUp(FollowUpKind.ABANDONED, "pbx1", "fu." + i, "vip", "+1212555017" + i,
                    "", null, "fu." + i, Instant.now().minusSeconds(i == 1 ? 3900 : 600), null, null, null,
                    null), FollowUpState.OPEN, Instant.now());
        }
        String token = app.apiToken("tv", "display");
        viewport(1920, 1080);
        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/wallboard/?token=" + token);
        browser.waitUntil("document.querySelectorAll('.agent').length === 24 && document.body.dataset.pages === '1'",
                WAIT);
        browser.waitUntil("document.querySelectorAll('.queue').length === 8", WAIT);
        browser.waitUntil("document.querySelectorAll('.caller .cn').length === 6"
                + " && [...document.querySelectorAll('.caller .cn')].some(e => e.textContent.startsWith('Maria G.'))"
                + " && document.querySelector(\".queue.floor [data-fig='offered'] .v\").textContent !== '-'"
                + " && document.querySelector(\".queue.floor [data-fig='csat'] .v\").textContent !== '-'", WAIT);
        browser.waitUntil("document.querySelector('.agent[data-level=\"red\"]') !== null", WAIT);
        browser.screenshot(SHOTS.resolve("wallboard-1080p.png"));
        fits(1920, 1080);
        browser.waitUntil("document.body.dataset.actions === 'false'", WAIT); // the page knows it is a display
        browser.click(".agent[data-state='on_call']");
        assertThat(browser.eval("[...document.querySelectorAll('button, select, input, [tabindex]')]"
                + ".filter(e => e.offsetParent !== null).length").asInt()).as("a display has nothing to press")
                .isZero();
        assertThat(browser.visible("#actions")).isFalse();
        assertThat(browser.eval("Math.min(...[...document.querySelectorAll('.fig .v, .agent .at, .caller .cw')]"
                + ".map(e => parseFloat(getComputedStyle(e).fontSize)))").asDouble())
                .as("figures readable across a room").isGreaterThanOrEqualTo(28);
        assertThat(fig("timedOut")).isEqualTo("4");
        assertThat(fig("followUps")).isEqualTo("2");
        assertThat(browser.text(".queue[data-queue='vip'] [data-fig='followUps'] .l"))
                .isEqualTo("call back · 1h05");
        assertThat(browser.text(".agent[data-level='red'] .an")).isEqualTo("Agent 03"); // 20 min of "other"
        assertThat(browser.eval("[...document.querySelectorAll('.agent')].filter(a => a.querySelector('.as')"
                + ".textContent.startsWith('break')).map(a => a.dataset.level).join()").asText())
                .as("a 2-minute break is not red").isEqualTo("ok");

        viewport(1366, 768);
        browser.waitUntil("document.querySelectorAll('.agent').length > 0", WAIT);
        browser.screenshot(SHOTS.resolve("wallboard-768p.png"));
        fits(1366, 768);

        viewport(1920, 1080);
        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/wallboard/?token=" + token
                + "&view=agents&queues=vip,repairs");
        browser.waitUntil("document.querySelectorAll('.agent').length > 0", WAIT);
        assertThat(browser.eval("document.querySelector('#queues').offsetParent === null").asBoolean()).isTrue();
        assertThat(browser.eval("[...document.querySelectorAll('.caller .cq')].every(e => /^(vip|repairs) /"
                + ".test(e.textContent))").asBoolean()).isTrue();
        fits(1920, 1080);
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }

    @Test
    void aSupervisorsActionsMenuFloatsOverTheBoardThatStillFits() {
        TvFloor.seed(app, Instant.now());
        app.app().database().jdbi().useHandle(h -> {
            h.execute("INSERT INTO agents (id, login, name, interface, created_at) VALUES (4, 'agent04', 'Agent 04',"
                    + " 'Local/agent04@agents', 0)");
            h.execute("INSERT INTO agent_queues (agent_id, queue, penalty) VALUES (4, 'returns', 0), (4, 'vip', 2)");
        });
        viewport(1920, 1080);
        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/wallboard/");
        browser.type("#username", "sue");
        browser.type("#password", "password-sue");
        browser.click("#sign-in-button");
        browser.waitUntil("document.body.dataset.actions === 'true'", WAIT);
        browser.waitUntil("document.querySelectorAll('.agent[tabindex]').length === 24"
                + " && document.body.dataset.pages === '1'", WAIT);
        browser.waitUntil("document.querySelectorAll('.caller .cn').length === 6", WAIT);
        fits(1920, 1080);

        browser.click(".agent[data-state='on_call']");
        browser.waitUntil("!document.querySelector('#actions').hidden", WAIT);
        browser.waitUntil("document.querySelectorAll('#actions-reason option').length === 3", WAIT);
        browser.click("#actions-queues summary");
        browser.waitUntil("document.querySelectorAll('#actions-member input').length === 7", WAIT);
        assertThat(browser.eval("[...document.querySelectorAll('#actions-member input:checked')].map(i => i.value)"
                + ".join()").asText()).isEqualTo("returns"); // Agent 04 is in returns
        assertThat(browser.eval("[...document.querySelectorAll('#actions-assigned input:checked')].map(i => i.value)"
                + ".join()").asText()).isEqualTo("returns,vip"); // and may log in to these
        browser.screenshot(SHOTS.resolve("wallboard-supervisor-actions.png"));
        fits(1920, 1080);
        assertThat(browser.eval("(() => { const r = document.querySelector('#actions').getBoundingClientRect();"
                + " return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; })()")
                .asBoolean()).as("the menu inside the screen").isTrue();
        assertThat(browser.eval("document.querySelector('.agent.chosen .an').textContent").asText())
                .isEqualTo("Agent 04");

        viewport(1366, 768);
        browser.waitUntil("document.querySelectorAll('.agent').length > 0", WAIT);
        browser.screenshot(SHOTS.resolve("wallboard-supervisor-actions-768p.png"));
        fits(1366, 768);
        assertThat(browser.eval("(() => { const r = document.querySelector('#actions').getBoundingClientRect();"
                + " return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; })()")
                .asBoolean()).as("the menu inside the smaller screen").isTrue();
        browser.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))");
        assertThat(browser.visible("#actions")).as("Esc closes the menu").isFalse();
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }

    @Test
    void moreQueuesThanFitTurnPages() {
        app.app().database().jdbi().useHandle(h -> {
            for (int i = 1; i <= 5; i++) {
                h.execute("INSERT INTO queues (name, description) VALUES (?, 'more')", "extra-" + i);
            }
        });
        String token = app.apiToken("tv", "display");
        viewport(1366, 768);
        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/wallboard/#token=" + token + "&rotate=5");
        browser.waitUntil("document.querySelector('#page').textContent === 'page 1/2'", WAIT);
        assertThat(browser.eval("document.querySelectorAll('.queue').length").asInt()).isEqualTo(8); // all queues and 7
        String first = browser.eval("[...document.querySelectorAll('.queue .name')].map(e => e.textContent).join()")
                .asText();
        fits(1366, 768);
        browser.waitUntil("document.querySelector('#page').textContent === 'page 2/2'", WAIT);
        assertThat(browser.eval("[...document.querySelectorAll('.queue .name')].map(e => e.textContent).join()")
                .asText()).isEqualTo("All queues,repairs,returns,supervisors,technical,vip").isNotEqualTo(first);
        fits(1366, 768);
    }

    private void viewport(int width, int height) {
        browser.call("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** No scrolling (the page's own size), nothing outside the screen, no text cut short or overflowing its box. */
    private void fits(int width, int height) {
        assertThat(browser.eval("innerWidth + 'x' + innerHeight").asText()).isEqualTo(width + "x" + height);
        assertThat(browser.eval("document.documentElement.scrollHeight <= innerHeight"
                + " && document.documentElement.scrollWidth <= innerWidth").asBoolean())
                .as("no scrolling at %dx%d: %s", width, height, browser.eval("document.documentElement.scrollWidth"
                        + " + 'x' + document.documentElement.scrollHeight").asText()).isTrue();
        String cut = browser.eval("[...document.querySelectorAll('#board *')].filter(e => e.offsetParent !== null"
                + " && e.children.length === 0 && e.textContent && (e.scrollWidth > e.clientWidth + 1"
                + " || e.scrollHeight > e.clientHeight + 2 || e.getBoundingClientRect().bottom > innerHeight"
                + " || e.getBoundingClientRect().right > innerWidth)).map(e => e.className + ': ' + e.textContent)"
                + ".join(' | ')").asText();
        assertThat(cut).as("text cut or off screen at %dx%d", width, height).isEmpty();
    }
}
