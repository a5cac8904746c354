package io.aftercare.agents;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code agents} and {@code agent_queues} tables and what refers to an agent; attach to a handle. Not thread-safe. */
public interface AgentProfileDao {
    /** An agents row. */
    record Row(long id, String login, String name, String iface, String stateInterface, String language) {}

    /** An agent_queues row. */
    record AssignmentRow(long agentId, String queue, int penalty) {}

    String COLUMNS = "id, login, name, interface AS iface, state_interface, language";

    @SqlQuery("SELECT " + COLUMNS + " FROM agents ORDER BY login")
    @RegisterConstructorMapper(Row.class)
    List<Row> all();

    @SqlQuery("SELECT " + COLUMNS + " FROM agents WHERE login = :login")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> byLogin(@Bind("login") String login);

    @SqlQuery("SELECT " + COLUMNS + " FROM agents WHERE id = :id")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> byId(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM agents WHERE interface = :iface")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> byInterface(@Bind("iface") String iface);

    @SqlQuery("SELECT agent_id, queue, penalty FROM agent_queues ORDER BY agent_id, queue")
    @RegisterConstructorMapper(AssignmentRow.class)
    List<AssignmentRow> assignments();

    @SqlQuery("SELECT agent_id, queue, penalty FROM agent_queues WHERE agent_id = :id ORDER BY queue")
    @RegisterConstructorMapper(AssignmentRow.class)
    List<AssignmentRow> assignments(@Bind("id") long agentId);

    @SqlQuery("INSERT INTO agents (login, name, interface, state_interface, language, created_at)"
            + " VALUES (:login, :name, :iface, :state, :language, :now) RETURNING id")
    long insert(@Bind("login") String login, @Bind("name") String name, @Bind("iface") String iface,
                @Bind("state") String stateInterface, @Bind("language") String language, @Bind("now") long now);

    @SqlUpdate("UPDATE agents SET name = :name, interface = :iface, state_interface = :state, language = :language"
            + " WHERE id = :id")
    int update(@Bind("id") long id, @Bind("name") String name, @Bind("iface") String iface,
               @Bind("state") String stateInterface, @Bind("language") String language);

    @SqlUpdate("DELETE FROM agents WHERE id = :id")
    int delete(@Bind("id") long id);

    @SqlUpdate("DELETE FROM agent_queues WHERE agent_id = :id")
    void unassignAll(@Bind("id") long agentId);

    @SqlUpdate("INSERT INTO agent_queues (agent_id, queue, penalty) VALUES (:id, :queue, :penalty)")
    void assign(@Bind("id") long agentId, @Bind("queue") String queue, @Bind("penalty") int penalty);

    @SqlQuery("SELECT name FROM queues WHERE name = :name")
    Optional<String> queue(@Bind("name") String name);

    @SqlQuery("SELECT COUNT(*) FROM agents WHERE interface = :iface AND id <> :id")
    int countWithInterface(@Bind("iface") String iface, @Bind("id") long exceptId);

    @SqlQuery("SELECT username FROM accounts WHERE agent_id = :id ORDER BY username")
    List<String> accountsOf(@Bind("id") long agentId);

    @SqlQuery("SELECT COUNT(*) FROM cases WHERE owner_agent_id = :id")
    int casesOwnedBy(@Bind("id") long agentId);

    @SqlQuery("SELECT name FROM routing_rules WHERE preferred_agent = :login ORDER BY sort_order, id")
    List<String> rulesPreferring(@Bind("login") String login);
}
