package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;

class FakeAmiServerIntegrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1795341448, 597154000), ZoneOffset.UTC);

    /** An action asterisk-java has no class for. */
    static final class NoSuchAction extends AbstractManagerAction {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAction() {
            return "NoSuchAction";
        }
    }

    @Test
    void actionsSentThroughAsteriskJavaGetTranscriptShapedAnswersAndAreRecorded() throws Exception {
        List<ManagerEvent> events = new CopyOnWriteArrayList<>();
        try (FakeAmiServer server = FakeAmiServer.builder().clock(CLOCK).start()) {
            server.scriptOriginate("Local/5550000@customers", OriginateOutcome.BUSY);
            ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", server.port(), "hotline", "s3cret").createManagerConnection();
            c.addEventListener(events::add);
            c.login();
            try {
                QueueAddAction add = new QueueAddAction("general-support", "Local/agent1@agents", 0);
                add.setMemberName("Agent One");
                add.setStateInterface("Custom:agent1");
                ManagerResponse added = c.sendAction(add);
                assertThat(added.getResponse()).isEqualTo("Success");
                assertThat(added.getMessage()).isEqualTo("Added interface to queue");

                QueuePauseAction pause = new QueuePauseAction("Local/agent1@agents", true);
                pause.setReason("lunch");
                assertThat(c.sendAction(pause).getMessage()).isEqualTo("Interface paused successfully");

                ResponseEvents status = c.sendEventGeneratingAction(new QueueStatusAction());
                assertThat(status.getResponse().getMessage()).isEqualTo("Queue status will follow");
                QueueMemberEvent member = status.getEvents().stream().filter(e -> e instanceof QueueMemberEvent)
                        .map(QueueMemberEvent.class::cast).findFirst().orElseThrow();
                assertThat(member.getPaused()).isTrue();
                assertThat(member.getPausedreason()).isEqualTo("lunch");
                assertThat(member.getInterface()).isEqualTo("Local/agent1@agents");

                OriginateAction answered = new OriginateAction();
                answered.setChannel("Local/5551234567@customers");
                answered.setContext("survey");
                answered.setExten("s");
                answered.setPriority(1);
                answered.setCallerId("\"Survey\" <1800>");
                answered.setAsync(true);
                assertThat(c.sendAction(answered).getMessage()).isEqualTo("Originate successfully queued");
                OriginateAction busy = new OriginateAction();
                busy.setChannel("Local/5550000@customers");
                busy.setContext("survey");
                busy.setExten("s");
                busy.setPriority(1);
                busy.setAsync(true);
                c.sendAction(busy);

                ManagerResponse ping = c.sendAction(new PingAction());
                assertThat(ping.getResponse()).isEqualTo("Success");
                assertThat(ping.getAttribute("ping")).isEqualTo("Pong");
                assertThat(ping.getAttribute("timestamp")).isEqualTo("1795341448.597154");

                ManagerResponse unknown = c.sendAction(new NoSuchAction());
                assertThat(unknown).isInstanceOf(ManagerError.class);
                assertThat(unknown.getMessage())
                        .isEqualTo("Invalid/unknown command: NoSuchAction. Use Action: ListCommands to show available commands.");

                await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().filter(e -> e instanceof OriginateResponseEvent).count() == 2);
                List<OriginateResponseEvent> originated = events.stream().filter(e -> e instanceof OriginateResponseEvent)
                        .map(OriginateResponseEvent.class::cast).toList();
                assertThat(originated.get(0).getReason()).isEqualTo(4);
                assertThat(originated.get(0).getResponse()).isEqualTo("Success");
                assertThat(originated.get(0).getChannel()).isEqualTo("Local/5551234567@customers-00000000;1");
                assertThat(originated.get(0).getCallerIdNum()).isEqualTo("1800");
                assertThat(originated.get(1).getReason()).isEqualTo(5);
                assertThat(originated.get(1).getResponse()).isEqualTo("Failure");
                assertThat(originated.get(1).getUniqueId()).isNull(); // "<unknown>" on the wire
                assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(QueueMemberAddedEvent.class));
                QueueMemberPauseEvent paused = events.stream().filter(e -> e instanceof QueueMemberPauseEvent)
                        .map(QueueMemberPauseEvent.class::cast).findFirst().orElseThrow();
                // Quirk: asterisk-java fills getPausedreason(); getPausedReason() stays null.
                assertThat(paused.getPausedreason()).isEqualTo("lunch");
                // from the server's clock; never repeated, as Asterisk's: a microsecond later per event stamped before it
                assertThat(paused.getTimestamp()).isCloseTo(1795341448.597154, org.assertj.core.data.Offset.offset(0.001));
            } finally {
                c.logoff();
            }
            assertThat(server.receivedActions()).extracting(AmiPacket::type).containsSubsequence(
                    "Challenge", "Login", "QueueAdd", "QueuePause", "QueueStatus", "Originate", "Originate", "Ping",
                    "NoSuchAction", "Logoff");
            assertThat(server.receivedActions("QueuePause").get(0).get("Reason")).contains("lunch");
        }
    }

    @Test
    void rawSessionGetsAsterisksExactTexts() throws Exception {
        try (FakeAmiServer server = FakeAmiServer.builder().clock(CLOCK).securityEvents(false).start();
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).isEqualTo("Asterisk Call Manager/11.0.0");

            send(out, "Action: QueueStatus\r\nActionID: x1\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo("Response: Error\r\nActionID: x1\r\nMessage: Permission denied\r\n\r\n");

            send(out, "Action: Login\r\nActionID: 1\r\nUsername: hotline\r\nSecret: s3cret\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo("Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).startsWith("Event: FullyBooted\r\nPrivilege: system,all\r\n");

            send(out, "Action: Originate\r\nActionID: s6\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo("Response: Error\r\nActionID: s6\r\nMessage: Channel not specified\r\n\r\n");

            send(out, "Action: CoreShowChannels\r\nActionID: csc\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in) + AmiReplayIntegrationTest.readPacket(in)).isEqualTo(
                    "Response: Success\r\nActionID: csc\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n"
                            + "Event: CoreShowChannelsComplete\r\nActionID: csc\r\nEventList: Complete\r\nListItems: 0\r\n\r\n");

            server.emit("Hangup", "Privilege", "call,all", "Uniqueid", "1.2");
            assertThat(AmiReplayIntegrationTest.readPacket(in))
                    .isEqualTo("Event: Hangup\r\nPrivilege: call,all\r\nTimestamp: 1795341448.597154\r\nUniqueid: 1.2\r\n\r\n");

            send(out, "Action: Logoff\r\nActionID: bye\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo("Response: Goodbye\r\nActionID: bye\r\nMessage: Thanks for all the fish.\r\n\r\n");
            assertThat(in.readLine()).isNull();
        }
    }

    /** As src/test/resources/captures/ami-originate-channelid.txt shows Asterisk 22 doing, failures included. */
    @Test
    void anOriginatesChannelIdComesBackAsTheUniqueidOfItsOriginateResponse() throws Exception {
        try (FakeAmiServer server = FakeAmiServer.builder().clock(CLOCK).securityEvents(false).start();
             Socket s = new Socket("127.0.0.1", server.port())) {
            server.scriptOriginate("Local/5550000@customers", OriginateOutcome.BUSY);
            BufferedReader in = loggedIn(s);
            OutputStream out = s.getOutputStream();
            for (String number : new String[] {"5551234567", "5550000"}) {
                send(out, "Action: Originate\r\nActionID: survey-" + number + "-1\r\nChannel: Local/" + number
                        + "@customers\r\nContext: survey\r\nExten: s\r\nPriority: 1\r\nAsync: true\r\n"
                        + "ChannelId: survey-" + number + "-1\r\n\r\n");
                assertThat(readUntil(in, "Response: ")).last().asString().startsWith("Response: Success\r\n");
                // the channels come first: the ChannelId is the ;1 half's Uniqueid and the ;2 half's with ";2"
                // the first call's later events (its hang-up) may come in between: keep this call's
                List<String> call = readUntil(in, "Event: OriginateResponse\r\n").stream()
                        .filter(p -> p.contains("survey-" + number + "-1")).toList();
                assertThat(call.getFirst()).startsWith("Event: Newchannel\r\n")
                        .contains("\r\nUniqueid: survey-" + number + "-1\r\nLinkedid: survey-" + number + "-1\r\n");
                assertThat(call.get(1)).startsWith("Event: Newchannel\r\n")
                        .contains("\r\nUniqueid: survey-" + number + "-1;2\r\nLinkedid: survey-" + number + "-1\r\n");
                assertThat(call.getLast()).contains("\r\nUniqueid: survey-" + number + "-1\r\n");
            }
        }
    }

    @Test
    void channelListsAreWrittenAsAsterisk22WritesThemAndAHangupTakesTheChannelOff() throws Exception {
        try (FakeAmiServer server = FakeAmiServer.builder().clock(CLOCK).securityEvents(false).start();
             Socket s = new Socket("127.0.0.1", server.port())) {
            BufferedReader in = loggedIn(s);
            OutputStream out = s.getOutputStream();
            server.addChannel(PbxChannel.up("Local/1800@hotline-00000003;2", "1795341440.12", "1795341440.11",
                    "2025550100", "Queue", CLOCK.instant().minusSeconds(3_725)).bridged("b-1"));
            String snapshot = "Channel: Local/1800@hotline-00000003;2\r\nChannelState: 6\r\nChannelStateDesc: Up\r\n"
                    + "CallerIDNum: 2025550100\r\nCallerIDName: <unknown>\r\nConnectedLineNum: <unknown>\r\n"
                    + "ConnectedLineName: <unknown>\r\nLanguage: en\r\nAccountCode: \r\nContext: hotline\r\n"
                    + "Exten: 1800\r\nPriority: 1\r\nUniqueid: 1795341440.12\r\nLinkedid: 1795341440.11\r\n";

            send(out, "Action: CoreShowChannels\r\nActionID: csc\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo(
                    "Response: Success\r\nActionID: csc\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo("Event: CoreShowChannel\r\nActionID: csc\r\n"
                    + snapshot + "Application: Queue\r\nApplicationData: \r\nDuration: 01:02:05\r\nBridgeId: b-1\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo(
                    "Event: CoreShowChannelsComplete\r\nActionID: csc\r\nEventList: Complete\r\nListItems: 1\r\n\r\n");

            send(out, "Action: Status\r\nActionID: st\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo(
                    "Response: Success\r\nActionID: st\r\nEventList: start\r\nMessage: Channel status will follow\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo("Event: Status\r\nPrivilege: Call\r\n" + snapshot
                    + "Type: Local\r\nDNID: \r\nEffectiveConnectedLineNum: <unknown>\r\nEffectiveConnectedLineName: <unknown>\r\n"
                    + "TimeToHangup: 0\r\nBridgeID: b-1\r\nApplication: Queue\r\nData: \r\nNativeformats: (ulaw)\r\n"
                    + "Readformat: ulaw\r\nReadtrans: \r\nWriteformat: ulaw\r\nWritetrans: \r\nCallgroup: 0\r\n"
                    + "Pickupgroup: 0\r\nSeconds: 3725\r\nActionID: st\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo(
                    "Event: StatusComplete\r\nActionID: st\r\nEventList: Complete\r\nListItems: 1\r\nItems: 1\r\n\r\n");

            server.emit("Hangup", "Privilege", "call,all", "Uniqueid", "1795341440.12");
            AmiReplayIntegrationTest.readPacket(in);
            send(out, "Action: CoreShowChannels\r\nActionID: csc2\r\n\r\n");
            AmiReplayIntegrationTest.readPacket(in);
            assertThat(AmiReplayIntegrationTest.readPacket(in)).startsWith("Event: CoreShowChannelsComplete\r\n")
                    .contains("ListItems: 0\r\n");
        }
    }

    @Test
    void sessionsTurnNagleOffLikeAsterisk() throws Exception {
        try (FakeAmiServer server = FakeAmiServer.start(); Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            assertThat(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine())
                    .isEqualTo(FakeAmiServer.BANNER); // the banner is written once the session is set up
            assertThat(server.sessionsSendAtOnce()).isTrue();
        }
    }

    @Test
    void wrongSecretGetsAuthenticationFailedAndTheConnectionCloses() throws Exception {
        try (FakeAmiServer server = FakeAmiServer.start(); Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            in.readLine();
            send(s.getOutputStream(), "Action: Login\r\nActionID: 1\r\nUsername: hotline\r\nSecret: wrong\r\n\r\n");
            assertThat(AmiReplayIntegrationTest.readPacket(in)).isEqualTo("Response: Error\r\nActionID: 1\r\nMessage: Authentication failed\r\n\r\n");
            assertThat(in.readLine()).isNull();
        }
    }

    @Test
    void dropAndRefuseSimulateNetworkFailures() throws Exception {
        try (FakeAmiServer server = FakeAmiServer.start(); Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            in.readLine();
            server.dropConnections();
            assertThat(in.readLine()).isNull();

            server.refuseConnections();
            assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(java.net.ConnectException.class);
            server.acceptConnections();
            try (Socket again = new Socket("127.0.0.1", server.port())) {
                again.setSoTimeout(5000);
                assertThat(new BufferedReader(new InputStreamReader(again.getInputStream(), StandardCharsets.UTF_8)).readLine())
                        .isEqualTo(FakeAmiServer.BANNER);
            }
        }
    }

    @Test
    void emittedHeadersWithCrOrLfAreRefused() throws Exception {
        try (FakeAmiServer server = FakeAmiServer.start()) {
            assertThatThrownBy(() -> server.emit("Hangup", "Channel", "x\r\nEvent: Fake")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> server.emit("Hangup", "Channel", "x\nCause: 1")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PbxChannel.up("x\r", "1.1", "1.1", "", "Queue", Instant.EPOCH))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Reads the banner, logs in and reads the answer and FullyBooted; returns the reader for the rest. */
    private static BufferedReader loggedIn(Socket s) throws Exception {
        s.setSoTimeout(5000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        in.readLine();
        send(s.getOutputStream(), "Action: Login\r\nUsername: hotline\r\nSecret: s3cret\r\n\r\n");
        AmiReplayIntegrationTest.readPacket(in);
        AmiReplayIntegrationTest.readPacket(in);
        return in;
    }

    /** Packets up to and including the first that starts with {@code prefix}. */
    private static List<String> readUntil(BufferedReader in, String prefix) throws Exception {
        List<String> packets = new ArrayList<>();
        do {
            packets.add(AmiReplayIntegrationTest.readPacket(in));
        } while (!packets.getLast().startsWith(prefix));
        return packets;
    }

    private static void send(OutputStream out, String text) throws Exception {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
