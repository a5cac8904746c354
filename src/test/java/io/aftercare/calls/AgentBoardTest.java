package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.agents.AfterCallWorkPolicy;
import io.aftercare.telephony.AgentCommands;
import io.aftercare.telephony.events.PbxEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * After-call work pauses and unpauses only the queues the agent was ready in; other pauses are never touched. The
 * board decides, {@link AfterCallWorkPolicy} sends the commands.
 */
class AgentBoardTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String AGENT = "Local/agent1@agents";

    /** The QueuePause actions the board sends, as "queue paused reason". */
    private final List<String> pauses = new ArrayList<>();
    private final AgentCommands commands = new AgentCommands() {
        @Override
        public CompletionStage<Void> add(String pbxId, String queue, String iface, String memberName,
                                         String stateInterface, int penalty, boolean paused, String reason) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> pause(String pbxId, String queue, String iface, boolean paused, String reason) {
            pauses.add((queue.isEmpty() ? "*" : queue) + " " + paused + " " + reason);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> remove(String pbxId, String queue, String iface) {
            return CompletableFuture.completedFuture(null);
        }
    };
    private final TrackingSink sink = new TrackingSink() {
        @Override
        public void contact(ContactRecord contact) {
        }

        @Override
        public void segment(SegmentRecord segment) {
        }

        @Override
        public void agentState(AgentStateChange change) {
            states.add(change.state() + (change.reason().isEmpty() ? "" : ":" + change.reason()));
        }
    };
    /** The agent's states as logged, "state" or "state:reason". */
    private final List<String> states = new ArrayList<>();
    /** The board's after-call-work decisions, carried out as in production. */
    private final AfterCallWorkPolicy acw = new AfterCallWorkPolicy(commands);
    private final AgentBoard board = new AgentBoard(sink, acw, Clock.fixed(T0, ZoneOffset.UTC), q -> QueueTiming.DEFAULT);

    private void member(String queue, boolean paused, String reason) {
        board.on(new PbxEvent.MemberPaused("pbx1", T0, queue, AGENT, "Agent One", paused, reason));
    }

    private void callAndComplete() {
        board.connected("pbx1", AGENT, "100.1", T0);
        board.completed("pbx1", AGENT, "100.1", "vip", T0);
        member("vip", true, AgentBoard.ACW);
        member("repairs", true, AgentBoard.ACW);
    }

    private String pendingPause() {
        return board.views().get(0).pendingPause();
    }

    @Test
    void aPauseAskedDuringTheCallShowsAsPendingUntilItStarts() {
        member("vip", false, "");
        member("repairs", false, "");
        board.connected("pbx1", AGENT, "100.1", T0);
        assertThat(pendingPause()).isEmpty();
        member("vip", true, "lunch");
        assertThat(pendingPause()).as("still ready in repairs: no pause pending").isEmpty();
        member("repairs", true, "lunch");
        assertThat(pendingPause()).isEqualTo("lunch");
        board.completed("pbx1", AGENT, "100.1", "vip", T0);
        assertThat(pendingPause()).as("after-call work: the pause still waits").isEqualTo("lunch");
        assertThat(board.dispose("pbx1", AGENT, T0.plusSeconds(30))).isTrue();
        assertThat(board.views().get(0).state()).isEqualTo(AgentState.PAUSED);
        assertThat(pendingPause()).as("the pause has started").isEmpty();
    }

    @Test
    void anAgentWhoWasReadyIsUnpausedEverywhereAfterAfterCallWork() {
        member("vip", false, "");
        member("repairs", false, "");
        callAndComplete();
        assertThat(board.dispose("pbx1", AGENT, T0.plusSeconds(30))).isTrue();
        assertThat(pauses).containsExactly("* true acw", "* false ");
    }

    @Test
    void aPauseTheAgentAskedForDuringTheCallIsNeitherOverwrittenNorEnded() {
        member("vip", false, "");
        member("repairs", false, "");
        board.connected("pbx1", AGENT, "100.1", T0);
        member("vip", true, "lunch"); // asked for on the desktop while talking
        member("repairs", true, "lunch");
        board.completed("pbx1", AGENT, "100.1", "vip", T0);
        assertThat(board.views().get(0).state()).isEqualTo(AgentState.AFTER_CALL_WORK);
        assertThat(board.dispose("pbx1", AGENT, T0.plusSeconds(30))).isTrue();
        assertThat(pauses).isEmpty();
        assertThat(board.views().get(0).state()).isEqualTo(AgentState.PAUSED);
    }

    @Test
    void onlyTheQueuesTheAgentWasReadyInArePausedForAfterCallWorkAndUnpausedAfter() {
        member("vip", true, "training");
        member("repairs", false, "");
        board.connected("pbx1", AGENT, "100.1", T0);
        board.completed("pbx1", AGENT, "100.1", "vip", T0);
        member("repairs", true, AgentBoard.ACW);
        board.expireWrapups(); // the clock is fixed at T0: not yet
        assertThat(board.dispose("pbx1", AGENT, T0.plusSeconds(30))).isTrue();
        assertThat(pauses).containsExactly("repairs true acw", "repairs false ");
    }

    @Test
    void aPauseSetInAsteriskDuringAfterCallWorkEndsItAndStays() {
        member("vip", false, "");
        member("repairs", false, "");
        callAndComplete();
        member("vip", true, "meeting"); // a supervisor, in Asterisk
        assertThat(board.dispose("pbx1", AGENT, T0.plusSeconds(30))).isFalse(); // after-call work was over
        assertThat(pauses).containsExactly("* true acw");
    }

    @Test
    void aCallOfTheirOwnDuringAfterCallWorkKeepsItsAcwPausesWhichTheNextAfterCallWorkLifts() {
        member("vip", false, "");
        member("repairs", false, "");
        callAndComplete();
        board.connected("pbx1", AGENT, "click_to_call-1-1", T0.plusSeconds(5)); // a click-to-call while wrapping up
        assertThat(board.views().get(0).state()).isEqualTo(AgentState.ON_CALL);
        board.completed("pbx1", AGENT, "click_to_call-1-1", "", T0.plusSeconds(40));
        assertThat(board.dispose("pbx1", AGENT, T0.plusSeconds(50))).isTrue();
        assertThat(pauses).as("the acw pauses outlast the call of their own and are lifted as its after-call work ends")
                .containsExactly("* true acw", "* true acw", "* false ");
        assertThat(board.views().get(0).state()).isEqualTo(AgentState.READY);
    }

    @Test
    void aDispositionBeforeTheAcwPauseIsConfirmedStillUnpauses() {
        member("vip", false, "");
        member("repairs", false, "");
        board.connected("pbx1", AGENT, "100.1", T0);
        board.completed("pbx1", AGENT, "100.1", "vip", T0);
        assertThat(board.dispose("pbx1", AGENT, T0.plusSeconds(2))).isTrue();
        assertThat(pauses).containsExactly("* true acw", "* false ");
    }

    @Test
    void afterCallWorkLeftOpenByAPreviousRunGoesOnAndEndsByUnpausingOnlyItsAcwQueues() {
        List<SegmentRecord> stored = new ArrayList<>();
        AgentBoard restarted = new AgentBoard(new TrackingSink() {
            @Override
            public void contact(ContactRecord contact) {
            }

            @Override
            public void segment(SegmentRecord segment) {
                stored.add(segment);
            }

            @Override
            public void agentState(AgentStateChange change) {
            }
        }, acw, Clock.fixed(T0.plusSeconds(70), ZoneOffset.UTC), q -> QueueTiming.DEFAULT);
        SegmentRecord older = new SegmentRecord("pbx1", "98.1", SegmentKind.WRAPUP, AGENT, "vip", T0.minusSeconds(600),
                null);
        SegmentRecord latest = new SegmentRecord("pbx1", "99.1", SegmentKind.WRAPUP, AGENT, "vip", T0, null);
        restarted.restoreWrapups(List.of(older, latest), Set.of("pbx1"));
        restarted.expireWrapups(); // past its timeout, but the PBX has not said where the agent is paused yet
        assertThat(pauses).isEmpty();

        restarted.resync("pbx1", List.of(
                new PbxEvent.MemberStatus("pbx1", T0, "vip", AGENT, "Agent One", 1, true, AgentBoard.ACW, false, true),
                new PbxEvent.MemberStatus("pbx1", T0, "repairs", AGENT, "Agent One", 1, true, "lunch", false, true)),
                T0.plusSeconds(70));
        assertThat(restarted.views().get(0).state()).isEqualTo(AgentState.AFTER_CALL_WORK);
        restarted.expireWrapups();
        assertThat(pauses).containsExactly("vip false ");
        assertThat(stored).containsExactly(older.closedAt(T0.minusSeconds(540)), latest.closedAt(T0.plusSeconds(60)));
    }

    @Test
    void anAgentGoesFromAfterCallWorkStraightToReadyNotThroughPausedAcw() {
        member("vip", false, "");
        member("repairs", false, "");
        callAndComplete();
        board.dispose("pbx1", AGENT, T0.plusSeconds(30));
        member("vip", false, ""); // Asterisk confirms the unpause a few milliseconds later
        member("repairs", false, "");
        assertThat(states).endsWith("ON_CALL", "AFTER_CALL_WORK", "READY").noneMatch(s -> s.startsWith("PAUSED"));
    }

    @Test
    void anAgentPausedInAnotherQueueGoesFromAfterCallWorkStraightToReadyWhereTheyWereReady() {
        member("vip", false, "");
        member("repairs", true, "lunch");
        board.connected("pbx1", AGENT, "100.1", T0);
        board.completed("pbx1", AGENT, "100.1", "vip", T0);
        member("vip", true, AgentBoard.ACW); // every queue paused now, one for after-call work
        board.dispose("pbx1", AGENT, T0.plusSeconds(30));
        member("vip", false, "");
        assertThat(pauses).containsExactly("vip true acw", "vip false ");
        assertThat(states).endsWith("ON_CALL", "AFTER_CALL_WORK", "READY").doesNotContain("PAUSED:acw");
    }

    @Test
    void anAgentMayBeRungBeforeAQueueOnlyWhenLoggedInToItUnpausedAndFree() {
        assertThat(board.busyReason("pbx1", AGENT, "vip")).contains("not logged in to vip");
        member("vip", false, "");
        member("repairs", true, "lunch");
        assertThat(board.busyReason("pbx1", AGENT, "vip")).isEmpty();
        assertThat(board.busyReason("pbx1", AGENT, "repairs")).contains("paused in repairs (lunch)");
        assertThat(board.busyReason("pbx2", AGENT, "vip")).as("another PBX's agent").contains("not logged in to vip");

        board.ringing("pbx1", AGENT, "", true, T0);
        assertThat(board.busyReason("pbx1", AGENT, "vip")).contains("ringing");
        board.connected("pbx1", AGENT, "100.1", T0);
        assertThat(board.busyReason("pbx1", AGENT, "vip")).contains("on a call");
        board.completed("pbx1", AGENT, "100.1", "vip", T0);
        assertThat(board.busyReason("pbx1", AGENT, "vip")).contains("in after-call work");
        board.dispose("pbx1", AGENT, T0);
        assertThat(board.busyReason("pbx1", AGENT, "vip")).isEmpty();
    }

    @Test
    void anAgentWhosePhoneIsInUseOrUnreachableIsNotRungBeforeTheQueue() {
        member("vip", false, "");
        for (int status : new int[] {2, 3, 6, 7, 8}) { // INUSE, BUSY, RINGING, RINGINUSE, ONHOLD
            board.on(new PbxEvent.MemberStatus("pbx1", T0, "vip", AGENT, "Agent One", status, false, "", false, false));
            assertThat(board.busyReason("pbx1", AGENT, "vip")).as("status " + status).contains("phone in use");
        }
        board.on(new PbxEvent.MemberStatus("pbx1", T0, "vip", AGENT, "Agent One", 5, false, "", false, false));
        assertThat(board.busyReason("pbx1", AGENT, "vip")).contains("phone unavailable");
        board.on(new PbxEvent.MemberStatus("pbx1", T0, "vip", AGENT, "Agent One", 1, false, "", false, false));
        assertThat(board.busyReason("pbx1", AGENT, "vip")).isEmpty();
    }
}
