package io.aftercare.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.calls.AgentState;
import io.aftercare.calls.AgentStateChange;
import io.aftercare.calls.CallDao;
import io.aftercare.calls.ContactRecord;
import io.aftercare.calls.Outcome;
import io.aftercare.calls.SegmentKind;
import io.aftercare.calls.SegmentRecord;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.ContactKind;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MetricsLoaderIntegrationTest {
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    static java.util.stream.Stream<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void storedCallsLoadWithTheirCustomerAndGiveTheDictionaryFigures(String kind) {
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); Database database = Database.open(db.config())) {
            database.migrate();
            var jdbi = database.jdbi();
            jdbi.useHandle(h -> {
                ann(h, "+12025550100", "+13125550199");
                h.execute("INSERT INTO queues (name, service_level_seconds, short_abandon_seconds) VALUES ('vip', 10, 2)"
                        + " ON CONFLICT (name) DO UPDATE SET service_level_seconds = 10, short_abandon_seconds = 2");
            });
            // Two calls from two numbers of the same customer, one abandoned call, one agent state history.
            jdbi.useExtension(CallDao.class, dao -> {
                dao.upsertContacts(List.of(
                        contact("L1", "2025550100", "+12025550100", 0, 8L, 100, Outcome.ANSWERED),
                        contact("L2", "3125550199", "+13125550199", 3600, null, 3604, Outcome.SHORT_ABANDON),
                        contact("L3", "9999", null, 7200, 7230L, 7300, Outcome.ANSWERED)));
                dao.upsertContacts(List.of( // written again as the call progresses: the customer stays
                        contact("L1", "2025550100", "+12025550100", 0, 8L, 100, Outcome.ANSWERED)));
                dao.upsertSegments(List.of(
                        seg("L1", SegmentKind.QUEUE, "", 0, 8), seg("L1", SegmentKind.TALK, "a1", 8, 60),
                        seg("L1", SegmentKind.HOLD, "a1", 60, 80), seg("L1", SegmentKind.TALK, "a1", 80, 100),
                        seg("L1", SegmentKind.WRAPUP, "a1", 100, 130), seg("L2", SegmentKind.QUEUE, "", 3600, 3604),
                        seg("L3", SegmentKind.QUEUE, "", 7200, 7230), seg("L3", SegmentKind.TALK, "a1", 7230, 7300)));
                dao.insertAgentStates(List.of(state(-60, AgentState.READY), state(8, AgentState.ON_CALL),
                        state(100, AgentState.AFTER_CALL_WORK), state(130, AgentState.READY)));
            });
            MetricsLoader loader = new MetricsLoader(jdbi);
            Instant from = T0;
            Instant to = T0.plus(Duration.ofHours(1));
            List<CallFacts> hour = CallMetrics.offeredIn(loader.calls(from, to), from, to);
            assertThat(hour).extracting(CallFacts::linkedId).containsExactly("L1");
            CallFacts l1 = hour.get(0);
            assertThat(l1.customerId()).isNotNull();
            assertThat(l1.handling()).singleElement().satisfies(h -> {
                assertThat(h.talk()).isEqualTo(Duration.ofSeconds(72));
                assertThat(h.hold()).isEqualTo(Duration.ofSeconds(20));
                assertThat(h.wrapup()).isEqualTo(Duration.ofSeconds(30));
            });
            QueueRules rules = loader.rules();
            QueueFigures f = CallMetrics.queue(hour, rules);
            assertThat(f.answered()).isEqualTo(1);
            assertThat(f.asaMillis()).isEqualTo(8_000);
            assertThat(f.serviceLevelAnswered()).isEqualTo(1.0); // 8 s within vip's 10 s
            assertThat(f.ahtMillis()).isEqualTo(122_000);

            // The other number of the same customer calls back within the week: not resolved at first contact.
            List<CallFacts> withFollowUps = loader.callsWithFollowUps(from, to, FirstContactResolution.DEFAULT_WINDOW);
            assertThat(withFollowUps.stream().filter(c -> c.linkedId().equals("L2")).findFirst().orElseThrow()
                    .customerId()).isEqualTo(l1.customerId());
            // L2 was stored as a short abandon, but 4 s is over vip's 2 s limit: an abandon, so a repeat contact
            var fcr = FirstContactResolution.of(hour, withFollowUps, rules, FirstContactResolution.DEFAULT_WINDOW,
                    T0.plus(Duration.ofDays(30)));
            assertThat(fcr.repeated()).isEqualTo(1);

            var occupancy = Occupancy.of(loader.agentStates(from, to), from, to, Instant.MAX);
            assertThat(occupancy.get("pbx1/a1").handlingMillis()).isEqualTo(122_000);
            assertThat(occupancy.get("pbx1/a1").availableMillis()).isEqualTo(3_600_000);
        }
    }

    /**
     * Calls aftercare placed are in no queue figure, even a callback that joined a queue, and are no repeat contact
     * for FCR; stored with the outcomes of their Originate on both databases.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void outboundCallsAreInNoQueueFigureNorFirstContactResolution(String kind) {
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); Database database = Database.open(db.config())) {
            database.migrate();
            var jdbi = database.jdbi();
            jdbi.useHandle(h -> ann(h, "+12025550100"));
            ContactRecord callback = contact("callback-7-1", "2025550100", "+12025550100", 600, 610L, 700,
                    Outcome.ANSWERED);
            jdbi.useExtension(CallDao.class, dao -> {
                dao.upsertContacts(List.of(
                        contact("L1", "2025550100", "+12025550100", 0, 8L, 100, Outcome.ANSWERED),
                        outbound(callback, ContactKind.CALLBACK, Outcome.ANSWERED),
                        outbound(contact("survey-8-1", "2025550100", "+12025550100", 900, null, 930, Outcome.OPEN),
                                ContactKind.SURVEY, Outcome.BUSY),
                        outbound(contact("survey-8-2", null, null, 1200, null, 1215, Outcome.OPEN),
                                ContactKind.SURVEY, Outcome.NO_ANSWER),
                        outbound(contact("survey-8-3", null, null, 1500, null, 1500, Outcome.OPEN),
                                ContactKind.SURVEY, Outcome.FAILED)));
                dao.upsertSegments(List.of(seg("L1", SegmentKind.QUEUE, "", 0, 8), seg("L1", SegmentKind.TALK, "a1", 8,
                        100), seg("callback-7-1", SegmentKind.QUEUE, "", 600, 610),
                        seg("callback-7-1", SegmentKind.TALK, "a1", 610, 700)));
            });
            List<ContactRecord> stored = jdbi.withExtension(CallDao.class, dao -> dao.contacts(T0.minusSeconds(60),
                    T0.plusSeconds(3600)));
            assertThat(stored).extracting(c -> c.linkedId() + " " + c.kind().code() + " " + c.outcome().code())
                    .containsExactly("L1 inbound answered", "callback-7-1 callback answered",
                            "survey-8-1 survey busy", "survey-8-2 survey no_answer", "survey-8-3 survey failed");

            MetricsLoader loader = new MetricsLoader(jdbi);
            Instant from = T0;
            Instant to = T0.plus(Duration.ofHours(1));
            List<CallFacts> hour = CallMetrics.offeredIn(loader.calls(from, to), from, to);
            assertThat(hour).extracting(CallFacts::linkedId).containsExactly("L1");
            assertThat(CallMetrics.queue(hour, loader.rules()).answered()).isEqualTo(1);
            List<CallFacts> withFollowUps = loader.callsWithFollowUps(from, to, FirstContactResolution.DEFAULT_WINDOW);
            assertThat(withFollowUps).extracting(CallFacts::linkedId).containsExactly("L1");
            var fcr = FirstContactResolution.of(hour, withFollowUps, loader.rules(),
                    FirstContactResolution.DEFAULT_WINDOW, T0.plus(Duration.ofDays(30)));
            assertThat(fcr.resolved()).isEqualTo(1);
            assertThat(fcr.repeated()).isZero();
        }
    }

    /**
     * More calls and customers than one statement's key list holds: every call of the interval comes with all its
     * segments, and the follow-ups of the customers it answered (only those) with their queue wait only.
     */
    @ParameterizedTest
    @MethodSource("kinds")
    void callsAndFollowUpsLoadCompletelyAcrossKeyChunks(String kind) {
        int n = CallReader.CHUNK * 2 + 7;
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); Database database = Database.open(db.config())) {
            database.migrate();
            database.jdbi().useHandle(h -> {
                var contacts = h.prepareBatch("INSERT INTO contacts (pbx_id, linkedid, queue, entered_at, queued_at,"
                        + " answered_at, dequeued_at, ended_at, outcome, customer_id, reason_code)"
                        + " VALUES ('pbx1', :id, 'vip', :q, :q, :a, :d, :e, :outcome, :customer, 'repair')");
                var segments = h.prepareBatch("INSERT INTO segments (pbx_id, linkedid, kind, agent, queue, started_at,"
                        + " ended_at) VALUES ('pbx1', :id, :kind, :agent, 'vip', :from, :to)");
                for (int i = 0; i < n; i++) {
                    long q = T0.plusSeconds(i).toEpochMilli();
                    boolean answered = i % 10 != 0; // one in ten abandoned: its customer is not followed up
                    contacts.bind("id", "D" + i).bind("q", q).bind("a", answered ? q + 5_000 : null)
                            .bind("d", q + 5_000).bind("e", q + 65_000)
                            .bind("outcome", answered ? "answered" : "abandoned").bind("customer", (long) i).add();
                    segments.bind("id", "D" + i).bind("kind", "queue").bind("agent", "").bind("from", q)
                            .bind("to", q + 5_000).add();
                    if (answered) {
                        segments.bind("id", "D" + i).bind("kind", "talk").bind("agent", "a1").bind("from", q + 5_000)
                                .bind("to", q + 65_000).add();
                    }
                    long later = T0.plus(Duration.ofDays(2)).plusSeconds(i).toEpochMilli(); // each calls back
                    contacts.bind("id", "F" + i).bind("q", later).bind("a", later + 1_000).bind("d", later + 1_000)
                            .bind("e", later + 9_000).bind("outcome", "answered").bind("customer", (long) i).add();
                    segments.bind("id", "F" + i).bind("kind", "queue").bind("agent", "").bind("from", later)
                            .bind("to", later + 1_000).add();
                    segments.bind("id", "F" + i).bind("kind", "talk").bind("agent", "a2").bind("from", later + 1_000)
                            .bind("to", later + 9_000).add();
                }
                contacts.execute();
                segments.execute();
            });
            MetricsLoader loader = new MetricsLoader(database.jdbi());
            Instant from = T0;
            Instant to = T0.plus(Duration.ofDays(1));
            List<CallFacts> day = loader.calls(from, to);
            assertThat(day).extracting(CallFacts::linkedId).hasSize(n).allMatch(id -> id.startsWith("D"));
            assertThat(day).filteredOn(CallFacts::answered).hasSize(n - (n + 9) / 10)
                    .allSatisfy(c -> assertThat(c.handling()).singleElement()
                            .satisfies(h -> assertThat(h.talk()).isEqualTo(Duration.ofMinutes(1))));
            assertThat(day).allSatisfy(c -> assertThat(c.offeredAt()).isEqualTo(T0.plusSeconds(
                    Long.parseLong(c.linkedId().substring(1)))));

            List<CallFacts> withFollowUps = loader.callsWithFollowUps(from, to, FirstContactResolution.DEFAULT_WINDOW);
            List<CallFacts> followUps = withFollowUps.subList(n, withFollowUps.size());
            assertThat(followUps).extracting(CallFacts::linkedId)
                    .containsExactlyInAnyOrderElementsOf(day.stream().filter(CallFacts::answered)
                            .map(c -> "F" + c.linkedId().substring(1)).toList());
            assertThat(followUps).allSatisfy(c -> assertThat(c.handling()).isEmpty()); // queue wait only
            var fcr = FirstContactResolution.of(day, withFollowUps, loader.rules(),
                    FirstContactResolution.DEFAULT_WINDOW, T0.plus(Duration.ofDays(30)));
            assertThat(fcr.repeated()).isEqualTo(n - (n + 9) / 10);
        }
    }

    static ContactRecord contact(String linkedId, String raw, String e164, long queued, Long answered, long ended,
                                 Outcome outcome) {
        Instant q = T0.plusSeconds(queued);
        Instant a = answered == null ? null : T0.plusSeconds(answered);
        return new ContactRecord("pbx1", linkedId, raw, e164, null, "vip", a == null ? null : "a1",
                q.minusSeconds(5), q, a, a == null ? T0.plusSeconds(ended) : a, T0.plusSeconds(ended), outcome, false,
                null, null, ContactKind.INBOUND);
    }

    /** The customer Ann with these numbers. */
    static void ann(org.jdbi.v3.core.Handle h, String... numbers) {
        h.execute("INSERT INTO customers (name, created_at, updated_at) VALUES ('Ann', 0, 0)");
        long ann = h.createQuery("SELECT id FROM customers").mapTo(Long.class).one();
        for (String number : numbers) {
            h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES (?, ?, 0)", number, ann);
        }
    }

    static ContactRecord outbound(ContactRecord c, ContactKind kind, Outcome outcome) {
        return new ContactRecord(c.pbxId(), c.linkedId(), c.callerRaw(), c.callerE164(), c.callerName(),
                kind == ContactKind.SURVEY ? null : c.queue(), c.answeredBy(), c.enteredAt(),
                kind == ContactKind.SURVEY ? null : c.queuedAt(), c.answeredAt(), c.dequeuedAt(), c.endedAt(), outcome,
                false, null, null, kind);
    }

    static SegmentRecord seg(String linkedId, SegmentKind kind, String agent, long from, long to) {
        return new SegmentRecord("pbx1", linkedId, kind, agent, "vip", T0.plusSeconds(from), T0.plusSeconds(to));
    }

    static AgentStateChange state(long at, AgentState state) {
        return new AgentStateChange("pbx1", "a1", "Agent", state, "", "vip", T0.plusSeconds(at));
    }
}
