package io.aftercare.queues;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.queues.PbxCheck.Answer;
import io.aftercare.telephony.PbxQueues;
import io.aftercare.telephony.PbxQueues.PbxQueue;
import io.aftercare.telephony.PbxUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class PbxCheckTest {
    private static final List<Answer> MAIN = List.of(new Answer("main", List.of(
            new PbxQueue("400", "ringall", Set.of("Local/1001@from-queue/n")),
            new PbxQueue("401", "rrmemory", Set.of("Local/1001@from-queue/n", "PJSIP/1002"))), null));

    @Test
    void aQueueAsteriskHasIsFineAndOneItLacksWarns() {
        assertThat(PbxCheck.queueFindings("400", "", MAIN)).isEmpty();
        assertThat(PbxCheck.queueFindings("400", "ringall", MAIN)).isEmpty();
        assertThat(PbxCheck.queueFindings("402", "", MAIN)).containsExactly("queue 402 is not configured in Asterisk"
                + " pbx 'main'");
    }

    @Test
    void aStrategyHintAsteriskDoesNotFollowWarns() {
        assertThat(PbxCheck.queueFindings("401", "linear", MAIN)).containsExactly("queue 401 rings rrmemory in"
                + " Asterisk pbx 'main', not linear as its strategy hint says");
    }

    @Test
    void anAgentIsWarnedOfAssignedQueuesAsteriskLacksAndOfMembershipsNotAssignedHere() {
        assertThat(PbxCheck.agentFindings("Local/1001@from-queue/n", List.of("400", "402"), MAIN)).containsExactly(
                "queue 402 is not configured in Asterisk pbx 'main'",
                "agent interface Local/1001@from-queue/n is a member of queue 401 in Asterisk pbx 'main' but not"
                        + " assigned here");
        assertThat(PbxCheck.agentFindings("PJSIP/1002", List.of("401"), MAIN)).isEmpty();
    }

    @Test
    void aPbxThatIsDownOrAbsentIsNotCheckedAndNothingIsRefused() {
        PbxQueues down = main(CompletableFuture.failedFuture(new PbxUnavailableException("the AMI link to PBX main"
                + " is down")));
        assertThat(new PbxCheck(down, Duration.ofSeconds(1)).queue("400", "")).containsExactly("not checked: PBX 'main'"
                + " not connected (the AMI link to PBX main is down)");
        assertThat(PbxCheck.none().agent("PJSIP/1", List.of("400"))).containsExactly("not checked: no PBX is"
                + " configured");
    }

    @Test
    void aPbxThatDoesNotAnswerInTimeIsNotCheckedEither() {
        PbxQueues silent = main(new CompletableFuture<>());
        assertThat(new PbxCheck(silent, Duration.ofMillis(50)).queue("400", ""))
                .containsExactly("not checked: PBX 'main' did not answer within 0 s");
    }

    /** PBX "main", whose every QueueStatus gets {@code answer}. */
    private static PbxQueues main(CompletionStage<List<PbxQueue>> answer) {
        return new PbxQueues() {
            @Override
            public Set<String> pbxIds() {
                return Set.of("main");
            }

            @Override
            public CompletionStage<List<PbxQueue>> queues(String pbxId) {
                return answer;
            }
        };
    }
}
