package io.aftercare.screenpop;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The reads behind a screen pop that no other feature already offers; attach to a handle. Not thread-safe. */
public interface ScreenPopDao {
    /** The routing decision of a call: by the caller channel's uniqueid, else by linkedid. */
    @SqlQuery("SELECT rule_name, queue, priority, reason, fallback, case_id, customer_id, caller_raw, caller_e164"
            + " FROM routing_decisions WHERE pbx_id = :pbx AND (uniqueid = :uniqueId OR linkedid = :linkedId)"
            + " ORDER BY id DESC LIMIT 1")
    @RegisterConstructorMapper(DecisionRow.class)
    Optional<DecisionRow> decision(@Bind("pbx") String pbxId, @Bind("uniqueId") String uniqueId,
                                   @Bind("linkedId") String linkedId);

    @SqlQuery("SELECT caller_raw, caller_e164, queue FROM contacts WHERE pbx_id = :pbx AND linkedid = :linkedId")
    @RegisterConstructorMapper(ContactRow.class)
    Optional<ContactRow> contact(@Bind("pbx") String pbxId, @Bind("linkedId") String linkedId);

    @SqlQuery("SELECT customer_id FROM customer_phones WHERE e164 = :e164")
    Optional<Long> customerOfPhone(@Bind("e164") String e164);

    @SqlQuery("SELECT c.linkedid, c.entered_at AS at, c.queue, c.outcome, c.answered_by, d.reason_code, d.resolved"
            + " FROM contacts c LEFT JOIN dispositions d ON d.pbx_id = c.pbx_id AND d.linkedid = c.linkedid"
            + " WHERE c.caller_e164 IN (<phones>) AND c.linkedid <> :current ORDER BY c.entered_at DESC LIMIT :limit")
    @RegisterConstructorMapper(ScreenPop.PastContact.class)
    List<ScreenPop.PastContact> pastContacts(@BindList("phones") List<String> phones, @Bind("current") String current,
                                             @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM segments WHERE pbx_id = :pbx AND linkedid = :linkedId AND agent = :agent")
    long segmentsOfAgent(@Bind("pbx") String pbxId, @Bind("linkedId") String linkedId, @Bind("agent") String agent);

    @SqlQuery("SELECT interface FROM agents WHERE id = :id")
    Optional<String> agentInterface(@Bind("id") long agentId);

    @SqlQuery("SELECT code, label FROM disposition_reasons WHERE active = TRUE ORDER BY label")
    @RegisterConstructorMapper(ScreenPop.ReasonCode.class)
    List<ScreenPop.ReasonCode> reasons();

    /** A routing decision row. */
    record DecisionRow(String ruleName, String queue, int priority, String reason, boolean fallback, Long caseId,
                       Long customerId, String callerRaw, String callerE164) {}

    /** What call tracking stored of the call. */
    record ContactRow(String callerRaw, String callerE164, String queue) {}
}
