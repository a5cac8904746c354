package io.aftercare.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's voicemails on a real Asterisk 22 running the project's dialplan and dialplan/voicemail.conf.sample: a
 * caller nobody answers times out of the queue into {@code VoiceMail(aftercare@default,u)} and leaves a message;
 * Asterisk's MessageWaiting makes aftercare read the spool (followups.voicemail_spool, this run's), and the message
 * is a follow-up with the caller identified, linked to the call that timed out, its recording served to agents.
 */
class VoicemailPbxTest extends PbxScenario {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    /** Where start-asterisk puts this run's spool (astspooldir => RUNDIR/spool; PbxSuite's folder per class). */
    static final Path SPOOL = Path.of(System.getProperty("basedir", "."), "target", "pbx-tests",
            VoicemailPbxTest.class.getSimpleName(), "asterisk", "spool", "voicemail", "default", "aftercare");

    static { // a previous run's messages: aftercare reads the spool at start, before Asterisk clears its run folder
        try (Stream<Path> old = Files.exists(SPOOL) ? Files.walk(SPOOL) : Stream.empty()) {
            for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite(config -> config.withFollowUps(new AftercareConfig.FollowUps(
            "aftercare@default", SPOOL.toAbsolutePath().toString(), Duration.ofMinutes(10), Duration.ofMinutes(1))));

    @Override
    protected PbxSuite suite() {
        return SUITE;
    }

    @Test
    void aCallerWhoTimesOutAndLeavesAMessageIsAFollowUpWithTheRecording() throws Exception {
        world.customer("Vic Voicemail", "standard", "+12125550190");
        world.hotline("1890", "onboarding"); // nobody logged in: Queue() times out after 60 s
        world.agentRecord(1);
        TestApp agent = world.app().as(world.app().signIn("pbx-agent1", "agent", "agent1"));

        String call = pbx.originate(Caller.dialing("1890", "\"Vic Voicemail\" <+12125550190>")
                .leavingAMessageAfter(70));

        AmiPacket waiting = await().atMost(SETTLE).until(() -> pbx.events().stream()
                .filter(e -> e.type().equals("MessageWaiting")).findFirst().orElse(null), e -> e != null);
        assertThat(waiting.getOrEmpty("Mailbox")).isEqualTo("aftercare@default");
        assertThat(waiting.getOrEmpty("New")).isEqualTo("1");
        assertThat(waiting.getOrEmpty("Linkedid")).isEqualTo(call);
        try (Stream<Path> inbox = Files.list(SPOOL.resolve("INBOX"))) {
            assertThat(inbox.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("msg0000.txt", "msg0000.wav");
        }
        assertThat(Files.readString(SPOOL.resolve("INBOX/msg0000.txt")))
                .contains("callerid=\"Vic Voicemail\" <+12125550190>", "context=aftercare-queue-timeout", "msg_id=");

        JsonNode task = await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<JsonNode> items = agent.walk("/api/follow-ups?kind=voicemail");
            return items.isEmpty() ? null : items.get(0);
        }, t -> t != null && !t.path("originLinkedId").isNull()); // linked when the call is stored with its number
        assertThat(task.path("e164").asText()).isEqualTo("+12125550190");
        assertThat(task.path("customerName").asText()).isEqualTo("Vic Voicemail");
        assertThat(task.path("originLinkedId").asText()).as("the call that timed out").isEqualTo(call);
        assertThat(task.path("queue").asText()).isEqualTo("onboarding");
        assertThat(task.path("recording").asBoolean()).isTrue();
        assertThat(task.path("voicemailSeconds").asDouble()).isPositive();
        // Asterisk 22 sends QueueCallerAbandon on a queue time-out too (queue_log: EXITWITHTIMEOUT); the caller went
        // on to voicemail, so call tracking stores a time-out, and no abandoned task appears beside the voicemail
        assertThat(world.endedContact(call).outcome()).isEqualTo("timeout");
        assertThat(pbx.queueLog(call)).extracting(QueueLogEntry::event).contains("EXITWITHTIMEOUT");
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.walk("/api/follow-ups?state=open,claimed,callback")
                .size() == 1);

        TestApp.Reply audio = agent.get("/api/follow-ups/" + task.path("id").asLong() + "/recording");
        assertThat(audio.status()).isEqualTo(200);
        assertThat(audio.contentType()).isEqualTo("audio/wav");
        assertThat(audio.body()).startsWith("RIFF");
        assertThat(agent.walk("/api/follow-ups?kind=voicemail")).as("one message, one task").hasSize(1);
    }
}
