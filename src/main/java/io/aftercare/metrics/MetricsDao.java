package io.aftercare.metrics;

import io.aftercare.calls.AgentStateChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads the agent state log and the queue thresholds metrics need ({@link CallReader} reads the calls). A jdbi
 * SqlObject: thread-safe.
 */
@RegisterConstructorMapper(AgentStateChange.class)
public interface MetricsDao {
    /** Every change in [from, to) plus each agent's last change before {@code from}. */
    @SqlQuery("""
            SELECT pbx_id, agent, name, state, reason, queues, at FROM agent_state_log a
            WHERE (at >= :from AND at < :to)
               OR at = (SELECT MAX(b.at) FROM agent_state_log b
                        WHERE b.pbx_id = a.pbx_id AND b.agent = a.agent AND b.at < :from)
            ORDER BY at, id
            """)
    List<AgentStateChange> agentStates(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlQuery("SELECT name, service_level_seconds FROM queues")
    @KeyColumn("name")
    @ValueColumn("service_level_seconds")
    Map<String, Integer> serviceLevelSeconds();

    @SqlQuery("SELECT name, short_abandon_seconds FROM queues")
    @KeyColumn("name")
    @ValueColumn("short_abandon_seconds")
    Map<String, Integer> shortAbandonSeconds();
}
