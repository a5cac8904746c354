package io.aftercare.calls;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Stores and reads contacts, segments and the agent state log; every write is an idempotent upsert on the
 * natural keys. A contact's customer is looked up by its caller's E.164 in {@code customer_phones} as it is
 * written (a primary-key probe inside the batch), and kept once known; so is the routing decision that sent it,
 * the first the route recorded for the same PBX and Linkedid (the route runs on the call's {@code ;2} Local
 * channel, whose Uniqueid is not the Linkedid; every write of the contact looks until one is found, and the last
 * comes at its end, long after the route). A jdbi SqlObject: thread-safe.
 */
@RegisterConstructorMapper(ContactRecord.class)
@RegisterConstructorMapper(SegmentRecord.class)
@RegisterConstructorMapper(AgentStateChange.class)
public interface CallDao {
    /** Upserts a contact; shared with {@link CallRecordWriter}, which binds it without attaching this DAO. */
    String UPSERT_CONTACT = """
            INSERT INTO contacts (pbx_id, linkedid, caller_raw, caller_e164, caller_name, queue, answered_by,
                entered_at, queued_at, answered_at, dequeued_at, ended_at, outcome, lost_track, pbx_wait_seconds,
                pbx_talk_seconds, kind, customer_id, routing_decision_id)
            VALUES (:pbxId, :linkedId, :callerRaw, :callerE164, :callerName, :queue, :answeredBy, :enteredAt,
                :queuedAt, :answeredAt, :dequeuedAt, :endedAt, :outcome, :lostTrack, :pbxWaitSeconds,
                :pbxTalkSeconds, :kind, (SELECT p.customer_id FROM customer_phones p WHERE p.e164 = :callerE164),
                (SELECT MIN(d.id) FROM routing_decisions d WHERE d.linkedid = :linkedId AND d.pbx_id = :pbxId))
            ON CONFLICT (pbx_id, linkedid) DO UPDATE SET caller_raw = excluded.caller_raw,
                customer_id = COALESCE(contacts.customer_id, excluded.customer_id),
                routing_decision_id = COALESCE(contacts.routing_decision_id, excluded.routing_decision_id),
                caller_e164 = excluded.caller_e164, caller_name = excluded.caller_name, queue = excluded.queue,
                answered_by = excluded.answered_by, queued_at = excluded.queued_at,
                answered_at = excluded.answered_at, dequeued_at = excluded.dequeued_at,
                ended_at = excluded.ended_at, outcome = excluded.outcome, lost_track = excluded.lost_track,
                pbx_wait_seconds = excluded.pbx_wait_seconds, pbx_talk_seconds = excluded.pbx_talk_seconds,
                kind = excluded.kind
            """;
    /** Upserts a segment, keeping a known end. */
    String UPSERT_SEGMENT = """
            INSERT INTO segments (pbx_id, linkedid, kind, agent, queue, started_at, ended_at)
            VALUES (:pbxId, :linkedId, :kind, :agent, :queue, :startedAt, :endedAt)
            ON CONFLICT (pbx_id, linkedid, kind, agent, started_at)
            DO UPDATE SET ended_at = COALESCE(excluded.ended_at, segments.ended_at), queue = excluded.queue
            """;
    /** Logs an agent state change once. */
    String INSERT_AGENT_STATE = """
            INSERT INTO agent_state_log (pbx_id, agent, name, state, reason, queues, at)
            VALUES (:pbxId, :agent, :name, :state, :reason, :queues, :at)
            ON CONFLICT (pbx_id, agent, at, state, reason, queues) DO NOTHING
            """;

    @SqlBatch(UPSERT_CONTACT)
    void upsertContacts(@BindMethods List<ContactRecord> contacts);

    @SqlBatch(UPSERT_SEGMENT)
    void upsertSegments(@BindMethods List<SegmentRecord> segments);

    @SqlBatch(INSERT_AGENT_STATE)
    void insertAgentStates(@BindMethods List<AgentStateChange> changes);

    /** The columns of a {@link ContactRecord}. */
    String CONTACT = """
            SELECT pbx_id, linkedid AS linked_id, caller_raw, caller_e164, caller_name, queue, answered_by,
                entered_at, queued_at, answered_at, dequeued_at, ended_at, outcome, lost_track, pbx_wait_seconds,
                pbx_talk_seconds, kind
            FROM contacts
            """;

    @SqlQuery(CONTACT + "WHERE entered_at >= :from AND entered_at < :to ORDER BY entered_at, id")
    List<ContactRecord> contacts(@Bind("from") Instant from,
                                 @Bind("to") Instant to);

    /** Calls not ended yet (also those a previous run left open); the partial index contacts_open serves it. */
    @SqlQuery(CONTACT + "WHERE outcome = 'open'")
    List<ContactRecord> openContacts();

    /** The open queue, ring, talk and hold segments of the calls not ended yet (wrap-up is the agent's). */
    @SqlQuery("""
            SELECT s.pbx_id, s.linkedid AS linked_id, s.kind, s.agent, s.queue, s.started_at, s.ended_at
            FROM contacts c JOIN segments s ON s.pbx_id = c.pbx_id AND s.linkedid = c.linkedid
            WHERE c.outcome = 'open' AND s.ended_at IS NULL AND s.kind <> 'wrapup' ORDER BY s.started_at, s.id
            """)
    List<SegmentRecord> openSegmentsOfOpenContacts();

    /** After-call work still open: the previous run stopped while these agents wrapped up. */
    @SqlQuery("""
            SELECT pbx_id, linkedid AS linked_id, kind, agent, queue, started_at, ended_at FROM segments
            WHERE kind = 'wrapup' AND ended_at IS NULL ORDER BY started_at, id
            """)
    List<SegmentRecord> openWrapups();

    @SqlQuery("""
            SELECT pbx_id, linkedid AS linked_id, kind, agent, queue, started_at, ended_at FROM segments
            WHERE started_at >= :from AND started_at < :to ORDER BY started_at, id
            """)
    List<SegmentRecord> segments(@Bind("from") Instant from,
                                 @Bind("to") Instant to);

    @SqlQuery("""
            SELECT pbx_id, agent, name, state, reason, queues, at FROM agent_state_log
            WHERE at >= :from AND at < :to ORDER BY at, id
            """)
    List<AgentStateChange> agentStates(@Bind("from") Instant from,
                                       @Bind("to") Instant to);
}
