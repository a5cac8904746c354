package io.aftercare.followups;

import static io.aftercare.followups.FollowUpWorld.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.fake.AmiPacket;
import io.aftercare.testing.TestApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/follow-ups over HTTP against the tests' AMI fake ({@link FollowUpWorld}): the list, first-come claims, the
 * call back through click-to-call (the Originate the PBX receives), done, a supervisor's release, the recording.
 */
class FollowUpRoutesIntegrationTest {
    @TempDir
    Path dir;
    private FollowUpWorld world;

    @BeforeEach
    void start() {
        world = new FollowUpWorld(dir);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void theListShowsTheWorkOldestFirstWithItsAgeAndFilters() {
        List<JsonNode> items = world.agent1.walk("/api/follow-ups?limit=1");
        assertThat(items).as("the abandon, then the message left 42 minutes later")
                .extracting(i -> i.path("kind").asText()).containsExactly("abandoned", "voicemail");
        JsonNode vm = items.get(1);
        assertThat(vm.path("e164").asText()).isEqualTo("+12125550123");
        assertThat(vm.path("customerName").asText()).isEqualTo("Pia Fischer");
        assertThat(vm.path("voicemailSeconds").asDouble()).isEqualTo(15.0);
        assertThat(vm.path("recording").asBoolean()).isTrue();
        assertThat(vm.path("state").asText()).isEqualTo("open");
        assertThat(items.get(0).path("ageSeconds").asDouble()).isGreaterThanOrEqualTo(42 * 60);
        assertThat(world.agent1.walk("/api/follow-ups?kind=abandoned&queue=repairs")).hasSize(1);
        assertThat(world.agent1.walk("/api/follow-ups?state=done")).isEmpty();
        assertThat(world.agent1.get("/api/follow-ups?state=lost").status()).isEqualTo(422);
    }

    @Test
    void anAgentClaimsCallsBackAndClosesAFollowUpAndNoOtherAgentCanMeanwhile() {
        String path = "/api/follow-ups/" + world.voicemail;
        TestApp.Reply claimed = world.agent1.post(path + "/claim", "{}");
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(json(claimed.body()).path("claimedBy").asText()).isEqualTo("agent1");
        assertThat(world.agent2.post(path + "/claim", "{}").status()).as("first come").isEqualTo(409);
        assertThat(world.agent2.post(path + "/call", "{}").status()).as("not theirs").isEqualTo(409);

        TestApp.Reply called = world.agent1.post(path + "/call", "{}");
        assertThat(called.status()).as(called.body()).isEqualTo(200);
        String linkedId = json(called.body()).path("callLinkedId").asText();
        assertThat(linkedId).matches("click_to_call-[0-9]{13}-1");
        AmiPacket originate = world.pbx.receivedActions("Originate").get(0);
        assertThat(originate.getOrEmpty("Channel")).as("the agent's phone first").isEqualTo("Local/agent1@agents");
        assertThat(originate.getOrEmpty("Exten")).isEqualTo("12125550123");
        assertThat(originate.getOrEmpty("ChannelId")).isEqualTo(linkedId);

        TestApp.Reply done = world.agent1.post(path + "/done", "{\"outcome\": \"repair booked\"}");
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(json(done.body()).path("state").asText()).isEqualTo("done");
        assertThat(world.agent1.walk("/api/follow-ups")).extracting(i -> i.path("id").asLong())
                .containsExactly(world.abandoned);
        assertThat(world.supervisor.post(path + "/claim", "{}").status()).as("no agent to ring").isEqualTo(409);
    }

    @Test
    void aSupervisorReleasesAClaimedFollowUpAndAgentsCannot() {
        String path = "/api/follow-ups/" + world.abandoned;
        assertThat(world.agent1.post(path + "/claim", "{}").status()).isEqualTo(200);
        assertThat(world.agent1.post(path + "/release", "{}").status()).isEqualTo(403);
        TestApp.Reply released = world.supervisor.post(path + "/release", "{}");
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(json(released.body()).path("state").asText()).isEqualTo("open");
        assertThat(world.agent2.post(path + "/claim", "{}").status()).isEqualTo(200);
    }

    @Test
    void theRecordingIsServedFromTheSpoolAndOnlyForAVoicemail() {
        TestApp.Reply audio = world.agent2.get("/api/follow-ups/" + world.voicemail + "/recording");
        assertThat(audio.status()).isEqualTo(200);
        assertThat(audio.contentType()).isEqualTo("audio/wav");
        assertThat(audio.body()).startsWith("RIFF");
        assertThat(world.agent2.get("/api/follow-ups/" + world.abandoned + "/recording").status()).isEqualTo(404);
        assertThat(world.agent2.get("/api/follow-ups/999/recording").status()).isEqualTo(404);
    }
}
