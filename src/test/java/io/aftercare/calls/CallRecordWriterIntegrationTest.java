package io.aftercare.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aftercare.agents.AgentState;
import io.aftercare.agents.AgentStateChange;
import io.aftercare.config.AftercareConfig;
import io.aftercare.persistence.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The call record writer keeps a batch the database refused and stores it once the database takes writes again. */
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
}
