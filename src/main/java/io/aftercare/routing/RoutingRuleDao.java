package io.aftercare.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Routing rules in SQL, conditions as JSON text; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(RoutingRuleDao.Row.class)
public interface RoutingRuleDao {
    String COLUMNS = "id, sort_order, name, enabled, conditions, queue, priority, ivr_menu, preferred_agent,"
            + " preferred_wait_seconds";

    /** A stored rule row before its conditions JSON is read. */
    record Row(long id, int sortOrder, String name, boolean enabled, String conditions, String queue, int priority,
               String ivrMenu, String preferredAgent, Integer preferredWaitSeconds) {}

    @SqlQuery("SELECT " + COLUMNS + " FROM routing_rules ORDER BY sort_order, id")
    List<Row> all();

    @SqlQuery("SELECT " + COLUMNS + " FROM routing_rules WHERE id = :id")
    Optional<Row> find(@Bind("id") long id);

    @SqlQuery("SELECT COALESCE(MAX(sort_order), 0) FROM routing_rules")
    int maxSortOrder();

    @SqlQuery("INSERT INTO routing_rules (sort_order, name, enabled, conditions, queue, priority, ivr_menu,"
            + " preferred_agent, preferred_wait_seconds, created_at, updated_at) VALUES (:sortOrder, :name, :enabled,"
            + " :conditions, :queue, :priority, :ivrMenu, :preferredAgent, :preferredWaitSeconds, :now, :now)"
            + " RETURNING id")
    long insert(@BindMethods Row row, @Bind("now") Instant now);

    @SqlUpdate("UPDATE routing_rules SET sort_order = :sortOrder, name = :name, enabled = :enabled,"
            + " conditions = :conditions, queue = :queue, priority = :priority, ivr_menu = :ivrMenu,"
            + " preferred_agent = :preferredAgent, preferred_wait_seconds = :preferredWaitSeconds, updated_at = :now"
            + " WHERE id = :id")
    int update(@BindMethods Row row, @Bind("now") Instant now);

    @SqlUpdate("UPDATE routing_rules SET sort_order = :sortOrder, updated_at = :now WHERE id = :id")
    int move(@Bind("id") long id, @Bind("sortOrder") int sortOrder, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM routing_rules WHERE id = :id")
    int delete(@Bind("id") long id);

    @SqlQuery("SELECT COUNT(*) FROM routing_rules WHERE name = :name AND id <> :id")
    int countNamed(@Bind("name") String name, @Bind("id") long exceptId);

    @SqlQuery("SELECT COUNT(*) FROM queues WHERE name = :name")
    int countQueues(@Bind("name") String name);

    @SqlQuery("SELECT count(*) FROM ivr_menus WHERE name = :name")
    int countMenus(@Bind("name") String name);

    /** login -> interface of every agent, for rules that prefer a named agent. */
    @SqlQuery("SELECT login, interface AS iface FROM agents")
    @RegisterConstructorMapper(AgentRow.class)
    List<AgentRow> agents();

    /** An agent's login and dialable interface. */
    record AgentRow(String login, String iface) {}
}
