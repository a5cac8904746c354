package io.aftercare.routing;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Recorded routing decisions read back (written by {@link DecisionRecorder}); attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(RecordedDecision.class)
public interface RoutingDecisionDao {
    String COLUMNS = "id, uniqueid, linkedid, pbx_id, caller_raw, caller_e164, dnid, customer_id, case_id, rule_id,"
            + " rule_name, queue, priority, ivr_menu, preferred_agent, fallback, reason, created_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM routing_decisions WHERE pbx_id = :pbxId AND uniqueid = :uniqueid"
            + " ORDER BY id DESC LIMIT 1")
    Optional<RecordedDecision> byUniqueid(@Bind("pbxId") String pbxId, @Bind("uniqueid") String uniqueid);

    @SqlQuery("SELECT " + COLUMNS + " FROM routing_decisions WHERE id < :beforeId ORDER BY id DESC LIMIT :limit")
    List<RecordedDecision> recent(@Bind("beforeId") long beforeId, @Bind("limit") int limit);
}
