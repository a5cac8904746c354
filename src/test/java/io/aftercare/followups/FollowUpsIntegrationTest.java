package io.aftercare.followups;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.callbacks.CallbackDao;
import io.aftercare.callbacks.CallbackRequest;
import io.aftercare.callbacks.CallbackRequests;
import io.aftercare.callbacks.CallbackSource;
import io.aftercare.callbacks.Callbacks;
import io.aftercare.calls.CallDao;
import io.aftercare.calls.ContactRecord;
import io.aftercare.calls.Outcome;
import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.ContactKind;
import io.aftercare.telephony.PhoneNumbers;
import io.aftercare.testing.MutableClock;
import io.aftercare.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Abandoned calls and voicemails becoming follow-ups, on real SQLite and PostgreSQL (when reachable): the call-record
 * hook as the writer runs it (in the transaction that stores the contacts), the policies, the hand-off to a
 * recording fake of the automatic callbacks, claims, and the voicemail spool as Asterisk 22 wrote it
 * ({@code src/test/resources/voicemail-spool/}, captured from the real PBX).
 */
class FollowUpsIntegrationTest {
    private static final Instant T0 = Instant.parse("2026-12-07T21:00:00Z");
    private static final String ADA = "+12125550123";

    @TempDir
    Path dir;
    private TestDatabases.TestDb testDb;
    private Database database;
    private Jdbi jdbi;
    private final MutableClock clock = new MutableClock(T0);
    private FollowUpDao dao;
    private final List<CallbackRequest> requested = new ArrayList<>();

    static List<String> databases() {
        return TestDatabases.kinds().toList();
    }

    private void open(String kind) {
        testDb = TestDatabases.open(kind, dir);
        database = Database.open(testDb.config());
        database.migrate();
        jdbi = database.jdbi();
        dao = new FollowUpDao(jdbi);
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES ('agent1', 'Agent 1',"
                    + " 'Local/agent1@agents', 0), ('agent2', 'Agent 2', 'Local/agent2@agents', 0)");
            h.execute("UPDATE queues SET abandon_policy = 'callback' WHERE name = 'vip'"); // repairs: the default
            h.execute("INSERT INTO queues (name, abandon_policy) VALUES ('quiet', 'none')");
        });
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (testDb != null) {
            testDb.close();
        }
    }

    /** Stores the contacts and runs the hook in one transaction, as the call-record writer does. */
    private void store(AbandonedCalls hook, ContactRecord... contacts) {
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(CallDao.UPSERT_CONTACT);
            for (ContactRecord c : contacts) {
                batch.bindMethods(c).add();
            }
            batch.execute();
            hook.stored(h, List.of(contacts));
        });
    }

    private static ContactRecord call(String linkedId, String e164, String queue, Outcome outcome, Instant entered) {
        Instant queued = entered.plusSeconds(5);
        Instant left = queued.plusSeconds(40);
        return new ContactRecord("pbx1", linkedId, e164 == null ? "anonymous" : e164, e164, "Ada", queue,
                outcome == Outcome.ANSWERED ? "Local/agent1@agents" : null, entered, queued,
                outcome == Outcome.ANSWERED ? left : null, left, left.plusSeconds(60), outcome, false, 40, null,
                ContactKind.INBOUND);
    }

    private List<FollowUp> all() {
        return dao.list(List.of(FollowUpState.values()), null, null, null, 100, clock.instant()).stream()
                .map(FollowUpDao.Row::view).toList();
    }

    private AbandonedCalls hook(boolean callbacks) {
        return new AbandonedCalls(clock, () -> callbacks, () -> {});
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAbandonedCallBecomesOneOpenTaskHoweverOftenItIsStored(String kind) {
        open(kind);
        ContactRecord abandoned = call("1.1", ADA, "repairs", Outcome.ABANDONED, T0);
        store(hook(false), abandoned);
        store(hook(false), abandoned);

        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FollowUpKind.ABANDONED);
            assertThat(f.state()).isEqualTo(FollowUpState.OPEN);
            assertThat(f.queue()).isEqualTo("repairs");
            assertThat(f.e164()).isEqualTo(ADA);
            assertThat(f.originLinkedId()).isEqualTo("1.1");
            assertThat(f.createdAt()).as("when they gave up").isEqualTo(T0.plusSeconds(45));
            assertThat(f.recording()).isFalse();
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void shortAbandonsWithheldCallersAndQueuesThatWantNothingMakeNoTask(String kind) {
        open(kind);
        store(hook(false), call("2.1", ADA, "repairs", Outcome.SHORT_ABANDON, T0),
                call("2.2", null, "repairs", Outcome.ABANDONED, T0),
                call("2.3", ADA, "quiet", Outcome.ABANDONED, T0),
                call("2.4", ADA, "repairs", Outcome.TIMEOUT, T0));
        assertThat(all()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCallerAnsweredSinceIsNotCalledBackAndALaterAnsweredCallCancelsTheTask(String kind) {
        open(kind);
        store(hook(false), call("3.1", ADA, "repairs", Outcome.ANSWERED, T0.plusSeconds(600)));
        store(hook(false), call("3.2", ADA, "repairs", Outcome.ABANDONED, T0));
        assertThat(all()).as("answered at +645 s, after giving up at +45 s").isEmpty();

        String bob = "+12125550124";
        store(hook(false), call("3.3", bob, "repairs", Outcome.ABANDONED, T0));
        assertThat(all()).extracting(FollowUp::state).containsExactly(FollowUpState.OPEN);
        store(hook(false), call("3.4", bob, "repairs", Outcome.ANSWERED, T0.plusSeconds(900)));
        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(FollowUpState.CANCELLED);
            assertThat(f.outcome()).isEqualTo("called again and answered (3.4)");
        });
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aQueueWithPolicyCallbackHandsTheCallerToTheCallbacksOnce(String kind) {
        open(kind);
        CallbackRequests fake = r -> {
            requested.add(r);
            return r.e164().equals(ADA) ? Optional.of(77L) : Optional.empty();
        };
        store(hook(true), call("4.1", ADA, "vip", Outcome.ABANDONED, T0),
                call("4.2", "+12125550199", "vip", Outcome.ABANDONED, T0.plusSeconds(1)));
        assertThat(all()).extracting(FollowUp::state).containsOnly(FollowUpState.CALLBACK);

        AutoCallbacks auto = new AutoCallbacks(dao, fake, clock, null);
        assertThat(auto.drain()).isEqualTo(2);
        assertThat(auto.drain()).as("handed over once").isZero();
        assertThat(requested).hasSize(2);
        assertThat(requested.get(0)).satisfies(r -> {
            assertThat(r.source()).isEqualTo(CallbackSource.ABANDONED);
            assertThat(r.queue()).isEqualTo("vip");
            assertThat(r.originLinkedId()).isEqualTo("4.1");
            assertThat(r.waitingSince()).as("their place in line: when they queued").isEqualTo(T0.plusSeconds(5));
        });
        assertThat(all()).extracting(FollowUp::e164, FollowUp::state, FollowUp::callbackId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ADA, FollowUpState.DONE, 77L),
                org.assertj.core.groups.Tuple.tuple("+12125550199", FollowUpState.CANCELLED, null));

        store(hook(false), call("4.3", ADA, "vip", Outcome.ABANDONED, T0.plusSeconds(2)));
        assertThat(all()).as("no automatic callbacks wired: a task").extracting(FollowUp::state)
                .contains(FollowUpState.OPEN);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theQueueCallbacksTakeAnAbandonedCallerOnceAndRefuseOneOnTheDoNotCallList(String kind) {
        open(kind);
        jdbi.useHandle(h -> h.execute("INSERT INTO do_not_call (e164, source, created_at) VALUES"
                + " ('+12125550199', 'api', 0)"));
        store(hook(true), call("7.1", ADA, "vip", Outcome.ABANDONED, T0),
                call("7.2", "+12125550199", "vip", Outcome.ABANDONED, T0.plusSeconds(1)));
        Callbacks callbacks = new Callbacks(new CallbackDao(jdbi), new PhoneNumbers("US"), Duration.ofHours(24),
                clock);
        assertThat(new AutoCallbacks(dao, callbacks, clock, null).drain()).isEqualTo(2);
        FollowUp taken = all().get(0);
        assertThat(taken.state()).isEqualTo(FollowUpState.DONE);
        assertThat(new CallbackDao(jdbi).find(taken.callbackId())).hasValueSatisfying(c -> {
            assertThat(c.source()).isEqualTo(CallbackSource.ABANDONED);
            assertThat(c.e164()).isEqualTo(ADA);
        });
        assertThat(all().get(1).state()).as("do-not-call").isEqualTo(FollowUpState.CANCELLED);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoAgentsNeverBothClaimOneFollowUp(String kind) {
        open(kind);
        store(hook(false), call("5.1", ADA, "repairs", Outcome.ABANDONED, T0));
        long id = all().get(0).id();
        assertThat(dao.claim(id, 1, clock.instant())).isTrue();
        assertThat(dao.claim(id, 2, clock.instant())).isFalse();
        assertThat(dao.done(id, 2, "not mine", clock.instant())).isFalse();
        assertThat(dao.called(id, 1, "click_to_call-1-1", clock.instant())).isTrue();
        assertThat(dao.release(id, clock.instant())).isTrue();
        assertThat(dao.claim(id, 2, clock.instant())).isTrue();
        assertThat(dao.done(id, 2, "sorted", clock.instant())).isTrue();
        assertThat(all()).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(FollowUpState.DONE);
            assertThat(f.claimedBy()).isEqualTo("agent2");
            assertThat(f.callLinkedId()).isEqualTo("click_to_call-1-1");
            assertThat(f.outcome()).isEqualTo("sorted");
        });
        assertThat(dao.backlog()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aVoicemailInTheSpoolBecomesOneTaskLinkedToTheCallThatTimedOut(String kind) throws IOException {
        open(kind);
        Path spool = dir.resolve("spool");
        Files.createDirectories(spool.resolve("INBOX"));
        for (String f : List.of("msg0000.txt", "msg0000.wav")) {
            Files.copy(Path.of("src/test/resources/voicemail-spool/INBOX").resolve(f), spool.resolve("INBOX")
                    .resolve(f));
        }
        Instant left = Instant.ofEpochSecond(1796677987L); // origtime of the captured message
        AftercareConfig.FollowUps config = ConfigLoader.defaults().followUps();
        Voicemails voicemails = new Voicemails(dao, new VoicemailSpool(spool), config.mailbox(), "pbx1",
                new PhoneNumbers("US"), Duration.ofMinutes(10), clock, null); // scan() is called directly
        assertThat(voicemails.scan()).as("read before the call is stored with its number").isEqualTo(1);
        assertThat(all()).singleElement().satisfies(f -> assertThat(f.originLinkedId()).isNull());

        // app_queue reports the time-out as an abandon (QueueCallerAbandon): an abandoned follow-up, for now
        store(hook(false), call("6.1", ADA, "repairs", Outcome.ABANDONED, left.minusSeconds(95)));
        assertThat(voicemails.scan()).as("read again: nothing new").isZero();
        assertThat(all()).filteredOn(f -> f.kind() == FollowUpKind.ABANDONED).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(FollowUpState.CANCELLED);
            assertThat(f.outcome()).startsWith("left a voicemail (follow-up ");
        });
        assertThat(all()).filteredOn(f -> f.kind() == FollowUpKind.VOICEMAIL).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FollowUpKind.VOICEMAIL);
            assertThat(f.e164()).isEqualTo(ADA);
            assertThat(f.callerName()).isEqualTo("Ada");
            assertThat(f.createdAt()).isEqualTo(left);
            assertThat(f.voicemailMillis()).isEqualTo(15_000L);
            assertThat(f.recording()).isTrue();
            assertThat(f.originLinkedId()).isEqualTo("6.1");
            assertThat(f.queue()).isEqualTo("repairs");
        });
        assertThat(new VoicemailSpool(spool).audio("1796677987-00000000")).contains(spool.resolve("INBOX/msg0000.wav"));

        // heard on a phone: Asterisk moves it to Old, where the recording is still found
        Files.createDirectories(spool.resolve("Old"));
        Files.move(spool.resolve("INBOX/msg0000.txt"), spool.resolve("Old/msg0000.txt"));
        Files.move(spool.resolve("INBOX/msg0000.wav"), spool.resolve("Old/msg0000.wav"));
        assertThat(new VoicemailSpool(spool).audio("1796677987-00000000")).contains(spool.resolve("Old/msg0000.wav"));
    }
}
