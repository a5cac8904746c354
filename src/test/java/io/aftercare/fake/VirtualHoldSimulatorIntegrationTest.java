package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.persistence.Database;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's virtual hold on the fake PBX, through aftercare's real offers, {@code vhold} FastAGI script and callback
 * dialer: a simulated caller waits (the only agent is paused), aftercare withdraws them (AMI QueueWithdrawCaller);
 * one who presses 1 is called back by a placeholder that waits in the queue and, once the agent answers, dials the
 * customer; one who does not rejoins at their place. The placeholder's events follow the real Asterisk's
 * ({@code pbx-captures/virtual-hold.txt}).
 */
class VirtualHoldSimulatorIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AGENT = "Local/agent1@agents";
    private static final String CUSTOMER = "12125550160";
    /** Quick calls: the agent rings 2-8 s and talks 3-5 s; nobody hangs up while waiting. */
    private static final CallMix QUICK = new CallMix(0, 0, 0, 0, 0, Spread.seconds(3, 4, 5), Spread.seconds(0, 0, 0),
            null, 0);

    @TempDir
    Path dir;
    private ScheduledExecutorService phones;
    private FakeAmiServer pbx;
    private TestApp app;
    private final List<AmiPacket> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        phones = Executors.newScheduledThreadPool(2);
        pbx = FakeAmiServer.builder().securityEvents(false).start();
        pbx.onBroadcast(events::add);
        TestDatabases.TestDb db = TestDatabases.sqlite(dir);
        try (Database data = Database.open(db.config())) { // known callers: the route sends them to general-support
            data.migrate();
            data.jdbi().useHandle(h -> {
                h.execute("UPDATE queues SET vhold_offer_after_seconds = 2 WHERE name = 'general-support'");
                for (String number : List.of(CUSTOMER, "12125550163", "12125550164")) {
                    long id = h.createUpdate("INSERT INTO customers (name, created_at, updated_at) VALUES (?, 0, 0)")
                            .bind(0, "Caller " + number).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                    h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES (?, ?, 0)",
                            "+" + number, id);
                }
            });
        }
        app = new TestApp(db, Clock.systemUTC(), c -> c.withAmi(new AftercareConfig.Ami("pbx1",
                "127.0.0.1", pbx.port(), "hotline", "s3cret", Duration.ofMillis(50), Duration.ofMillis(200),
                ConfigLoader.defaults().ami().pingInterval())).withCalls(c.calls()
                .withCustomerChannelTemplate("Local/${digits}@customer-test")).withSurveys(anyTime(c.surveys())));
        await().atMost(WAIT).until(() -> "connected".equals(app.app().ami().orElseThrow().states().get("pbx1")));
    }

    @AfterEach
    void stop() {
        app.close();
        pbx.close();
        phones.shutdownNow();
    }

    /** Callbacks keep to the survey calling window: here any day, any hour. */
    private static AftercareConfig.Surveys anyTime(AftercareConfig.Surveys d) {
        return new AftercareConfig.Surveys(d.enabled(), d.channelTemplate(), d.hotlineCallerId(), d.context(),
                d.exten(), d.maxConcurrent(), d.callsPerSecond(), d.ringTimeout(), d.responseGrace(), d.surveyMax(),
                d.maxAttempts(), d.retryBackoff(), d.validity(), d.minGap(), d.aftersalesDelay(), d.tick(),
                d.batchSize(), "Mon-Sun 00:00-23:59", "", "", d.unknownZone(), d.languages(), d.supervisorQueue());
    }

    private PbxSimulator simulator(double callbackTaken) {
        return PbxSimulator.builder(pbx).agi("127.0.0.1", app.app().agiPort()).scheduler(phones).seed(3)
                .agents(List.of(new SimAgent(AGENT, "Agent One", List.of("general-support"), "training")))
                .mix(QUICK.withCallbackTaken(callbackTaken)).build();
    }

    @Test
    void aCallerWhoPresses1IsCalledBackByAPlaceholderThatReachesTheAgentThenTheCustomer() throws Exception {
        PbxSimulator sim = simulator(1.0);
        try {
            CallSummary call = sim.placeCall(CallerId.number("+" + CUSTOMER), CallPlan.answered(Duration.ofSeconds(3)))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(call.outcome()).isEqualTo(CallPlan.Outcome.CALLBACK);
            assertThat(pbx.receivedActions("QueueWithdrawCaller")).singleElement().satisfies(a -> {
                assertThat(a.getOrEmpty("Caller")).isEqualTo(call.channel());
                assertThat(a.getOrEmpty("WithdrawInfo")).isEqualTo("vhold:1");
            });
            Map<String, Object> queued = await().atMost(WAIT).until(() -> rows("SELECT id, state, action_id,"
                    + " origin_linkedid FROM callbacks"), l -> l.size() == 1 && l.get(0).get("action_id") != null).get(0);
            assertThat(queued.get("origin_linkedid")).isEqualTo(call.linkedid());
            String attempt = (String) queued.get("action_id");
            await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.type().equals("QueueCallerJoin")
                    && e.getOrEmpty("Linkedid").equals(attempt)));

            sim.unpause(AGENT); // the agent is free: app_queue rings them with the placeholder
            Map<String, Object> done = await().atMost(WAIT).until(() -> rows("SELECT state, agent, attempts"
                    + " FROM callbacks"), l -> "completed".equals(l.get(0).get("state"))).get(0);
            assertThat(done.get("agent")).isEqualTo(AGENT);
            assertThat(((Number) done.get("attempts")).intValue()).isEqualTo(1);
            await().atMost(WAIT).until(() -> outcome(attempt), "answered"::equals);
            assertThat(outcome(call.linkedid())).isEqualTo("callback");
            assertThat(rows("SELECT kind FROM contacts WHERE linkedid = ?", attempt).get(0).get("kind"))
                    .isEqualTo("callback");

            // the placeholder's events, as the real Asterisk sent them for the same call
            assertThat(placeholderEvents(events, attempt)).containsExactlyElementsOf(placeholderEvents(captured(),
                    "callback-1-1"));
        } finally {
            sim.close();
        }
    }

    @Test
    void aCallerWhoStaysRejoinsAtTheirPlaceAheadOfALaterCaller() throws Exception {
        PbxSimulator sim = simulator(0.0);
        try {
            var first = sim.placeCall(CallerId.number("+12125550163"), CallPlan.answered(Duration.ofSeconds(3)));
            await().atMost(WAIT).until(() -> joins(events).size() == 1);
            Thread.sleep(1000); // the second caller is offered the callback a second after the first
            var second = sim.placeCall(CallerId.number("+12125550164"), CallPlan.answered(Duration.ofSeconds(3)));
            await().atMost(WAIT).until(() -> joins(events).size() == 3);
            AmiPacket rejoined = joins(events).get(2);
            String firstChannel = joins(events).get(0).getOrEmpty("Channel");
            assertThat(rejoined.getOrEmpty("Channel")).isEqualTo(firstChannel);
            assertThat(rejoined.getOrEmpty("Position")).as("back at the head of the line").isEqualTo("1");
            assertThat(rejoined.getOrEmpty("Count")).isEqualTo("2");

            // withdraw and rejoin as the real Asterisk did in the same scene
            assertThat(withdrawEvents(events, firstChannel)).containsExactlyElementsOf(withdrawEvents(captured(),
                    "Local/1881@inbound-test-00000000;2"));

            sim.unpause(AGENT);
            CallSummary answered = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(answered.outcome()).isEqualTo(CallPlan.Outcome.ANSWERED);
            assertThat(second).isNotDone(); // the agent is in after-call work now; the simulator's close ends it
            await().atMost(WAIT).until(() -> outcome(answered.linkedid()), "answered"::equals);
            assertThat(rows("SELECT id FROM callbacks")).isEmpty();
        } finally {
            sim.close();
        }
    }

    @Test
    void queueWithdrawCallerIsAnsweredAsAsteriskDoes() throws Exception {
        List<Transcript.AmiBlock> blocks = Transcript.parseAmi(Transcript.resource("pbx-captures/virtual-hold.txt"))
                .blocks();
        List<String> asterisk = new ArrayList<>();
        List<String> fake = new ArrayList<>();
        pbx.defineQueue("repairs", "rrmemory");
        try (AmiProbe probe = AmiProbe.login(pbx.port(), "hotline", "s3cret", "off", "w")) {
            for (int i = 0; i + 1 < blocks.size(); i++) {
                // every refusal Asterisk gave, but "Already requested", which needs a caller waiting in the queue
                if (!(blocks.get(i) instanceof Transcript.ClientAction action)
                        || !(blocks.get(i + 1) instanceof Transcript.ServerPacket answer)
                        || !action.packet().type().equals("QueueWithdrawCaller")
                        || !answer.packet().getOrEmpty("Response").equals("Error")
                        || answer.packet().getOrEmpty("Message").endsWith("Already requested")) {
                    continue;
                }
                AmiPacket got = probe.send(new AmiPacket(action.packet().headers().stream()
                        .filter(h -> !h.name().equalsIgnoreCase("ActionID")).toList()), Duration.ofSeconds(5));
                asterisk.add(answer.packet().getOrEmpty("Response") + " " + answer.packet().getOrEmpty("Message"));
                fake.add(got.getOrEmpty("Response") + " " + got.getOrEmpty("Message"));
            }
        }
        assertThat(fake).hasSize(5).containsExactlyElementsOf(asterisk);
    }

    private static List<AmiPacket> captured() {
        return Transcript.parseAmi(Transcript.resource("pbx-captures/virtual-hold.txt")).events();
    }

    private static List<AmiPacket> joins(List<AmiPacket> events) {
        return events.stream().filter(e -> e.type().equals("QueueCallerJoin")).toList();
    }

    /** The caller's queue events and app_queue's variables, from their first join to their second. */
    private static List<String> withdrawEvents(List<AmiPacket> events, String channel) {
        Predicate<AmiPacket> relevant = e -> e.getOrEmpty("Channel").equals(channel) && (e.type().startsWith(
                "QueueCaller") || e.type().startsWith("MusicOnHold") || e.type().equals("VarSet") && List.of(
                "QUEUE_WITHDRAW_INFO", "QUEUESTATUS", "QUEUEPOSITION", "ABANDONED").contains(e.getOrEmpty("Variable")));
        List<String> out = new ArrayList<>();
        for (AmiPacket e : events) {
            if (relevant.test(e)) {
                out.add(e.type() + " " + e.getOrEmpty("Position") + "/" + e.getOrEmpty("Count") + "/"
                        + e.getOrEmpty("OriginalPosition") + " " + e.getOrEmpty("Variable") + "=" + e.getOrEmpty("Value"));
                if (e.type().equals("QueueCallerJoin") && out.size() > 1) {
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The placeholder's call as app_queue and the dial see it: its joins, rings, answers, dials and hangups, channel
     * names without their running numbers (the agent's Local pair left out: the fake's answers it in another order).
     */
    private static List<String> placeholderEvents(List<AmiPacket> events, String linkedid) {
        List<String> types = List.of("QueueCallerJoin", "QueueCallerLeave", "AgentCalled", "AgentConnect",
                "AgentComplete", "DialBegin", "DialEnd", "OriginateResponse", "Newstate", "Hangup");
        return events.stream().filter(e -> types.contains(e.type()))
                .filter(e -> e.getOrEmpty("Linkedid").equals(linkedid) || e.getOrEmpty("DestLinkedid").equals(linkedid)
                        || e.getOrEmpty("Uniqueid").equals(linkedid))
                .filter(e -> !e.getOrEmpty("Channel").startsWith("Local/agent"))
                .map(e -> e.type() + " " + e.getOrEmpty("Channel").replaceAll("-[0-9a-f]{8};", ";") + " "
                        + e.getOrEmpty("DestChannel").replaceAll("-[0-9a-f]{8};", ";") + " "
                        + e.getOrEmpty("ChannelStateDesc") + e.getOrEmpty("DialStatus") + e.getOrEmpty("Response")
                        + e.getOrEmpty("Reason"))
                .toList();
    }

    private String outcome(String linkedid) {
        List<Map<String, Object>> l = rows("SELECT outcome FROM contacts WHERE linkedid = ?", linkedid);
        return l.isEmpty() ? null : (String) l.get(0).get("outcome");
    }

    private List<Map<String, Object>> rows(String sql, Object... args) {
        return app.app().database().jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapToMap().list();
        });
    }
}
