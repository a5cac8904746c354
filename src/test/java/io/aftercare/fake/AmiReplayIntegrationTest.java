package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.BridgeEvent;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DialEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmiReplayIntegrationTest {

    /** Fields the call tracking relies on; each is compared wherever the transcript event has it. */
    private static final List<String> KEY_FIELDS = List.of("Queue", "Uniqueid", "Linkedid", "Channel", "TalkTime",
            "HoldTime", "Reason", "Interface", "Paused", "Variable", "Value", "Cause", "ActionID");

    /**
     * Event types of the transcripts that asterisk-java 3.42.2 does not deliver to listeners:
     * none, every type in both captures has an event class (checked below, so an upgrade that
     * drops one fails here).
     */
    private static final Set<String> NOT_MAPPED_BY_ASTERISK_JAVA = Set.of();

    @ParameterizedTest
    @ValueSource(strings = {"ami-inbound-queue.txt", "ami-originate-survey.txt"})
    void asteriskJavaReceivesEveryTranscriptEventInOrderWithTheSameFields(String file) throws Exception {
        Transcript.Ami transcript = TranscriptTest.ami(file);
        List<AmiPacket> expected = transcript.afterLogin().stream()
                .filter(b -> b instanceof Transcript.ServerPacket && b.packet().isEvent()).map(Transcript.AmiBlock::packet).toList();
        List<ManagerEvent> received = new CopyOnWriteArrayList<>();
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start()) {
            ManagerConnection connection = new ManagerConnectionFactory("127.0.0.1", server.port(), "hotline", "s3cret")
                    .createManagerConnection();
            connection.addEventListener(received::add);
            connection.login();
            try {
                // The marker tells where the replay ends, since unmapped types never arrive.
                server.replay(transcript.afterLogin());
                server.emit("FullyBooted", "Privilege", "system,all", "Status", MARKER);
                await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(AmiReplayIntegrationTest::isMarker));
            } finally {
                connection.logoff();
            }
        }
        List<ManagerEvent> replayed = new ArrayList<>(received.stream()
                .filter(e -> !(e instanceof ConnectEvent) && !(e instanceof DisconnectEvent))
                .filter(e -> !isMarker(e)).toList());
        // The first FullyBooted is the fake's own answer to the login, not part of the replay.
        assertThat(replayed.remove(0).getClass().getSimpleName()).isEqualTo("FullyBootedEvent");

        // asterisk-java synthesises legacy (Asterisk 1.x style) DialEvent and BridgeEvent objects from
        // DialBegin and BridgeEnter/BridgeLeave; they are not on the wire, so set them aside.
        List<ManagerEvent> legacy = replayed.stream()
                .filter(e -> e.getClass() == DialEvent.class || e.getClass() == BridgeEvent.class).toList();
        replayed.removeAll(legacy);
        assertThat(legacy.stream().filter(e -> e instanceof DialEvent).count())
                .isEqualTo(expected.stream().filter(e -> e.type().equals("DialBegin")).count());
        List<String> unmapped = new ArrayList<>();
        int j = 0;
        for (AmiPacket event : expected) {
            if (j < replayed.size() && sameType(event, replayed.get(j))) {
                assertSameFields(event, replayed.get(j));
                j++;
            } else if (!unmapped.contains(event.type())) {
                unmapped.add(event.type());
            }
        }
        assertThat(replayed.subList(j, replayed.size())).as("events asterisk-java delivered beyond the transcript").isEmpty();
        assertThat(unmapped).containsExactlyInAnyOrderElementsOf(
                NOT_MAPPED_BY_ASTERISK_JAVA.stream().filter(t -> expected.stream().anyMatch(e -> e.type().equals(t))).toList());
    }

    private static final String MARKER = "replay-done";

    private static boolean isMarker(ManagerEvent e) {
        return e instanceof FullyBootedEvent f && MARKER.equals(f.getStatus());
    }

    private static boolean sameType(AmiPacket event, ManagerEvent mapped) {
        String simple = mapped.getClass().getSimpleName();
        String name = simple.endsWith("Event") ? simple.substring(0, simple.length() - 5) : simple;
        return name.equalsIgnoreCase(event.type());
    }

    private static void assertSameFields(AmiPacket event, ManagerEvent mapped) throws Exception {
        String ts = event.getOrEmpty("Timestamp");
        if (!ts.isEmpty()) {
            assertThat(mapped.getTimestamp()).as(event.type() + " Timestamp").isEqualTo(Double.parseDouble(ts));
        }
        assertThat(mapped.getPrivilege()).as(event.type() + " Privilege").isEqualTo(event.get("Privilege").orElse(null));
        for (String field : KEY_FIELDS) {
            if (event.get(field).isEmpty()) {
                continue;
            }
            Method getter = getter(mapped, field);
            if (getter == null) {
                continue;
            }
            Object value = getter.invoke(mapped);
            if (field.equals("ActionID")) {
                // Quirk: asterisk-java only keeps an ActionID carrying its own "<hash>_<n>#" prefix;
                // replayed ActionIDs (o1, qs1) were not sent by this connection, so it reports null.
                assertThat(value).as(event.type() + " ActionID").isNull();
                continue;
            }
            if (event.getOrEmpty(field).equals("<unknown>")) {
                // Quirk: asterisk-java turns Asterisk's "<unknown>" placeholder into null.
                assertThat(value).as(event.type() + " " + field).isNull();
                continue;
            }
            assertThat(value == null ? null : String.valueOf(value)).as(event.type() + " " + field)
                    .isIn(event.getOrEmpty(field), normalised(event.getOrEmpty(field)));
        }
    }

    private static String normalised(String value) {
        return switch (value) {
            case "1" -> "true";
            case "0" -> "false";
            default -> value;
        };
    }

    private static Method getter(ManagerEvent e, String field) {
        for (Method m : e.getClass().getMethods()) {
            if (m.getParameterCount() == 0 && m.getName().toLowerCase(Locale.ROOT).equals("get" + field.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ami-inbound-queue.txt", "ami-originate-survey.txt"})
    void rawSocketReceivesEveryServerPacketByteIdenticalExceptCrlf(String file) throws Exception {
        String text = Transcript.resource("asterisk-22/" + file);
        Transcript.Ami transcript = Transcript.parseAmi(text);
        // Expected bytes straight from the file: everything after the login handshake, without the
        // client's >>> lines, with LF turned into CRLF.
        String afterHandshake = text.substring(text.indexOf("Event: SuccessfulAuth"));
        afterHandshake = afterHandshake.substring(afterHandshake.indexOf("\n\n") + 2);
        StringBuilder expected = new StringBuilder();
        for (String line : afterHandshake.split("\n", -1)) {
            if (!line.startsWith(">>> ")) {
                expected.append(line).append("\r\n");
            }
        }
        String expectedWire = expected.substring(0, expected.length() - 2); // the split's trailing empty piece

        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).isEqualTo("Asterisk Call Manager/11.0.0");
            out.write(transcript.actions().get(0).toWire().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String loginAnswer = readPacket(in) + readPacket(in);
            assertThat(loginAnswer).startsWith("Response: Success\r\nActionID: 1\r\nMessage: Authentication accepted\r\n\r\n"
                    + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: ");

            server.replay(transcript);
            char[] buf = new char[expectedWire.getBytes(StandardCharsets.UTF_8).length];
            int read = 0;
            while (read < buf.length) {
                int n = in.read(buf, read, buf.length - read);
                assertThat(n).isPositive();
                read += n;
            }
            String actual = new String(buf);
            assertThat(actual).isEqualTo(new String(expectedWire.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
    }

    static String readPacket(BufferedReader in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            sb.append(line).append("\r\n");
            if (line.isEmpty()) {
                break;
            }
        }
        return sb.toString();
    }
}
