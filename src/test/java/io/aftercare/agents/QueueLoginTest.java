package io.aftercare.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.agents.QueueLogin.Join;
import io.aftercare.core.ForbiddenException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueLoginTest {
    private static final AgentProfile ANN = new AgentProfile(1, "1001", "Ann", "Local/1001@from-queue/n",
            "PJSIP/1001", "en", List.of(new Assignment("400", 0), new Assignment("401", 3)));

    @Test
    void anAgentJoinsAssignedQueuesWithTheirPenaltyNameAndStateInterface() {
        assertThat(QueueLogin.plan(List.of("401", "400"), Optional.of(ANN), false, null, null)).containsExactly(
                new Join("401", 3, "Ann", "PJSIP/1001"), new Join("400", 0, "Ann", "PJSIP/1001"));
        assertThat(QueueLogin.plan(List.of("400"), Optional.of(ANN), false, "Ann B", "Custom:ann")).containsExactly(
                new Join("400", 0, "Ann B", "Custom:ann"));
    }

    @Test
    void anAgentIsRefusedAQueueNotAssignedAndEveryQueueWhenNoneIs() {
        assertThatThrownBy(() -> QueueLogin.plan(List.of("400", "500"), Optional.of(ANN), false, null, null))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("you may log in only to the queues assigned to you (400, 401); not assigned: 500");
        AgentProfile none = new AgentProfile(2, "1002", "Bo", "PJSIP/1002", "", "en", List.of());
        assertThatThrownBy(() -> QueueLogin.plan(List.of("400"), Optional.of(none), false, null, null))
                .hasMessageStartingWith("no queue is assigned to you");
    }

    @Test
    void aSupervisorPutsAnyoneInAnyQueueWithPenaltyZeroWhereNotAssigned() {
        assertThat(QueueLogin.plan(List.of("500", "401"), Optional.of(ANN), true, null, null)).containsExactly(
                new Join("500", 0, "Ann", "PJSIP/1001"), new Join("401", 3, "Ann", "PJSIP/1001"));
        assertThat(QueueLogin.plan(List.of("500"), Optional.empty(), true, null, null)).containsExactly(
                new Join("500", 0, "", ""));
    }
}
