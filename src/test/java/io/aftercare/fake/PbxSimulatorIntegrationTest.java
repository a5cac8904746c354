package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.agi.DialplanVariables;
import io.aftercare.agi.PackedRoute;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.SimpleMappingStrategy;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PbxSimulatorIntegrationTest {

    private static final Instant START = Instant.ofEpochSecond(1795341450, 100626000);
    private static final CallerId ALICE = new CallerId("5551234567", "Alice Buyer");
    private static final CallerId OTHER = CallerId.number("2025550100");
    /** The events that carry call state; everything else in the stream is noise consumers skip. */
    private static final Set<String> CALL_STATE = Set.of("Newchannel", "QueueCallerJoin", "AgentCalled", "QueueCallerLeave",
            "AgentConnect", "BridgeEnter", "AgentComplete", "BridgeLeave", "Hangup", "QueueCallerAbandon");
    private static final List<SimAgent> AGENTS = List.of(
            new SimAgent("Local/agent1@agents", "Agent One", List.of("general-support")),
            new SimAgent("Local/agent2@agents", "Agent Two", List.of("general-support", "vip")),
            new SimAgent("Local/agent3@agents", "Agent Three", List.of("vip")));

    private static final CallerId STRANGER = CallerId.number("2025550177");

    /** The `route` script: VIP for Alice, the main menu for the stranger, general support for everyone else. */
    private final AgiScript route = (request, channel) -> channel.setVariable(DialplanVariables.ROUTE, PackedRoute.pack(
            switch (request.getCallerIdNumber()) {
                case "5551234567" -> Map.of(DialplanVariables.QUEUE, "vip");
                case "2025550177" -> Map.of(DialplanVariables.QUEUE, "general-support", DialplanVariables.IVR_MENU, "main");
                default -> Map.of(DialplanVariables.QUEUE, "general-support");
            }));

    /** The `ivr` script: reads one digit for the menu it is given and sends every caller to vip. */
    private final AgiScript ivr = (request, channel) -> {
        String digit = channel.getData(channel.getVariable(DialplanVariables.IVR_MENU) + "-menu", 5000, 1);
        channel.setVariable(DialplanVariables.IVR_DIGITS, digit);
        channel.setVariable(DialplanVariables.QUEUE, "vip");
    };

    private final ManualScheduler scheduler = new ManualScheduler(START);
    private final List<ManagerEvent> managerEvents = new CopyOnWriteArrayList<>();
    private final AtomicInteger syncs = new AtomicInteger();
    private DefaultAgiServer agiServer;
    private int agiPort;
    private FakeAmiServer ami;
    private ManagerConnection manager;
    private AmiProbe raw;

    @BeforeEach
    void start() throws Exception {
        SimpleMappingStrategy mapping = new SimpleMappingStrategy();
        mapping.setMappings(Map.of("route", route, "ivr", ivr));
        agiServer = new DefaultAgiServer(mapping);
        agiPort = freePort();
        agiServer.setPort(agiPort);
        agiServer.setAddress(InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("agi-server").start(() -> {
            try {
                agiServer.startup();
            } catch (IOException | IllegalStateException e) {
                // surfaces as the readiness wait below failing
            }
        });
        // DefaultAgiServer binds on its own thread: wait until a real AGI session gets through.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                FakeAgiClient.builder().script("route").build().run("127.0.0.1", agiPort).afterDialplan().containsKey("QUEUE"));
        ami = FakeAmiServer.builder().clock(scheduler.clock()).start();
        manager = new ManagerConnectionFactory("127.0.0.1", ami.port(), "hotline", "s3cret").createManagerConnection();
        manager.addEventListener(managerEvents::add);
        manager.login();
        raw = AmiProbe.login(ami.port(), "hotline", "s3cret", null, "raw");
        await().atMost(Duration.ofSeconds(10)).until(() -> ami.loggedInClients() == 2);
    }

    @AfterEach
    void stop() throws Exception {
        raw.close();
        manager.logoff();
        ami.close();
        agiServer.shutdown();
    }

    private PbxSimulatorBuilder simulator() {
        return PbxSimulator.builder(ami).agi("127.0.0.1", agiPort).agents(AGENTS).clock(scheduler.clock())
                .scheduler(scheduler).seed(42).callers(() -> OTHER);
    }

    /** Runs every queued step, then waits until both clients have read everything sent so far. */
    private void runToEnd() {
        scheduler.runAll(100_000);
        synced();
    }

    /** Waits until both clients have read everything sent so far. */
    private void synced() {
        String marker = "sync-" + syncs.incrementAndGet();
        ami.emit("DeviceStateChange", "Privilege", "call,all", "Device", marker, "State", "NOT_INUSE");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                raw.events().stream().anyMatch(e -> e.getOrEmpty("Device").equals(marker))
                        && managerEvents.stream().anyMatch(e -> e instanceof DeviceStateChangeEvent d && marker.equals(d.getDevice())));
    }

    private List<AmiPacket> rawEventsOf(String linkedid) {
        return raw.events().stream().filter(e -> e.getOrEmpty("Linkedid").equals(linkedid)
                || e.getOrEmpty("DestLinkedid").equals(linkedid) && e.get("Linkedid").isEmpty()).toList();
    }

    private static List<String> callStateTypes(List<AmiPacket> events) {
        return events.stream().map(AmiPacket::type).filter(CALL_STATE::contains).toList();
    }

    private static double timestamp(AmiPacket e) {
        return Double.parseDouble(e.getOrEmpty("Timestamp"));
    }

    private static AmiPacket only(List<AmiPacket> events, String type) {
        List<AmiPacket> found = events.stream().filter(e -> e.type().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private static Transcript.Ami transcript() {
        return Transcript.parseAmi(Transcript.resource("asterisk-22/ami-inbound-queue.txt"));
    }

    @Test
    void answeredCallEmitsTheTranscriptsFirstCallSequenceWithConsistentCallerQueueAndLinkedid() {
        List<AmiPacket> firstCall = transcript().events().stream()
                .filter(e -> e.getOrEmpty("Linkedid").equals("1795341450.0")).toList();

        PbxSimulator sim = simulator().build();
        var done = sim.placeCall(ALICE, CallPlan.answered(Duration.ofSeconds(5)));
        runToEnd();
        CallSummary call = done.join();

        List<AmiPacket> events = rawEventsOf(call.linkedid());
        assertThat(callStateTypes(events)).isEqualTo(callStateTypes(firstCall));
        assertThat(call.queues()).containsExactly("vip");
        assertThat(call.agiFailed()).isFalse();
        for (AmiPacket e : events) {
            if (e.getOrEmpty("Channel").equals(call.channel())) {
                assertThat(e.getOrEmpty("CallerIDNum")).as(e.type()).isIn("5551234567", "<unknown>");
            }
            if (e.type().startsWith("Queue") || e.type().startsWith("Agent")) {
                assertThat(e.getOrEmpty("Queue")).as(e.type()).isEqualTo("vip");
                assertThat(e.getOrEmpty("Uniqueid")).isEqualTo(call.uniqueid());
                assertThat(e.getOrEmpty("CallerIDNum")).isEqualTo("5551234567");
                assertThat(e.getOrEmpty("CallerIDName")).isEqualTo("Alice Buyer");
            }
        }
        AmiPacket connect = only(events, "AgentConnect");
        AmiPacket complete = only(events, "AgentComplete");
        assertThat(complete.getOrEmpty("Reason")).isEqualTo("agent");
        assertThat(connect.getOrEmpty("DestLinkedid")).isEqualTo(call.linkedid());
        double talked = timestamp(complete) - timestamp(connect);
        assertThat(Double.parseDouble(complete.getOrEmpty("TalkTime"))).isCloseTo(talked, org.assertj.core.data.Offset.offset(1.0));

        // asterisk-java reads the same call: one AgentConnect and AgentComplete for Alice in vip.
        AgentCompleteEvent parsed = managerEvents.stream().filter(AgentCompleteEvent.class::isInstance)
                .map(AgentCompleteEvent.class::cast).findFirst().orElseThrow();
        assertThat(parsed.getQueue()).isEqualTo("vip");
        assertThat(parsed.getCallerIdNum()).isEqualTo("5551234567");
        assertThat(parsed.getTalkTime()).isEqualTo(Long.parseLong(complete.getOrEmpty("TalkTime")));
        assertThat(parsed.getTimestamp() - managerEvents.stream().filter(AgentConnectEvent.class::isInstance)
                .findFirst().orElseThrow().getTimestamp()).isCloseTo(parsed.getTalkTime(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(sim.activeCalls()).isZero();
    }

    @Test
    void abandonedCallReportsHoldTimeMatchingItsTimestamps() {
        PbxSimulator sim = simulator().build();
        var done = sim.placeCall(OTHER, CallPlan.abandoned(Duration.ofMillis(12_700)));
        runToEnd();
        CallSummary call = done.join();
        List<AmiPacket> events = rawEventsOf(call.linkedid());

        assertThat(call.outcome()).isEqualTo(CallPlan.Outcome.ABANDONED);
        assertThat(callStateTypes(events)).containsSubsequence("QueueCallerJoin", "QueueCallerAbandon", "QueueCallerLeave", "Hangup")
                .doesNotContain("AgentCalled", "AgentConnect");
        AmiPacket join = only(events, "QueueCallerJoin");
        AmiPacket abandon = only(events, "QueueCallerAbandon");
        assertThat(abandon.getOrEmpty("Queue")).isEqualTo("general-support");
        assertThat(abandon.getOrEmpty("OriginalPosition")).isEqualTo("1");
        assertThat(Double.parseDouble(abandon.getOrEmpty("HoldTime")))
                .isCloseTo(timestamp(abandon) - timestamp(join), org.assertj.core.data.Offset.offset(1.0));
        QueueCallerAbandonEvent parsed = managerEvents.stream().filter(QueueCallerAbandonEvent.class::isInstance)
                .map(QueueCallerAbandonEvent.class::cast).findFirst().orElseThrow();
        assertThat(parsed.getHoldTime()).isEqualTo(Integer.parseInt(abandon.getOrEmpty("HoldTime")));
    }

    @Test
    void heldCallPutsTheCallerOnHoldAndBack() {
        PbxSimulator sim = simulator().build();
        var done = sim.placeCall(OTHER, CallPlan.answered(Duration.ofSeconds(90)).withHold(Duration.ofSeconds(20), Duration.ofSeconds(30)));
        runToEnd();
        CallSummary call = done.join();
        List<AmiPacket> events = rawEventsOf(call.linkedid());

        AmiPacket hold = only(events, "Hold");
        AmiPacket unhold = only(events, "Unhold");
        assertThat(hold.getOrEmpty("Channel")).isEqualTo(call.channel());
        assertThat(unhold.getOrEmpty("Channel")).isEqualTo(call.channel());
        assertThat(timestamp(unhold) - timestamp(hold)).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(events.stream().map(AmiPacket::type).toList())
                .containsSubsequence("AgentConnect", "Hold", "Unhold", "AgentComplete");
        assertThat(managerEvents.stream().map(e -> e.getClass().getSimpleName()).toList()).contains("HoldEvent", "UnholdEvent");
    }

    @Test
    void transferredCallIsAnsweredAgainByAnotherAgent() {
        PbxSimulator sim = simulator().build();
        var done = sim.placeCall(OTHER, CallPlan.transferred(Duration.ofSeconds(40), Duration.ofSeconds(60)));
        runToEnd();
        CallSummary call = done.join();
        List<AmiPacket> events = rawEventsOf(call.linkedid());

        assertThat(call.outcome()).isEqualTo(CallPlan.Outcome.TRANSFERRED);
        assertThat(call.agents()).hasSize(2).doesNotHaveDuplicates();
        assertThat(call.queues()).hasSize(2);
        List<AmiPacket> connects = events.stream().filter(e -> e.type().equals("AgentConnect")).toList();
        assertThat(connects).hasSize(2);
        assertThat(connects.get(1).getOrEmpty("MemberName")).isNotEqualTo(connects.get(0).getOrEmpty("MemberName"));
        assertThat(events.stream().filter(e -> e.type().equals("AgentComplete")).map(e -> e.getOrEmpty("Reason")).toList())
                .containsExactly("transfer", "agent");
        AmiPacket transfer = raw.events().stream().filter(e -> e.type().equals("BlindTransfer")).findFirst().orElseThrow();
        assertThat(transfer.getOrEmpty("TransfereeChannel")).isEqualTo(call.channel());
        assertThat(transfer.getOrEmpty("Extension")).isEqualTo(call.queues().get(1));
        assertThat(callStateTypes(events)).containsSubsequence("AgentConnect", "AgentComplete", "QueueCallerJoin",
                "AgentCalled", "QueueCallerLeave", "AgentConnect", "AgentComplete", "Hangup");
    }

    @Test
    void callerTheRouteSendsToAMenuWalksTheIvrAndQueuesWhereItChose() {
        PbxSimulator sim = simulator().build();
        var done = sim.placeCall(STRANGER, CallPlan.answered(Duration.ofSeconds(10)));
        runToEnd();
        CallSummary call = done.join();

        assertThat(call.queues()).containsExactly("vip");
        List<AmiPacket> events = rawEventsOf(call.linkedid());
        assertThat(events).filteredOn(e -> e.type().equals("Newexten") && e.getOrEmpty("Application").equals("AGI"))
                .extracting(e -> e.getOrEmpty("AppData")).hasSize(2).last().asString().endsWith("/ivr");
        assertThat(events).anyMatch(e -> e.type().equals("VarSet") && e.getOrEmpty("Variable").equals("AC_IVR_MENU")
                && e.getOrEmpty("Value").equals("main"));
        assertThat(events).anyMatch(e -> e.type().equals("VarSet") && e.getOrEmpty("Variable").equals("AC_IVR_DIGITS")
                && e.getOrEmpty("Value").matches("[1-4]"));
        assertThat(only(events, "QueueCallerJoin").getOrEmpty("Queue")).isEqualTo("vip");
    }

    @Test
    void failingAgiServerSendsTheCallToGeneralSupport() throws IOException {
        PbxSimulator sim = simulator().agi("127.0.0.1", freePort()).build();
        var done = sim.placeCall(ALICE, CallPlan.answered(Duration.ofSeconds(10)));
        runToEnd();
        CallSummary call = done.join();

        assertThat(call.agiFailed()).isTrue();
        assertThat(call.queues()).containsExactly("general-support");
        List<AmiPacket> events = rawEventsOf(call.linkedid());
        assertThat(events).anyMatch(e -> e.type().equals("VarSet") && e.getOrEmpty("Variable").equals("AGISTATUS")
                && e.getOrEmpty("Value").equals("FAILURE"));
        assertThat(only(events, "QueueCallerJoin").getOrEmpty("Queue")).isEqualTo("general-support");
    }

    @Test
    void emittedHeadersMatchTheTranscriptForEveryEventType() {
        // Some types come in two shapes (DialBegin with and without the dialing channel): any seen counts.
        Map<String, Set<List<String>>> expected = new LinkedHashMap<>();
        for (AmiPacket e : transcript().events()) {
            if (e.get("ActionID").isEmpty()) {
                expected.computeIfAbsent(e.type(), k -> new java.util.HashSet<>()).add(names(e));
            }
        }
        PbxSimulator sim = simulator().build();
        sim.announceAgents();
        sim.pause("Local/agent1@agents", "lunch");
        sim.unpause("Local/agent1@agents");
        sim.placeCall(ALICE, CallPlan.answered(Duration.ofSeconds(30)).withRingNoAnswer().withHold(Duration.ofSeconds(5), Duration.ofSeconds(10)));
        sim.placeCall(OTHER, CallPlan.answered(Duration.ofSeconds(20)).withCallerHangingUp());
        sim.placeCall(OTHER, CallPlan.transferred(Duration.ofSeconds(20), Duration.ofSeconds(20)));
        sim.placeCall(CallerId.ANONYMOUS, CallPlan.abandoned(Duration.ofSeconds(4)));
        runToEnd();

        Set<String> documentedOnly = Set.of("Hold", "Unhold", "BlindTransfer", "AgentRingNoAnswer", "QueueMemberStatus");
        Map<String, List<String>> seen = new HashMap<>();
        for (AmiPacket e : raw.events()) {
            if (e.getOrEmpty("Device").startsWith("sync-")) {
                continue;
            }
            seen.putIfAbsent(e.type(), names(e));
            if (expected.containsKey(e.type())) {
                assertThat(expected.get(e.type())).as(e.type()).contains(names(e));
            } else {
                assertThat(documentedOnly).as("event type not in the transcript: " + e.type()).contains(e.type());
            }
        }
        assertThat(seen.keySet()).contains("QueueCallerJoin", "AgentCalled", "AgentRingNoAnswer", "QueueCallerLeave",
                "AgentConnect", "Hold", "Unhold", "BlindTransfer", "AgentComplete", "QueueCallerAbandon", "QueueMemberAdded",
                "QueueMemberPause", "QueueMemberStatus", "VarSet", "Newexten", "DeviceStateChange", "AGIExecStart");
        assertThat(expected.get("QueueMemberAdded")).contains(seen.get("QueueMemberStatus"));
    }

    @Test
    void memberPausedOrRemovedOverAmiIsNotRungAndAPhoneOnACallIsNotRungAgain() {
        PbxSimulator sim = simulator().build();
        sim.announceAgents();
        // aftercare's after-call work pauses agent1 in general-support; agent2 is logged out of it
        raw.send(AmiPacket.of("Action", "QueuePause", "Interface", "Local/agent1@agents", "Queue", "general-support",
                "Paused", "true", "Reason", "acw"), Duration.ofSeconds(5));
        raw.send(AmiPacket.of("Action", "QueueRemove", "Queue", "general-support", "Interface", "Local/agent2@agents"),
                Duration.ofSeconds(5));
        var first = sim.placeCall(OTHER, CallPlan.answered(Duration.ofSeconds(30)));
        scheduler.advance(Duration.ofSeconds(20));
        synced();
        assertThat(raw.events()).noneMatch(e -> e.type().equals("AgentCalled"));

        raw.send(AmiPacket.of("Action", "QueuePause", "Interface", "Local/agent1@agents", "Paused", "false"),
                Duration.ofSeconds(5));
        scheduler.advance(Duration.ofSeconds(10)); // the waiting caller's next attempt rings agent1, who answers
        var second = sim.placeCall(OTHER, CallPlan.answered(Duration.ofSeconds(5)).withPatience(Duration.ofSeconds(15)));
        runToEnd();

        assertThat(first.join().outcome()).isEqualTo(CallPlan.Outcome.ANSWERED);
        assertThat(second.join().outcome()).as("agent1 was on the phone the whole time it waited")
                .isEqualTo(CallPlan.Outcome.ABANDONED);
        assertThat(raw.events()).filteredOn(e -> e.type().equals("AgentCalled")).singleElement()
                .satisfies(e -> assertThat(e.getOrEmpty("Interface")).isEqualTo("Local/agent1@agents"));
        // app_queue followed agent1's phone: in use with the call in progress, then free with the call counted
        List<AmiPacket> status = raw.events().stream().filter(e -> e.type().equals("QueueMemberStatus")
                && e.getOrEmpty("Queue").equals("general-support")).toList();
        assertThat(status).extracting(e -> e.getOrEmpty("Status") + "/" + e.getOrEmpty("InCall") + "/"
                + e.getOrEmpty("CallsTaken")).containsSubsequence("6/0/0", "2/1/0", "1/0/1");
    }

    @Test
    void callersOfAQueueAreServedFirstComeFirstServed() {
        PbxSimulator sim = simulator().build();
        sim.announceAgents();
        sim.pause("Local/agent2@agents", "lunch"); // agent1 alone serves general-support
        var first = sim.placeCall(OTHER, CallPlan.answered(Duration.ofMillis(29_800)));
        scheduler.advance(Duration.ofSeconds(1));
        // its attempts fall at x.2 s, the third caller's at x.5 s: agent1 is free at 33.3 s, the third caller tries
        // first and must let the second, ahead of it, take agent1
        var second = sim.placeCall(OTHER, CallPlan.answered(Duration.ofSeconds(10)).withQueueWait(Duration.ofMillis(700)));
        scheduler.advance(Duration.ofSeconds(1));
        var third = sim.placeCall(OTHER, CallPlan.answered(Duration.ofSeconds(10)));
        runToEnd();

        assertThat(raw.events().stream().filter(e -> e.type().equals("AgentConnect")).map(e -> e.getOrEmpty("Linkedid")))
                .containsExactly(first.join().linkedid(), second.join().linkedid(), third.join().linkedid());
    }

    @Test
    void callsAtTheConfiguredRateNeverRingABusyAgentAndStopLeavesNoCallOpen() {
        PbxSimulator sim = simulator().callsPerMinute(1).callers(() -> new CallerId("3125550199", "Bob\r\nEvent: Injected")).build();
        sim.start();
        // One call a minute keeps three agents busy without swamping them (about 2 Erlang).
        scheduler.advance(Duration.ofHours(3));
        sim.stop();
        runToEnd();

        List<AmiPacket> events = raw.events();
        assertThat(events).noneMatch(e -> e.type().equals("Injected"));
        assertThat(events.stream().filter(e -> e.type().equals("QueueCallerJoin")).count()).isBetween(130L, 260L);
        assertThat(sim.activeCalls()).isZero();
        // Every channel created was hung up.
        assertThat(events.stream().filter(e -> e.type().equals("Hangup")).map(e -> e.getOrEmpty("Channel")).toList())
                .containsExactlyInAnyOrderElementsOf(events.stream().filter(e -> e.type().equals("Newchannel"))
                        .map(e -> e.getOrEmpty("Channel")).toList());
        // An agent's ;1 leg is rung (AgentCalled) only when its previous one has hung up.
        Map<String, Integer> legsUp = new HashMap<>();
        for (AmiPacket e : events) {
            if (e.type().equals("AgentCalled")) {
                int up = legsUp.merge(e.getOrEmpty("Interface"), 1, Integer::sum);
                assertThat(up).as("agent legs of " + e.getOrEmpty("Interface")).isEqualTo(1);
            } else if (e.type().equals("Hangup") && e.getOrEmpty("Channel").startsWith("Local/agent")
                    && e.getOrEmpty("Channel").endsWith(";1")) {
                String iface = e.getOrEmpty("Channel").substring(0, e.getOrEmpty("Channel").lastIndexOf('-'));
                legsUp.merge(iface, -1, Integer::sum);
            }
        }
        // The default mix yields abandoned, transferred and anonymous calls too.
        assertThat(events).as("abandoned").anyMatch(e -> e.type().equals("QueueCallerAbandon"));
        assertThat(events).as("transferred").anyMatch(e -> e.type().equals("BlindTransfer"));
        assertThat(events).as("anonymous").anyMatch(e -> e.getOrEmpty("CallerIDNum").equals("anonymous"));
        // The caller name's CR/LF was dropped: it stayed one header value.
        assertThat(events).anyMatch(e -> e.getOrEmpty("CallerIDName").equals("BobEvent: Injected"));
    }

    private static List<String> names(AmiPacket e) {
        return e.headers().stream().map(AmiHeader::name).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
