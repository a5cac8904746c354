package io.aftercare.dispositions;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Dispositions and their reason codes in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(Disposition.class)
public interface DispositionDao {
    @SqlQuery("INSERT INTO dispositions (pbx_id, linkedid, agent, account_id, customer_id, case_id, reason_code,"
            + " resolved, notes, created_at) VALUES (:pbxId, :linkedId, :agent, :accountId, :customerId, :caseId,"
            + " :reasonCode, :resolved, :notes, :createdAt) RETURNING id")
    long insert(@BindMethods Disposition disposition);

    @SqlQuery("SELECT id, pbx_id, linkedid AS linked_id, agent, account_id, customer_id, case_id, reason_code,"
            + " resolved, notes, created_at FROM dispositions WHERE id = :id")
    Optional<Disposition> find(@Bind("id") long id);

    @SqlQuery("SELECT id, pbx_id, linkedid AS linked_id, agent, account_id, customer_id, case_id, reason_code,"
            + " resolved, notes, created_at FROM dispositions WHERE pbx_id = :pbx AND linkedid = :linkedId"
            + " AND agent = :agent")
    Optional<Disposition> find(@Bind("pbx") String pbxId, @Bind("linkedId") String linkedId,
                               @Bind("agent") String agent);

    @SqlQuery("SELECT code, label, active, survey, survey_delay_minutes FROM disposition_reasons ORDER BY code")
    @RegisterConstructorMapper(Reason.class)
    List<Reason> reasons();

    @SqlUpdate("INSERT INTO disposition_reasons (code, label, active, survey, survey_delay_minutes)"
            + " VALUES (:code, :label, :active, :survey, :surveyDelayMinutes) ON CONFLICT (code) DO UPDATE SET"
            + " label = excluded.label, active = excluded.active, survey = excluded.survey,"
            + " survey_delay_minutes = excluded.survey_delay_minutes")
    void saveReason(@BindMethods Reason reason);

    /** Case-aware FCR reads the contact's case and reason; the disposition is where they come from. */
    @SqlUpdate("UPDATE contacts SET case_id = :caseId, reason_code = :reasonCode,"
            + " customer_id = COALESCE(customer_id, :customerId) WHERE pbx_id = :pbxId AND linkedid = :linkedId")
    int markContact(@BindMethods Disposition disposition);

    /** The call's queue, "" for a call no queue was offered (a Dial straight to an agent); empty when unknown. */
    @SqlQuery("SELECT COALESCE(queue, '') FROM contacts WHERE pbx_id = :pbx AND linkedid = :linkedId")
    Optional<String> queueOf(@Bind("pbx") String pbxId, @Bind("linkedId") String linkedId);

    /** A configurable reason code and whether calls closed with it get a survey. */
    record Reason(String code, String label, boolean active, boolean survey, int surveyDelayMinutes) {}
}
