package io.aftercare.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.persistence.Database;
import io.aftercare.queues.PbxCheck;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agents service on SQLite and PostgreSQL, as the API and the CLI use it. */
class AgentProfileServiceIntegrationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void agentsAreCreatedAssignedChangedAndDeletedOnceNothingRefersToThem(String kind) {
        try (var testDb = TestDatabases.open(kind, dir); Database db = Database.open(testDb.config())) {
            db.migrate();
            AtomicInteger changes = new AtomicInteger();
            var agents = new AgentProfileService(db.jdbi(), PbxCheck.none(), Clock.systemUTC(),
                    changes::incrementAndGet);

            AgentSaved ann = agents.create(new AgentInput("1001", " Ann ", "Local/1001@from-queue/n", "PJSIP/1001",
                    null, List.of(new Assignment("vip", 3))));
            assertThat(ann.agent()).isEqualTo(new AgentProfile(ann.agent().id(), "1001", "Ann",
                    "Local/1001@from-queue/n", "PJSIP/1001", "en", List.of(new Assignment("vip", 3))));
            assertThat(ann.warnings()).containsExactly("not checked: no PBX is configured");
            assertThat(agents.byInterface("Local/1001@from-queue/n")).contains(ann.agent());
            assertThat(agents.byId(ann.agent().id()).orElseThrow().login()).isEqualTo("1001");

            AgentProfile assigned = agents.assign("1001", List.of(new Assignment("general-support", 0),
                    new Assignment("repairs", 7))).agent();
            assertThat(assigned.queues()).extracting(Assignment::queue).containsExactly("general-support", "repairs");
            assertThat(agents.update("1001", new AgentInput(null, null, null, "", "fr", null)).agent())
                    .extracting(AgentProfile::stateInterface, AgentProfile::language, a -> a.queues().size())
                    .containsExactly("", "fr", 2);
            assertThatThrownBy(() -> agents.assign("1001", List.of(new Assignment("vip", 0), new Assignment("vip",
                    1)))).isInstanceOf(ValidationException.class).hasMessage("queue vip is assigned twice");
            assertThatThrownBy(() -> agents.create(new AgentInput("1001", "A", "PJSIP/1009", null, null, null)))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> agents.create(new AgentInput("1002", "B", "PJSIP/1002", null, "english",
                    null))).hasMessageStartingWith("language must be");

            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO routing_rules (sort_order, name, conditions, queue, preferred_agent,"
                        + " created_at, updated_at) VALUES (5, 'Ann first', '{}', 'vip', '1001', 0, 0)");
                h.execute("INSERT INTO customers (name, language, tier, created_at, updated_at)"
                        + " VALUES ('C', 'en', 'standard', 0, 0)");
                h.execute("INSERT INTO cases (customer_id, type, status, subject, owner_agent_id, opened_at,"
                        + " updated_at) SELECT c.id, 'repair', 'open', 's', a.id, 0, 0 FROM customers c, agents a"
                        + " WHERE a.login = '1001'");
            });
            assertThatThrownBy(() -> agents.delete("1001")).isInstanceOf(ConflictException.class)
                    .hasMessage("agent 1001 is still referred to by 1 cases they own (give them to another agent);"
                            + " routing rules Ann first (they prefer this agent)");
            db.jdbi().useHandle(h -> {
                h.execute("DELETE FROM cases");
                h.execute("DELETE FROM routing_rules WHERE name = 'Ann first'");
            });
            agents.delete("1001");
            assertThatThrownBy(() -> agents.get("1001")).isInstanceOf(NotFoundException.class);
            int left = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM agent_queues")
                    .mapTo(Integer.class).one());
            assertThat(left).as("assignments go with the agent").isZero();
            assertThat(changes.get()).isEqualTo(4);
        }
    }
}
