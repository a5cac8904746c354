package io.aftercare.waits;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentView;
import io.aftercare.calls.WaitingCall;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueFloorTest {
    static final Instant T = Instant.parse("2026-11-16T09:15:00Z");

    static AgentView agent(String id, AgentState state, Map<String, Boolean> queues, String pendingPause) {
        return new AgentView("pbx1", id, id, state, "", queues, null, T, null, null, null, pendingPause);
    }

    @Test
    void countsCallersAheadAndAgentsWhoWillTakeTheNextCaller() {
        List<WaitingCall> waiting = List.of(new WaitingCall("pbx1", "1", "vip", T), new WaitingCall("pbx1", "2",
                "vip", T), new WaitingCall("pbx1", "3", "sales", T));
        List<AgentView> agents = List.of(
                agent("ready", AgentState.READY, Map.of("vip", false), ""),
                agent("ready-paused-here", AgentState.READY, Map.of("vip", true, "sales", false), ""),
                agent("talking", AgentState.ON_CALL, Map.of("vip", false), ""),
                agent("wrapping-up", AgentState.AFTER_CALL_WORK, Map.of("vip", true), ""),
                agent("lunch-next", AgentState.ON_CALL, Map.of("vip", false), "lunch"),
                agent("paused", AgentState.PAUSED, Map.of("vip", true), ""),
                agent("other-queue", AgentState.READY, Map.of("sales", false), ""));
        assertThat(QueueFloor.of("vip", waiting, agents)).isEqualTo(new QueueFloor("vip", 2, 3, 1));
        assertThat(QueueFloor.of("none", waiting, agents)).isEqualTo(new QueueFloor("none", 0, 0, 0));
    }
}
