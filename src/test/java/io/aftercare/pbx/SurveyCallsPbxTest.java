package io.aftercare.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftercare.config.ConfigLoader;
import io.aftercare.pbx.PbxWorld.ContactRow;
import io.aftercare.web.Json;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;

/**
 * Satisfaction surveys placed by aftercare's own dialer through a real Asterisk 22 running the project's dialplan
 * (`[aftercare-survey]` and the survey FastAGI script), to customers' phones that are Local channels in the test's
 * {@code [customer-test]} context: each call is an outbound survey contact with the outcome Asterisk gave its
 * Originate, never an inbound call, and no queue figure moves.
 */
@Tag("pbx") // the real-PBX suite: the surefire execution "pbx", after the others (pom.xml)
class SurveyCallsPbxTest {
    private static final Duration SETTLE = Duration.ofSeconds(45);
    @RegisterExtension
    static final PbxSuite SUITE = new PbxSuite(config -> config.withSurveys(ConfigLoader.load(Optional.empty(),
            Map.of("AFTERCARE_SURVEYS_CHANNEL_TEMPLATE", "Local/${digits}@customer-test",
                    "AFTERCARE_SURVEYS_WINDOW_DEFAULT", "Mon-Sun 00:00-23:59:59",
                    "AFTERCARE_SURVEYS_WINDOW_COUNTRIES", "", "AFTERCARE_SURVEYS_HOLIDAYS", "",
                    "AFTERCARE_SURVEYS_AFTERSALES_DELAY_MINUTES", "0", "AFTERCARE_SURVEYS_MAX_ATTEMPTS", "1",
                    "AFTERCARE_SURVEYS_TICK_MS", "200")).surveys()));

    @Test
    void surveysTheDialerPlacesAreOutboundContactsWithTheirOriginatesOutcomeAndNoQueueFigureMoves() {
        PbxWorld world = SUITE.world();
        RealPbx pbx = world.pbx();
        List<JsonNode> reportBefore = queueCalls(world);
        int warnings = pbx.warnings().size();

        long answers = survey(world, world.customer("Sue Survey", "standard", "+12125550160"));
        long busy = survey(world, world.customer("Bea Busy", "standard", "+12125550161"));
        long away = survey(world, world.customer("Nat Noanswer", "standard", "+12125550162"));

        // Asterisk's own word: the Originate's ChannelId (aftercare's originate id) is the call's Uniqueid
        String answered = "survey-" + answers + "-1";
        String busyCall = "survey-" + busy + "-1";
        String unanswered = "survey-" + away + "-1";
        assertThat(originateReason(pbx, answered)).isEqualTo("4");
        assertThat(originateReason(pbx, busyCall)).isEqualTo("5");
        assertThat(originateReason(pbx, unanswered)).isEqualTo("3");
        assertThat(pbx.channelsOf(answered)).containsExactly(answered, answered + ";2");

        await().atMost(SETTLE).until(() -> jobStates(world, answers, busy, away),
                s -> s.equals(List.of("completed", "busy", "no_answer")));
        assertThat(world.rows("SELECT csat, nps, resolved, opted_out FROM survey_answers WHERE job_id = ?", answers))
                .singleElement().satisfies(a -> {
                    assertThat(((Number) a.get("csat")).intValue()).isEqualTo(4);
                    assertThat(((Number) a.get("nps")).intValue()).isEqualTo(9);
                    assertThat(a.get("resolved")).isIn(true, 1, 1L);
                    assertThat(a.get("opted_out")).isIn(false, 0, 0L);
                });

        ContactRow surveyed = world.endedContact(answered);
        assertThat(surveyed.outcome()).isEqualTo("answered");
        assertThat(surveyed.answeredAt()).isNotNull();
        assertThat(surveyed.queue()).isNull();
        assertThat(surveyed.queuedAt()).isNull();
        assertThat(surveyed.endedAt() - surveyed.answeredAt()).as("the survey's questions were asked")
                .isGreaterThan(15_000);
        assertThat(world.endedContact(busyCall).outcome()).isEqualTo("busy");
        assertThat(world.endedContact(unanswered).outcome()).isEqualTo("no_answer");
        assertThat(world.rows("SELECT linkedid, kind FROM contacts ORDER BY linkedid")).containsExactlyInAnyOrder(
                Map.of("linkedid", answered, "kind", "survey"), Map.of("linkedid", busyCall, "kind", "survey"),
                Map.of("linkedid", unanswered, "kind", "survey"));
        assertThat(world.segments(answered)).isEmpty();

        assertThat(pbx.queueLog()).extracting(QueueLogEntry::event).containsOnly("QUEUESTART"); // no call queued
        assertThat(queueCalls(world)).isEqualTo(reportBefore);
        JsonNode board = PbxWorld.json(world.app().get("/api/wallboard").body());
        assertThat(board.path("queues")).isNotEmpty().allSatisfy(q -> {
            assertThat(q.path("waiting").asInt()).isZero();
            assertThat(q.path("today").path("calls").path("offered").asLong()).isZero();
        });
        assertThat(pbx.warnings().subList(warnings, pbx.warnings().size())).isEmpty();
    }

    /** Posts an after-sales event for the customer, which schedules a survey due now; returns its job id. */
    private static long survey(PbxWorld world, long customer) {
        var reply = world.app().post("/api/aftersales-events", Json.write(Map.of("type", "order_delivered",
                "customerId", customer)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode job = PbxWorld.json(reply.body()).path("jobId");
        assertThat(job.isNumber()).as(reply.body()).isTrue();
        return job.asLong();
    }

    private static List<String> jobStates(PbxWorld world, long... jobs) {
        List<String> states = new ArrayList<>();
        for (long job : jobs) {
            states.add((String) world.rows("SELECT state FROM survey_jobs WHERE id = ?", job).get(0).get("state"));
        }
        return states;
    }

    /** The Reason of the OriginateResponse Asterisk sent for the call, once it has. */
    private static String originateReason(RealPbx pbx, String uniqueId) {
        return await().atMost(SETTLE).until(() -> pbx.events().stream()
                        .filter(e -> e.type().equals("OriginateResponse") && e.getOrEmpty("Uniqueid").equals(uniqueId))
                        .map(e -> e.getOrEmpty("Reason")).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Today's queue report, the call figures of each queue. */
    private static List<JsonNode> queueCalls(PbxWorld world) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        var reply = world.app().get("/api/reports/queues?from=" + today + "&to=" + today.plusDays(1)
                + "&interval=day");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<JsonNode> calls = new ArrayList<>();
        PbxWorld.json(reply.body()).forEach(row -> calls.add(row.path("calls")));
        return calls;
    }
}
