package io.aftercare.dispositions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Disposition drafts and the calls an agent has yet to dispose of, in SQL; attach to a handle. Not thread-safe. */
public interface DraftDao {
    @SqlUpdate("INSERT INTO disposition_drafts (pbx_id, linkedid, agent, account_id, body, updated_at)"
            + " VALUES (:pbx, :linkedId, :agent, :account, :body, :at) ON CONFLICT (pbx_id, linkedid, agent)"
            + " DO UPDATE SET account_id = excluded.account_id, body = excluded.body, updated_at = excluded.updated_at")
    void save(@Bind("pbx") String pbxId, @Bind("linkedId") String linkedId, @Bind("agent") String agent,
              @Bind("account") long accountId, @Bind("body") String body, @Bind("at") Instant at);

    @SqlQuery("SELECT body, updated_at FROM disposition_drafts WHERE pbx_id = :pbx AND linkedid = :linkedId"
            + " AND agent = :agent")
    @RegisterConstructorMapper(Stored.class)
    Optional<Stored> find(@Bind("pbx") String pbxId, @Bind("linkedId") String linkedId, @Bind("agent") String agent);

    @SqlUpdate("DELETE FROM disposition_drafts WHERE pbx_id = :pbx AND linkedid = :linkedId AND agent = :agent")
    void delete(@Bind("pbx") String pbxId, @Bind("linkedId") String linkedId, @Bind("agent") String agent);

    /**
     * The agent's calls since {@code since} whose talk has ended and which have no disposition of theirs, oldest
     * first: a call still ringing, talking or on hold for them is not one yet (a hold ends a talk segment).
     * segments_agent serves the agent and time; the rest are key lookups.
     */
    @SqlQuery("""
            SELECT s.pbx_id, s.linkedid AS linked_id, c.caller_raw, c.caller_name, c.queue, c.customer_id,
                cu.name AS customer_name, MAX(s.ended_at) AS talk_ended_at, dd.body AS draft,
                dd.updated_at AS draft_updated_at
            FROM segments s
            JOIN contacts c ON c.pbx_id = s.pbx_id AND c.linkedid = s.linkedid
            LEFT JOIN customers cu ON cu.id = c.customer_id
            LEFT JOIN disposition_drafts dd ON dd.pbx_id = s.pbx_id AND dd.linkedid = s.linkedid AND dd.agent = s.agent
            WHERE s.agent = :agent AND s.kind = 'talk' AND s.started_at >= :since AND s.ended_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM dispositions d
                  WHERE d.pbx_id = s.pbx_id AND d.linkedid = s.linkedid AND d.agent = s.agent)
              AND NOT EXISTS (SELECT 1 FROM segments o WHERE o.pbx_id = s.pbx_id AND o.linkedid = s.linkedid
                  AND o.agent = s.agent AND o.ended_at IS NULL AND o.kind IN ('ring', 'talk', 'hold'))
            GROUP BY s.pbx_id, s.linkedid, c.caller_raw, c.caller_name, c.queue, c.customer_id, cu.name, dd.body,
                dd.updated_at
            ORDER BY talk_ended_at
            LIMIT :limit""")
    @RegisterConstructorMapper(Pending.class)
    List<Pending> pending(@Bind("agent") String agent, @Bind("since") Instant since, @Bind("limit") int limit);

    /** A stored draft: the form as JSON. */
    record Stored(String body, Instant updatedAt) {}

    /** A call awaiting the agent's disposition, with its draft (JSON) if they began one. */
    record Pending(String pbxId, String linkedId, String callerRaw, String callerName, String queue, Long customerId,
                   String customerName, Instant talkEndedAt, String draft, Instant draftUpdatedAt) {}
}
