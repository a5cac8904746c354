package io.aftercare.screenpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.fake.FakeAgiClient;
import io.aftercare.telephony.events.PbxEvent;
import io.aftercare.testing.HeadlessChromium;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The agent console in a real headless Chromium against the whole service: the agent signs in through the
 * page, a routed call rings and connects, the pop shows on the page, the call ends, the agent fills in and
 * submits the disposition form, and the page shows the agent ready again; then the agent finds the customer with
 * the top bar's search, and finds an unknown caller with the pop's search box and says who is calling. Call events
 * are fed to call tracking as the AMI translator would. Skipped only where no Chromium is installed
 * (.ci/install-browser installs Debian's).
 */
@ResourceLock(HeadlessChromium.ONE_AT_A_TIME)
@Timeout(90)
class AgentConsoleBrowserIntegrationTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String AGENT1 = "Local/agent1@agents";
    private static final String LINKED = "1795341450.1";
    private static final String UNIQUE = "1795341450.2";
    private static final String LINKED_2 = "1795341550.1";
    private static final String UNIQUE_2 = "1795341550.2";
    /** Caller names are hostile input: the page must show this as text and never run it. */
    private static final String HOSTILE_NAME = "Alice <img src=x onerror=\"window.__pwned=1\"> Buyer";

    /**
     * Where the screenshots go: target/console-shots, or {@code -Daftercare.test.screenshots=DIR} (doc/images
     * refreshes the ones doc/agent-console.md shows).
     */
    private static final Path SHOTS = Path.of(System.getProperty("aftercare.test.screenshots",
            "target/console-shots"));

    @TempDir
    Path dir;

    private TestApp app;
    private HeadlessChromium browser;
    private long pia;

    @BeforeEach
    void world() throws Exception {
        Path chromium = HeadlessChromium.find().orElse(null);
        Assumptions.assumeTrue(chromium != null, "no Chromium at /usr/bin/chromium (or $AFTERCARE_CHROMIUM): run"
                + " .ci/install-browser (apt-get install chromium) to run the agent console browser test");
        app = new TestApp(TestDatabases.sqlite(dir.resolve("db")), clock);
        app.app().database().jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface, created_at)"
                + " VALUES ('agent1', 'Agent One', 'Local/agent1@agents', 0)"));
        app.signIn("ann", "agent", "agent1"); // password "password-ann"
        long customer = Json.mapper().readTree(app.post("/api/customers", Json.write(Map.of("name", HOSTILE_NAME,
                "tier", "vip", "language", "de", "phones", java.util.List.of("2125550123")))).body()).get("id").asLong();
        for (int i = 1; i <= 3; i++) {
            assertThat(app.post("/api/orders", "{\"orderNumber\": \"SO-10403" + i + "\", \"customerId\": " + customer
                    + ", \"orderedOn\": \"2026-0" + i + "-15\", \"currency\": \"USD\", \"lines\": [{\"sku\": \"PH-1\","
                    + " \"productName\": \"Phone\", \"category\": \"phone\", \"quantity\": 1, \"unitPrice\": 69900,"
                    + " \"serialNumbers\": [\"SN-" + i + "\"]}]}").status()).isEqualTo(201);
        }
        app.post("/api/warranties", "{\"customerId\": " + customer + ", \"serialNumber\": \"SN-1\", \"sku\": \"PH-1\","
                + " \"startsOn\": \"2026-01-15\", \"endsOn\": \"2028-01-14\"}");
        app.post("/api/cases", "{\"customerId\": " + customer + ", \"type\": \"technical\", \"subject\": \"Wi-Fi drops\","
                + " \"sku\": \"PH-1\", \"serialNumber\": \"SN-1\"}");
        // The PBX has the agent in the vip queue, ready: what QueueMemberAdded would have said at start.
        feed(new PbxEvent.MemberAdded("pbx1", at(-60), "vip", AGENT1, "Agent One", false, ""));
        pia = Json.mapper().readTree(app.post("/api/customers", Json.write(Map.of("name", "Pia Fischer",
                "phones", java.util.List.of("2125550199")))).body()).get("id").asLong();
        browser = HeadlessChromium.launch(chromium, dir.resolve("profile"), 1366, 768);
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

    private static Instant at(int seconds) {
        return Instant.parse("2026-11-20T10:00:00Z").plusSeconds(seconds);
    }

    @Test
    void agentSignsInGetsThePopDisposesOfTheCallIsReadyAgainAndFindsCustomersBySearch() throws Exception {
        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/"); // redirected to /console/
        assertThat(browser.eval("location.pathname").asText()).as(browser.eval("document.body.innerText").asText()).isEqualTo("/console/");
        browser.type("#username", "ann");
        browser.type("#password", "password-ann");
        browser.click("#sign-in-button");
        browser.waitUntil("document.querySelector('#agent-state').dataset.state === 'ready'", WAIT);
        browser.waitUntil("document.querySelector('#push-status').dataset.up === 'true'", WAIT);
        assertThat(browser.text("#agent-name")).isEqualTo("Agent One");

        FakeAgiClient.builder().callerId("2125550123").callerIdName("Alice Buyer").uniqueId(UNIQUE)
                .channel("Local/1800@hotline-00000000;2").script("route").build().run("127.0.0.1", app.app().agiPort());
        await().atMost(WAIT).until(() -> app.app().routing().service().recorded("pbx1", UNIQUE).isPresent());
        feed(new PbxEvent.ChannelCreated("pbx1", at(0), LINKED, UNIQUE, "Local/1800@hotline-00000000;2", "2125550123",
                "Alice Buyer", "1800"));
        feed(new PbxEvent.QueueJoined("pbx1", at(1), LINKED, UNIQUE, "vip", 1, "2125550123", "Alice Buyer"));
        feed(new PbxEvent.AgentRinging("pbx1", at(2), LINKED, UNIQUE, "vip", AGENT1, "Agent One", "2125550123"));
        browser.waitUntil("!document.querySelector('#ringing').hidden", WAIT);
        assertThat(browser.text("#ringing-customer")).contains(HOSTILE_NAME);

        feed(new PbxEvent.AgentConnected("pbx1", at(5), LINKED, UNIQUE, "vip", AGENT1, "Agent One", 3));
        browser.waitUntil("!document.querySelector('#pop').hidden", WAIT);
        assertThat(browser.text("#customer-name")).isEqualTo(HOSTILE_NAME);
        assertThat(browser.eval("window.__pwned === undefined && document.querySelectorAll('#pop img').length === 0")
                .asBoolean()).as("the caller's name ran as HTML").isTrue();
        assertThat(browser.text("#customer-tier")).isEqualTo("vip");
        assertThat(browser.text("#customer-language")).isEqualTo("de");
        assertThat(browser.text("#customer-phones")).isEqualTo("+12125550123");
        assertThat(browser.text("#routing-reason")).contains("vip");
        assertThat(browser.eval("[...document.querySelectorAll('#orders .order-head span:first-child')]"
                + ".map(e => e.textContent).join(',')").asText()).isEqualTo("SO-104033,SO-104032,SO-104031");
        assertThat(browser.text("#orders")).contains("S/N SN-3");
        assertThat(browser.text("#warranties")).contains("SN-1", "active", "420");
        assertThat(browser.text("#open-cases")).contains("technical", "Wi-Fi drops");
        assertThat(browser.visible("#unknown")).isFalse();
        browser.waitUntil("document.querySelector('#agent-state').dataset.state === 'on_call'", WAIT);

        feed(new PbxEvent.AgentCompleted("pbx1", at(65), LINKED, UNIQUE, "vip", AGENT1, "Agent One", "agent", 60, 3));
        browser.waitUntil("!document.querySelector('#wrap-up').hidden", WAIT);
        browser.waitUntil("document.querySelector('#agent-state').dataset.state === 'after_call_work'", WAIT);
        browser.select("#reason-code", "repair-booked");
        browser.click("input[name=resolved][value=false]");
        browser.click("input[name=case-mode][value=new]");
        browser.waitUntil("!document.querySelector('#new-case').hidden", WAIT);
        browser.select("#case-type", "repair");
        browser.type("#case-serial", "SN-3");
        browser.type("#case-subject", "Battery swells");
        browser.type("#notes", "Sent a <b>box</b>");
        assertThat(browser.text("#notes-count")).isEqualTo("17");
        browser.screenshot(SHOTS.resolve("console-wrap-up.png"));
        browser.click("#save-disposition");

        browser.waitUntil("document.querySelector('#notice').textContent.startsWith('Disposition saved')", WAIT);
        browser.waitUntil("document.querySelector('#agent-state').dataset.state === 'ready'", WAIT);
        assertThat(browser.text("#agent-state")).isEqualTo("Ready");
        assertThat(browser.visible("#wrap-up")).isFalse();
        browser.screenshot(SHOTS.resolve("console-ready.png"));

        var saved = app.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT reason_code || '|' || resolved || '|' || notes FROM dispositions WHERE linkedid = :l")
                .bind("l", LINKED).mapTo(String.class).one());
        assertThat(saved).isIn("repair-booked|0|Sent a <b>box</b>", "repair-booked|false|Sent a <b>box</b>");

        // Between calls, the top bar finds a customer by a serial number as read out over the phone.
        browser.type("#find-text", "sn 3");
        browser.click("#find-button");
        browser.waitUntil("document.querySelectorAll('#find-results li.found').length === 1", WAIT);
        assertThat(browser.text("#find-results li.found")).contains(HOSTILE_NAME, "Matched by serial SN-3");
        browser.screenshot(SHOTS.resolve("console-search.png"));
        browser.click("#find-results li.found button");
        browser.waitUntil("!document.querySelector('#pop').hidden", WAIT);
        assertThat(browser.text("#customer-name")).isEqualTo(HOSTILE_NAME);
        assertThat(browser.text("#call-caller")).isEqualTo("—");
        assertThat(browser.visible("#find-panel")).isFalse();
        assertThat(browser.text("#orders")).contains("SO-104033", "SO-104032", "SO-104031");

        // An unknown caller: the pop's search box finds the customer by an order number, in lower case.
        FakeAgiClient.builder().callerId("2125550177").callerIdName("Someone").uniqueId(UNIQUE_2)
                .channel("Local/1800@hotline-00000001;2").script("route").build().run("127.0.0.1", app.app().agiPort());
        await().atMost(WAIT).until(() -> app.app().routing().service().recorded("pbx1", UNIQUE_2).isPresent());
        feed(new PbxEvent.ChannelCreated("pbx1", at(100), LINKED_2, UNIQUE_2, "Local/1800@hotline-00000001;2",
                "2125550177", "Someone", "1800"));
        feed(new PbxEvent.QueueJoined("pbx1", at(101), LINKED_2, UNIQUE_2, "vip", 1, "2125550177", "Someone"));
        feed(new PbxEvent.AgentRinging("pbx1", at(102), LINKED_2, UNIQUE_2, "vip", AGENT1, "Agent One", "2125550177"));
        feed(new PbxEvent.AgentConnected("pbx1", at(104), LINKED_2, UNIQUE_2, "vip", AGENT1, "Agent One", 2));
        browser.waitUntil("!document.querySelector('#unknown').hidden", WAIT);
        assertThat(browser.text("#customer-name")).isEqualTo("Unknown caller");
        browser.type("#search-text", "so-104031");
        browser.click("#search-form button");
        browser.waitUntil("document.querySelectorAll('#search-results li.found').length === 1", WAIT);
        assertThat(browser.text("#search-results li.found")).contains(HOSTILE_NAME, "Matched by order SO-104031");
        browser.click("#search-results li.found button.link"); // Show
        browser.waitUntil("document.querySelector('#customer-name').textContent !== 'Unknown caller'", WAIT);
        assertThat(browser.text("#customer-name")).isEqualTo(HOSTILE_NAME);
        assertThat(browser.text("#call-caller")).isEqualTo("+12125550177");
        assertThat(browser.text("#notice")).startsWith("Shown from the search");
        browser.click("#search-results li.found button.this-is-caller");
        browser.waitUntil("document.querySelector('#unknown').hidden", WAIT);
        assertThat(browser.text("#notice")).contains("is the caller", "+12125550177 added to their phones");
        assertThat(browser.text("#customer-phones")).contains("+12125550177");
        assertThat(browser.eval("window.__pwned === undefined && document.querySelectorAll('img').length === 0")
                .asBoolean()).as("a customer's name ran as HTML in the search results").isTrue();
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }

    private void signIn() {
        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/console/");
        browser.type("#username", "ann");
        browser.type("#password", "password-ann");
        browser.click("#sign-in-button");
        browser.waitUntil("document.querySelector('#agent-state').dataset.state === 'ready'", WAIT);
        browser.waitUntil("document.querySelector('#push-status').dataset.up === 'true'", WAIT);
    }

    /** A call from {@code caller} that rings agent 1 in vip at {@code start} + 2 s. */
    private void rings(String linkedId, String caller, int start) {
        String uid = linkedId + "2";
        feed(new PbxEvent.ChannelCreated("pbx1", at(start), linkedId, uid, "Local/1800@hotline-00000000;2", caller,
                null, "1800"));
        feed(new PbxEvent.QueueJoined("pbx1", at(start + 1), linkedId, uid, "vip", 1, caller, null));
        feed(new PbxEvent.AgentRinging("pbx1", at(start + 2), linkedId, uid, "vip", AGENT1, "Agent One", caller));
    }

    private void answered(String linkedId, int at) {
        feed(new PbxEvent.AgentConnected("pbx1", at(at), linkedId, linkedId + "2", "vip", AGENT1, "Agent One", 3));
    }

    private void ended(String linkedId, int at) {
        feed(new PbxEvent.AgentCompleted("pbx1", at(at), linkedId, linkedId + "2", "vip", AGENT1, "Agent One",
                "caller", 30, 3));
        feed(new PbxEvent.ChannelHungUp("pbx1", at(at), linkedId, linkedId + "2", "x", 16));
    }

    private String disposition(String linkedId) {
        return app.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT reason_code || '|' || notes FROM dispositions WHERE linkedid = :l").bind("l", linkedId)
                .mapTo(String.class).findOne().orElse(null));
    }

    /**
     * The shift: notes typed during Alice's call survive her after-call work running out and a reload; her
     * wrap-up is saved while Pia's call rings and lands on Alice's call; Pia's call gets its own. At 1366x768 the
     * orders start above the fold and the warranties fit their card.
     */
    @Test
    void callsBackToBackEachGetTheirOwnWrapUpAndNotesSurviveAfterCallWorkAndAReload() throws Exception {
        signIn();
        rings("1795341450.10", "2125550123", 0);
        answered("1795341450.10", 4);
        browser.waitUntil("!document.querySelector('#call').hidden && !document.querySelector('#wrap-up').hidden",
                WAIT);
        assertThat(browser.eval("document.querySelector('#orders').getBoundingClientRect().top < 768").asBoolean())
                .as("orders start above the fold").isTrue();
        assertThat(browser.eval("(() => { const t = document.querySelector('#warranties').closest('table');"
                + " return t.scrollWidth <= t.parentElement.clientWidth; })()").asBoolean())
                .as("the warranties fit their card").isTrue();
        assertThat(browser.text("#form-title")).startsWith("Notes");
        assertThat(browser.eval("document.querySelector('#save-disposition').disabled").asBoolean())
                .as("no final disposition during the call").isTrue();
        browser.type("#notes", "Alice: screen flickers, offered a repair");
        browser.waitUntil("document.querySelector('#draft-status').textContent.startsWith('Draft saved')", WAIT);
        browser.screenshot(SHOTS.resolve("console-on-call.png"));

        ended("1795341450.10", 40);
        browser.waitUntil("document.querySelector('#agent-state').dataset.state === 'after_call_work'", WAIT);
        browser.waitUntil("document.querySelector('#form-title').textContent.startsWith('Wrap-up')", WAIT);
        browser.waitUntil("!document.querySelector('#acw').hidden", WAIT);
        browser.select("#reason-code", "repair-booked");
        browser.waitUntil("document.querySelector('#draft-status').textContent.startsWith('Draft saved')", WAIT);
        clock.advance(Duration.ofSeconds(61)); // the wrap-up runs out with the form unsaved
        browser.waitUntil("document.querySelector('#agent-state').dataset.state === 'ready'", WAIT);
        browser.waitUntil("!document.querySelector('#pending').hidden", WAIT);
        assertThat(browser.eval("document.querySelector('#notes').value").asText())
                .isEqualTo("Alice: screen flickers, offered a repair");

        browser.open("http://127.0.0.1:" + app.app().httpPort() + "/console/"); // a reload
        browser.waitUntil("document.querySelector('#notes').value === 'Alice: screen flickers, offered a repair'",
                WAIT);
        assertThat(browser.eval("document.querySelector('#reason-code').value").asText()).isEqualTo("repair-booked");
        assertThat(browser.text("#pending-list")).contains(HOSTILE_NAME);

        rings("1795341450.20", "2125550199", 120);
        browser.waitUntil("!document.querySelector('#ringing').hidden", WAIT);
        assertThat(browser.text("#ringing-customer")).contains("Pia Fischer");
        assertThat(browser.text("#form-title")).as("the form stays on Alice's call").contains(HOSTILE_NAME);
        browser.screenshot(SHOTS.resolve("console-ringing-while-wrapping-up.png"));
        browser.click("input[name=resolved][value=true]");
        browser.click("#save-disposition");
        browser.waitUntil("document.querySelector('#notice').textContent.startsWith('Disposition saved')", WAIT);
        assertThat(disposition("1795341450.10")).isEqualTo("repair-booked|Alice: screen flickers, offered a repair");
        assertThat(disposition("1795341450.20")).isNull();

        answered("1795341450.20", 125);
        browser.waitUntil("document.querySelector('#form-title').textContent.includes('Pia Fischer')", WAIT);
        assertThat(browser.eval("document.querySelector('#notes').value").asText()).isEmpty();
        browser.type("#notes", "Pia: asked about her order");
        ended("1795341450.20", 170);
        browser.waitUntil("!document.querySelector('#save-disposition').disabled", WAIT);
        browser.select("#reason-code", "order-status");
        browser.click("input[name=resolved][value=true]");
        browser.click("#save-disposition");
        browser.waitUntil("document.querySelector('#notice').textContent.startsWith('Disposition saved')", WAIT);
        // the notice may still be the first call's: wait for the row itself
        await().atMost(WAIT).until(() -> disposition("1795341450.20") != null);
        assertThat(disposition("1795341450.20")).isEqualTo("order-status|Pia: asked about her order");
        assertThat(disposition("1795341450.10")).isEqualTo("repair-booked|Alice: screen flickers, offered a repair");
        browser.waitUntil("document.querySelector('#pending').hidden", WAIT);
        assertThat(browser.pageErrors()).as("browser log: " + browser.browserLog()).isEmpty();
    }
}
