package io.aftercare.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** V24: agents that existed before queue assignments keep every queue they could log in to. */
class AdministrationMigrationIntegrationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void existingAgentsAreAssignedEveryQueueAndNewOnesNone(String kind) {
        try (var testDb = TestDatabases.openEmpty(kind, dir); Database db = Database.open(testDb.config())) {
            db.migrateTo("23");
            db.jdbi().useHandle(h -> h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES"
                    + " ('agent1', 'One', 'Local/agent1@agents', 0)"));
            db.migrate();
            db.jdbi().useHandle(h -> {
                List<String> queues = h.createQuery("SELECT queue FROM agent_queues ORDER BY queue")
                        .mapTo(String.class).list();
                assertThat(queues).isEqualTo(h.createQuery("SELECT name FROM queues ORDER BY name")
                        .mapTo(String.class).list()).contains("general-support", "vip");
                assertThat(h.createQuery("SELECT state_interface FROM agents").mapTo(String.class).one()).isEmpty();
                h.execute("INSERT INTO agents (login, name, interface, created_at) VALUES ('agent2', 'Two',"
                        + " 'Local/agent2@agents', 0)");
                assertThat(h.createQuery("SELECT count(*) FROM agent_queues aq JOIN agents a ON a.id = aq.agent_id"
                        + " WHERE a.login = 'agent2'").mapTo(Integer.class).one()).isZero();
            });
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE queues SET strategy = 'roundrobin'"
                    + " WHERE name = 'vip'"))).hasMessageContaining("strategy");
        }
    }
}
