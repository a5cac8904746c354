package io.aftercare.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fake answers the call controls' actions as the real Asterisk 22 did in
 * {@code pbx-captures/call-controls.txt}: each action of the capture is sent to the fake, its channel up (in a
 * bridge unless Asterisk found it in none) or gone as Asterisk's answer shows it was, and the fake must answer with
 * Asterisk's Response and Message, in the order Asterisk checks the headers.
 */
class CallControlAnswersIntegrationTest {
    /** Asterisk's words for a channel it did not find, per action. */
    private static final Set<String> NOT_THERE = Set.of("No such channel", "Channel specified does not exist",
            "Channel not found");

    @Test
    void everyCapturedAnswerIsTheFakesToo() throws Exception {
        List<Transcript.AmiBlock> blocks = Transcript.parseAmi(Transcript.resource("pbx-captures/call-controls.txt"))
                .afterLogin();
        List<String> asterisk = new ArrayList<>();
        List<String> fake = new ArrayList<>();
        try (FakeAmiServer server = FakeAmiServer.builder().securityEvents(false).start();
             AmiProbe probe = AmiProbe.login(server.port(), "hotline", "s3cret", "off", "c")) {
            for (int i = 0; i + 1 < blocks.size(); i++) {
                if (!(blocks.get(i) instanceof Transcript.ClientAction action)
                        || !(blocks.get(i + 1) instanceof Transcript.ServerPacket answer)
                        || action.packet().type().equalsIgnoreCase("Logoff")) {
                    continue;
                }
                String message = answer.packet().getOrEmpty("Message");
                stage(server, action.packet(), message);
                AmiPacket sent = new AmiPacket(action.packet().headers().stream()
                        .filter(h -> !h.name().equalsIgnoreCase("ActionID")).toList());
                AmiPacket got = probe.send(sent, Duration.ofSeconds(5));
                String what = action.packet().type() + " " + action.packet().getOrEmpty("Channel") + ": ";
                asterisk.add(what + answer.packet().getOrEmpty("Response") + " " + message);
                fake.add(what + got.getOrEmpty("Response") + " " + got.getOrEmpty("Message"));
            }
        }
        assertThat(fake).hasSize(26).containsExactlyElementsOf(asterisk);
    }

    /** Puts the fake's channel and features.conf as the PBX's answer shows they were. */
    private static void stage(FakeAmiServer server, AmiPacket action, String message) {
        server.atxferCode(message.equals("No attended transfer feature code found") ? "" : "*2");
        String channel = action.getOrEmpty("Channel");
        if (channel.isEmpty()) {
            return;
        }
        server.forgetChannel(channel);
        if (!NOT_THERE.contains(message)) {
            PbxChannel up = PbxChannel.up(channel, channel, channel, "+12125550100", "Queue", Instant.EPOCH);
            server.addChannel(message.equals("Transfer invalid") ? up : up.bridged("bridge-1"));
        }
    }
}
