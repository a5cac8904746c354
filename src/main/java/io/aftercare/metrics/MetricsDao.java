package io.aftercare.metrics;

import io.aftercare.agents.AgentStateChange;
import io.aftercare.calls.SegmentRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Reads what metrics need for an interval: contacts that may have been first offered in it, their segments, the
 * agent state log and the queue thresholds. A jdbi SqlObject: thread-safe.
 */
@RegisterConstructorMapper(StoredContact.class)
@RegisterConstructorMapper(SegmentRecord.class)
@RegisterConstructorMapper(AgentStateChange.class)
public interface MetricsDao {
    /**
     * A call first offered in [from, to) entered before {@code to} and joined its last queue at or after
     * {@code from} (queued_at is the last join), so this finds them all, plus a few the calculators filter out.
     */
    @SqlQuery("""
            SELECT pbx_id, linkedid AS linked_id, queue, entered_at, queued_at, answered_at, dequeued_at, ended_at,
                outcome, lost_track, customer_id, case_id, reason_code
            FROM contacts WHERE queued_at >= :from AND entered_at < :to ORDER BY queued_at, id
            """)
    List<StoredContact> contacts(@Bind("from") Instant from, @Bind("to") Instant to);

    @SqlQuery("""
            SELECT s.pbx_id, s.linkedid AS linked_id, s.kind, s.agent, s.queue, s.started_at, s.ended_at
            FROM segments s JOIN contacts c ON c.pbx_id = s.pbx_id AND c.linkedid = s.linkedid
            WHERE c.queued_at >= :from AND c.entered_at < :to ORDER BY s.started_at, s.id
            """)
    List<SegmentRecord> segments(@Bind("from") Instant from, @Bind("to") Instant to);

    /**
     * Contacts as {@link #contacts}, only those of the customers who called in [{@code of}, {@code ofTo}): the
     * only ones FCR can count as a repeat of a call in that interval.
     */
    @SqlQuery("""
            SELECT pbx_id, linkedid AS linked_id, queue, entered_at, queued_at, answered_at, dequeued_at, ended_at,
                outcome, lost_track, customer_id, case_id, reason_code
            FROM contacts WHERE queued_at >= :from AND entered_at < :to AND customer_id IN (
                SELECT customer_id FROM contacts WHERE queued_at >= :of AND entered_at < :ofTo)
            ORDER BY queued_at, id
            """)
    List<StoredContact> followUps(@Bind("from") Instant from, @Bind("to") Instant to, @Bind("of") Instant of,
                                  @Bind("ofTo") Instant ofTo);

    /** The queue-wait segments of {@link #followUps}: where and when each was offered. */
    @SqlQuery("""
            SELECT s.pbx_id, s.linkedid AS linked_id, s.kind, s.agent, s.queue, s.started_at, s.ended_at
            FROM segments s JOIN contacts c ON c.pbx_id = s.pbx_id AND c.linkedid = s.linkedid
            WHERE c.queued_at >= :from AND c.entered_at < :to AND s.kind = 'queue' AND c.customer_id IN (
                SELECT customer_id FROM contacts WHERE queued_at >= :of AND entered_at < :ofTo)
            ORDER BY s.started_at, s.id
            """)
    List<SegmentRecord> followUpQueueSegments(@Bind("from") Instant from, @Bind("to") Instant to,
                                              @Bind("of") Instant of, @Bind("ofTo") Instant ofTo);

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
