package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.config.AftercareConfig;
import io.aftercare.persistence.Database;
import io.aftercare.telephony.ContactKind;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The call record writer keeps what the database refuses, in memory and then on disk, across a restart, and stores
 * it in order once the database takes writes again; a contact names the routing decision that sent it.
 */
class CallRecordWriterIntegrationTest {
    @TempDir
    Path dir;

    @Test
    void aBatchRefusedByALockHeldPastTheBusyTimeoutIsStoredOnceTheLockGoes() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("w.db");
        try (Database database = Database.open(new AftercareConfig.Db(url, "", "", 2, Duration.ofMillis(100)))) {
            database.migrate();
            try (CallRecordWriter writer = new CallRecordWriter(database.jdbi())) {
                try (Connection lock = DriverManager.getConnection(url); Statement st = lock.createStatement()) {
                    st.execute("BEGIN IMMEDIATE");
                    st.executeUpdate("UPDATE queues SET description = description");
                    writer.agentState(new AgentStateChange("pbx1", "Local/agent1@agents", "Agent One",
                            AgentState.READY, "", "vip", Instant.parse("2026-11-20T10:00:00Z")));
                    // held well past the 100 ms busy timeout: the first attempt is refused
                    Thread.sleep(1_000);
                    assertThat(writer.written()).isZero();
                    st.execute("COMMIT");
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> writer.written() == 1);
                int rows = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM agent_state_log")
                        .mapTo(Integer.class).one());
                assertThat(rows).isEqualTo(1);
            }
        }
    }

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** A call's records in the order call tracking writes them: open, then answered, then ended. */
    private static void call(CallRecordWriter writer, String linkedId) {
        ContactRecord open = new ContactRecord("pbx1", linkedId, "+12125550123", "+12125550123", "Ann", "vip", null,
                T0, T0, null, null, null, Outcome.OPEN, false, null, null, ContactKind.INBOUND);
        writer.contact(open);
        SegmentRecord talk = new SegmentRecord("pbx1", linkedId, SegmentKind.TALK, "Local/agent1@agents", "vip",
                T0.plusSeconds(5), null);
        writer.segment(talk);
        writer.segment(talk.closedAt(T0.plusSeconds(65)));
        writer.contact(new ContactRecord("pbx1", linkedId, "+12125550123", "+12125550123", "Ann", "vip",
                "Local/agent1@agents", T0, T0, T0.plusSeconds(5), T0.plusSeconds(5), T0.plusSeconds(65),
                Outcome.ANSWERED, false, 5, 60, ContactKind.INBOUND));
    }

    private static java.util.List<String> stored(Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT c.linkedid || ' ' || c.outcome || ' '"
                + " || COALESCE(CAST(s.ended_at AS TEXT), 'open') FROM contacts c JOIN segments s"
                + " ON s.pbx_id = c.pbx_id AND s.linkedid = c.linkedid ORDER BY c.linkedid").mapTo(String.class).list());
    }

    @Test
    void recordsTheDatabaseRefusesForLongWaitInMemoryThenOnDiskAndAreAllStoredInOrder() throws Exception {
        Path spill = dir.resolve("records.spill");
        try (Database database = Database.open(TestDatabases.sqliteConfig(dir))) {
            // no tables yet: every transaction is refused until the migration runs
            try (CallRecordWriter writer = new CallRecordWriter(database.jdbi(), spill, 10)) {
                for (int i = 0; i < 5; i++) {
                    call(writer, "L" + i);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> writer.refusals() >= 2);
                assertThat(writer.spilled()).as("20 records, at most 10 in memory").isPositive();
                assertThat(spill).exists();
                assertThat(writer.backlog()).isEqualTo(20);
                database.migrate();
                await().atMost(Duration.ofSeconds(30)).until(writer::isIdle);
                assertThat(writer.backlog()).isZero();
                assertThat(stored(database)).hasSize(5).allSatisfy(row -> assertThat(row).matches("L\\d answered \\d+"));
                assertThat(spill).doesNotExist();
            }
        }
    }

    @Test
    void recordsAStoppedWriterCouldNotStoreAreStoredAtTheNextStart() throws Exception {
        Path spill = dir.resolve("records.spill");
        try (Database database = Database.open(TestDatabases.sqliteConfig(dir))) {
            try (CallRecordWriter writer = new CallRecordWriter(database.jdbi(), spill, 1_000)) {
                call(writer, "M1");
                call(writer, "M2");
                await().atMost(Duration.ofSeconds(10)).until(() -> writer.refusals() >= 1);
            } // stops with the database still refusing: the records go to disk
            assertThat(spill).exists();
            database.migrate();
            try (CallRecordWriter next = new CallRecordWriter(database.jdbi(), spill, 1_000)) {
                call(next, "M3");
                await().atMost(Duration.ofSeconds(30)).until(next::isIdle);
                assertThat(stored(database)).containsExactly("M1 answered " + T0.plusSeconds(65).toEpochMilli(),
                        "M2 answered " + T0.plusSeconds(65).toEpochMilli(),
                        "M3 answered " + T0.plusSeconds(65).toEpochMilli());
            }
            assertThat(spill).doesNotExist();
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void aHookThatFailsInsideTheBatchLeavesTheRecordsStoredAndItsWritesUndone(String kind) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); Database database = Database.open(db.config())) {
            database.migrate();
            java.util.List<Integer> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            StoredContacts failing = (h, contacts) -> {
                told.add(contacts.size());
                h.execute("INSERT INTO customer_changes (customer_id, changed_at) VALUES (NULL, 1)");
                h.execute("INSERT INTO no_such_table VALUES (1)"); // on PostgreSQL this aborts the statement
            };
            try (CallRecordWriter writer = new CallRecordWriter(database.jdbi(), dir.resolve("spill"), 1_000,
                    failing)) {
                call(writer, "1.1");
                await().atMost(Duration.ofSeconds(20)).until(writer::isIdle);
            }
            assertThat(stored(database)).containsExactly("1.1 answered " + T0.plusSeconds(65).toEpochMilli());
            assertThat(told).isNotEmpty();
            int changes = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM customer_changes")
                    .mapTo(Integer.class).one());
            assertThat(changes).as("the hook's own writes are rolled back").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void aContactNamesTheFirstRoutingDecisionOfItsPbxAndLinkedidOnceItIsStored(String kind) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); Database database = Database.open(db.config())) {
            database.migrate();
            Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
            ContactRecord open = new ContactRecord("pbx1", "1796650570.0", "+12125550104", "+12125550104", "Rob Route",
                    null, null, t0, null, null, null, null, Outcome.OPEN, false, null, null, ContactKind.INBOUND);
            try (CallRecordWriter writer = new CallRecordWriter(database.jdbi())) {
                writer.contact(open); // the call's first record may be stored before its decision
                await().atMost(Duration.ofSeconds(20)).until(writer::isIdle);
                assertThat(decisionOf(database, "1796650570.0")).isNull();

                long other = decision(database, "pbx2", "1796650570.0"); // another PBX's call with the same Linkedid
                long first = decision(database, "pbx1", "1796650570.0"); // run on the ;2 channel 1796650570.1
                writer.contact(open);
                await().atMost(Duration.ofSeconds(20)).until(writer::isIdle);
                assertThat(decisionOf(database, "1796650570.0")).isEqualTo(first).isNotEqualTo(other);

                decision(database, "pbx1", "1796650570.0"); // routed again later in the call (a second route)
                writer.contact(new ContactRecord("pbx1", "1796650570.0", "+12125550104", "+12125550104", "Rob Route",
                        null, null, t0, null, null, null, t0.plusSeconds(2), Outcome.IVR, false, null, null,
                        ContactKind.INBOUND));
                await().atMost(Duration.ofSeconds(20)).until(writer::isIdle);
                assertThat(decisionOf(database, "1796650570.0")).isEqualTo(first);
            }
        }
    }

    private static long decision(Database database, String pbxId, String linkedId) {
        return database.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO routing_decisions (uniqueid, linkedid, pbx_id, caller_raw, rule_name, queue,
                            priority, fallback, reason, created_at)
                        VALUES (:u, :l, :p, '+12125550104', 'rule', 'general-support', 0, FALSE, 'test', 0)""")
                .bind("u", linkedId.replace(".0", ".1")).bind("l", linkedId).bind("p", pbxId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private static Long decisionOf(Database database, String linkedId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT routing_decision_id FROM contacts"
                + " WHERE pbx_id = 'pbx1' AND linkedid = :l").bind("l", linkedId).mapTo(Long.class).one());
    }
}
