package io.aftercare.routing;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Recorded routing decisions in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(RecordedDecision.class)
public interface RoutingDecisionDao {
    String COLUMNS = "id, uniqueid, linkedid, pbx_id, caller_raw, caller_e164, dnid, customer_id, case_id, rule_id,"
            + " rule_name, queue, priority, ivr_menu, preferred_agent, fallback, reason, created_at";

    @SqlUpdate("INSERT INTO routing_decisions (uniqueid, linkedid, pbx_id, caller_raw, caller_e164, dnid, customer_id,"
            + " case_id, rule_id, rule_name, queue, priority, ivr_menu, preferred_agent, fallback, reason, created_at)"
            + " VALUES (:uniqueid, :linkedid, :pbxId, :callerRaw, :callerE164, :dnid, :customerId, :caseId, :ruleId,"
            + " :ruleName, :queue, :priority, :ivrMenu, :preferredAgent, :fallback, :reason, :createdAt)")
    void insert(@BindMethods RecordedDecision decision);

    @SqlBatch("INSERT INTO routing_decisions (uniqueid, linkedid, pbx_id, caller_raw, caller_e164, dnid, customer_id,"
            + " case_id, rule_id, rule_name, queue, priority, ivr_menu, preferred_agent, fallback, reason, created_at)"
            + " VALUES (:uniqueid, :linkedid, :pbxId, :callerRaw, :callerE164, :dnid, :customerId, :caseId, :ruleId,"
            + " :ruleName, :queue, :priority, :ivrMenu, :preferredAgent, :fallback, :reason, :createdAt)")
    void insertAll(@BindMethods List<RecordedDecision> decisions);

    @SqlQuery("SELECT " + COLUMNS + " FROM routing_decisions WHERE pbx_id = :pbxId AND uniqueid = :uniqueid"
            + " ORDER BY id DESC LIMIT 1")
    Optional<RecordedDecision> byUniqueid(@Bind("pbxId") String pbxId, @Bind("uniqueid") String uniqueid);

    @SqlQuery("SELECT " + COLUMNS + " FROM routing_decisions ORDER BY id DESC LIMIT :limit")
    List<RecordedDecision> recent(@Bind("limit") int limit);
}
