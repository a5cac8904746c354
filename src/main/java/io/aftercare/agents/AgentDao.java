package io.aftercare.agents;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads the agents and queues tables for the agent's own view. Thread-safe per jdbi handle. */
public interface AgentDao {
    /** One agent as configured: login, display name and the queue member interface. */
    record Profile(long id, String login, String name, String iface) {}

    @SqlQuery("SELECT id, login, name, interface AS iface FROM agents WHERE id = :id")
    @RegisterConstructorMapper(Profile.class)
    Optional<Profile> profile(@Bind("id") long id);

    /** Every queue (a call may be transferred to any). */
    @SqlQuery("SELECT name FROM queues ORDER BY name")
    List<String> queueNames();

    /** The queues the agent may log in to (assigned by a supervisor). */
    @SqlQuery("SELECT queue FROM agent_queues WHERE agent_id = :id ORDER BY queue")
    List<String> assignedQueues(@Bind("id") long agentId);
}
