package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    static Transcript.Ami ami(String name) {
        return Transcript.parseAmi(Transcript.resource("asterisk-22/" + name));
    }

    static List<Transcript.AgiSession> agi(String name) {
        return Transcript.parseAgi(Transcript.resource("asterisk-22/" + name));
    }

    @Test
    void testCopiesAreByteIdenticalToTheSharedCaptures() throws IOException {
        Path shared = Paths.get("..", "shared", "asterisk-22");
        Assumptions.assumeTrue(Files.isDirectory(shared), "no ../shared/asterisk-22 beside the project");
        for (String name : List.of("ami-inbound-queue.txt", "ami-originate-survey.txt", "agi-route.txt", "agi-survey.txt")) {
            assertThat(Files.readAllBytes(Paths.get("src", "test", "resources", "asterisk-22", name)))
                    .as(name).isEqualTo(Files.readAllBytes(shared.resolve(name)));
        }
    }

    @Test
    void inboundQueueTranscriptParsesIntoActionsResponsesAndEvents() {
        Transcript.Ami t = ami("ami-inbound-queue.txt");

        assertThat(t.banner()).isEqualTo("Asterisk Call Manager/11.0.0");
        assertThat(t.actions()).extracting(AmiPacket::type).containsExactly("Login", "QueueAdd", "QueueAdd", "QueueAdd",
                "Originate", "Originate", "QueueStatus", "QueuePause", "Originate", "QueueSummary", "QueuePause",
                "CoreShowChannels", "QueueRemove", "Logoff");
        assertThat(t.eventCounts()).containsEntry("VarSet", 58).containsEntry("DeviceStateChange", 36)
                .containsEntry("Newexten", 29).containsEntry("AgentComplete", 2).containsEntry("QueueCallerAbandon", 1)
                .containsEntry("QueueMemberAdded", 3).containsEntry("QueueMember", 3).containsEntry("FullyBooted", 1);
        assertThat(t.events()).hasSize(t.eventCounts().values().stream().mapToInt(Integer::intValue).sum());
        assertThat(t.serverPackets().stream().filter(AmiPacket::isResponse)).hasSize(14);
    }

    @Test
    void headersKeepOrderAndEmptyValues() {
        AmiPacket added = ami("ami-inbound-queue.txt").events().stream()
                .filter(e -> e.type().equals("QueueMemberAdded")).findFirst().orElseThrow();

        assertThat(added.headers()).extracting(AmiHeader::name).startsWith("Event", "Privilege", "Timestamp", "Queue");
        assertThat(added.get("PausedReason")).contains("");
        assertThat(added.get("Timestamp")).contains("1795341448.597154");
    }

    @Test
    void originateTranscriptHasEveryOutcome() {
        Transcript.Ami t = ami("ami-originate-survey.txt");

        assertThat(t.events().stream().filter(e -> e.type().equals("OriginateResponse")).map(e -> e.getOrEmpty("Reason")))
                .containsExactly("4", "5", "8", "0", "3");
        assertThat(t.eventCounts()).containsEntry("RequestBadFormat", 1).containsEntry("DTMFBegin", 3);
    }

    @Test
    void afterLoginSkipsTheHandshakeTheFakeProducesItself() {
        List<Transcript.AmiBlock> rest = ami("ami-inbound-queue.txt").afterLogin();

        assertThat(rest.get(0)).isInstanceOf(Transcript.ClientAction.class);
        assertThat(rest.get(0).packet().getOrEmpty("ActionID")).isEqualTo("a1");
    }

    @Test
    void agiTranscriptsParseSessionsEnvironmentsAndExchanges() {
        List<Transcript.AgiSession> route = agi("agi-route.txt");
        List<Transcript.AgiSession> survey = agi("agi-survey.txt");

        assertThat(route).extracting(Transcript.AgiSession::number).containsExactly(2, 3);
        assertThat(survey).extracting(Transcript.AgiSession::number).containsExactly(8);
        Transcript.AgiSession anonymous = route.get(1);
        assertThat(anonymous.env("agi_callerid")).contains("anonymous");
        assertThat(anonymous.env("agi_calleridname")).contains("unknown");
        assertThat(anonymous.env("agi_accountcode")).contains("");
        assertThat(anonymous.environment()).hasSize(22).first().isEqualTo(new Transcript.AgiVariable("agi_network", "yes"));
        assertThat(route.get(0).exchanges()).extracting(Transcript.AgiExchange::command)
                .containsExactly("SET VARIABLE QUEUE \"vip\"", "GET VARIABLE CHANNEL", "GET VARIABLE UNIQUEID", "GET VARIABLE NOSUCHVAR");
        Transcript.AgiExchange last = survey.get(0).exchanges().get(survey.get(0).exchanges().size() - 1);
        assertThat(last.command()).isEqualTo("GET VARIABLE CHANNEL");
        assertThat(last.replyText()).isEqualTo("HANGUP");
        assertThat(survey.get(0).exchanges()).hasSize(12);
    }

    @Test
    void headerValuesWithCrOrLfAreRefused() {
        assertThatThrownBy(() -> new AmiHeader("Queue", "vip\r\nEvent: Injected")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmiHeader("Queue", "vip\nX: y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmiHeader("Bad\rName", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AmiPacket.of("Event", "Hangup", "Cause", "16\r\n\r\nEvent: Fake"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
