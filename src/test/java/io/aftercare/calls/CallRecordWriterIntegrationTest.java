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
 * The call record writer keeps a batch the database refused and stores it once the database takes writes again;
 * a contact names the routing decision that sent it.
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
