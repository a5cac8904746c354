package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.config.AftercareConfig;
import io.aftercare.fake.FakeAmiServer;
import io.aftercare.fake.PbxChannel;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.aftercare.web.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * aftercare stopped with calls in progress, then started again against a PBX that still has some of them: those
 * it no longer has end as lost track and are never waiting; the others are tracked on to their real end.
 */
class RestartRecoveryIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Ticks in real time from a Friday 10:00 UTC, so "today" on the wallboard is that day. */
    private static final Clock CLOCK = Clock.offset(Clock.systemUTC(),
            Duration.between(Instant.now(), Instant.parse("2026-11-20T10:00:00Z")));
    private static final String REPORT = "/api/reports/queues?from=2026-11-20&to=2026-11-21&interval=day&zone=UTC"
            + "&queue=vip";
    private static final String AGENT1 = "Local/agent1@agents";
    private static final String AGENT2 = "Local/agent2@agents";

    @TempDir
    Path dir;

    private static TestApp start(TestDatabases.TestDb db, FakeAmiServer pbx) {
        return new TestApp(db, CLOCK, c -> c.withAmi(new AftercareConfig.Ami("pbx1", "127.0.0.1", pbx.port(),
                "hotline", "s3cret", Duration.ofMillis(50), Duration.ofMillis(400), c.ami().pingInterval())));
    }

    private static Map<String, ContactRecord> contacts(TestApp app) {
        return app.app().database().jdbi().withExtension(CallDao.class, d -> d.contacts(TrackingStack.FROM,
                TrackingStack.TO)).stream().collect(Collectors.toMap(ContactRecord::linkedId, Function.identity()));
    }

    private static List<SegmentRecord> segments(TestApp app) {
        return app.app().database().jdbi().withExtension(CallDao.class, d -> d.segments(TrackingStack.FROM,
                TrackingStack.TO));
    }

    private static JsonNode json(TestApp app, String path) throws Exception {
        TestApp.Reply reply = app.get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return Json.mapper().readTree(reply.body());
    }

    private static JsonNode vip(TestApp app) throws Exception {
        for (JsonNode q : json(app, "/api/wallboard").get("queues")) {
            if (q.get("queue").asText().equals("vip")) {
                return q;
            }
        }
        throw new AssertionError("no vip queue on the wallboard");
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void callsThePbxNoLongerHasAreClosedAsLostTrackAndTheOthersAreTrackedOn(String kind) throws Exception {
        try (FakeAmiServer pbx = FakeAmiServer.builder().clock(CLOCK).securityEvents(false).start()) {
            AmiScript script = new AmiScript(pbx);
            TestDatabases.TestDb db = TestDatabases.open(kind, dir);

            // The previous run: five calls in progress when it stops.
            try (TestApp before = start(new TestDatabases.TestDb(kind, db.config(), () -> {}), pbx)) {
                await().atMost(WAIT).until(() -> pbx.receivedActions("Status").size() == 1);
                for (String id : List.of("100.1", "200.1", "300.1", "400.1", "500.1")) {
                    script.newChannel(id, id, "2025550100");
                    script.join(id, id, "vip", "2025550100");
                }
                script.ring("100.1", "100.1", "vip", AGENT1);
                script.connect("100.1", "100.1", "vip", AGENT1); // talking, still up after the restart
                script.connect("400.1", "400.1", "vip", AGENT2); // talking, ends while aftercare is down
                script.ring("500.1", "500.1", "vip", "Local/agent3@agents"); // ringing, ends while down
                await().atMost(WAIT).until(() -> contacts(before).size() == 5
                        && contacts(before).get("400.1").answeredAt() != null
                        && segments(before).stream().anyMatch(s -> s.linkedId().equals("500.1")
                        && s.kind() == SegmentKind.RING));
            }
            // 200.1 (waiting) and 100.1 (talking) are still up; 300.1 (waiting), 400.1 and 500.1 are gone.
            pbx.addChannel(PbxChannel.up(AmiScript.channel("100.1"), "100.1", "100.1", "2025550100", "Queue",
                    CLOCK.instant().minusSeconds(30)).bridged("b-100"));
            pbx.addChannel(PbxChannel.up(AmiScript.channel("200.1"), "200.1", "200.1", "2025550100", "Queue",
                    CLOCK.instant().minusSeconds(30)));

            try (TestApp app = start(db, pbx)) {
                TestApp sue = app.as(app.signIn("sue", "supervisor", null));
                await().atMost(WAIT).untilAsserted(() -> assertThat(contacts(app).get("300.1").outcome())
                        .isEqualTo(Outcome.LOST_TRACK));
                await().atMost(WAIT).until(() -> contacts(app).values().stream().filter(c -> c.endedAt() != null)
                        .count() == 3);
                Map<String, ContactRecord> calls = contacts(app);
                assertThat(calls.get("300.1").lostTrack()).isTrue();
                assertThat(calls.get("300.1").endedAt()).isEqualTo(calls.get("300.1").queuedAt()); // last known
                assertThat(calls.get("500.1").outcome()).isEqualTo(Outcome.LOST_TRACK);
                assertThat(calls.get("400.1").outcome()).isEqualTo(Outcome.ANSWERED); // answered; its end unseen
                assertThat(calls.get("400.1").lostTrack()).isTrue();
                assertThat(calls.get("100.1").outcome()).isEqualTo(Outcome.OPEN);
                assertThat(calls.get("200.1").outcome()).isEqualTo(Outcome.OPEN);
                assertThat(segments(app)).filteredOn(s -> List.of("300.1", "400.1", "500.1").contains(s.linkedId()))
                        .isNotEmpty().allSatisfy(s -> assertThat(s.endedAt()).isNotNull());

                // Waiting: only 200.1, live and in the stored figures; the lost ones are counted apart.
                await().atMost(WAIT).until(() -> vip(sue).at("/today/calls/lostTrack").asInt() == 2);
                JsonNode vip = vip(sue);
                assertThat(vip.get("waiting").asInt()).isEqualTo(1);
                assertThat(vip.at("/today/calls/waiting").asInt()).isEqualTo(1);
                assertThat(vip.at("/today/calls/answered").asInt()).isEqualTo(2);
                assertThat(vip.at("/today/calls/abandoned").asInt()).isZero();
                JsonNode day = json(sue, REPORT).get(0).get("calls");
                assertThat(day.get("offered").asInt()).isEqualTo(5);
                assertThat(day.get("waiting").asInt()).isEqualTo(1);
                assertThat(day.get("lostTrack").asInt()).isEqualTo(2);
                assertThat(day.get("abandoned").asInt() + day.get("shortAbandoned").asInt()).isZero();
                assertThat(day.get("handled").asInt()).isZero(); // 400.1's talk time is unknown: not in AHT

                // The calls still up are tracked on to their real end.
                script.connect("200.1", "200.1", "vip", AGENT2);
                script.complete("200.1", "200.1", "vip", AGENT2);
                script.hangup("200.1", "200.1");
                script.complete("100.1", "100.1", "vip", AGENT1);
                script.hangup("100.1", "100.1");
                await().atMost(WAIT).until(() -> contacts(app).values().stream().allMatch(c -> c.endedAt() != null));
                calls = contacts(app);
                for (String id : List.of("100.1", "200.1")) {
                    assertThat(calls.get(id).outcome()).isEqualTo(Outcome.ANSWERED);
                    assertThat(calls.get(id).lostTrack()).isFalse();
                }
                // the agent who was talking when aftercare stopped gets after-call work when the call ends
                await().atMost(WAIT).until(() -> segments(app).stream().anyMatch(s -> s.linkedId().equals("100.1")
                        && s.kind() == SegmentKind.WRAPUP && s.agent().equals(AGENT1)));
                day = json(sue, REPORT).get(0).get("calls");
                assertThat(day.get("waiting").asInt()).isZero();
                assertThat(day.get("answered").asInt()).isEqualTo(3);
                assertThat(day.get("lostTrack").asInt()).isEqualTo(2);
                await().atMost(WAIT).until(() -> vip(sue).at("/today/calls/waiting").asInt() == 0);
                assertThat(vip(sue).get("waiting").asInt()).isZero();
            }
        }
    }
}
