package io.aftercare.cases;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Cases in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(SupportCase.class)
public interface CaseDao {
    /** The calls disposed of with a case, oldest first, as steps of its history. */
    @SqlQuery("SELECT created_at AS at, 'call' AS kind, agent, reason_code, resolved, notes, linkedid AS linked_id"
            + " FROM dispositions WHERE case_id = :id ORDER BY created_at, id")
    @RegisterConstructorMapper(CaseEvent.class)
    List<CaseEvent> calls(@Bind("id") long caseId);

    String COLUMNS = "id, customer_id, type, status, subject, sku, serial_number, owner_agent_id, opened_at,"
            + " updated_at, closed_at";

    @SqlQuery("INSERT INTO cases (customer_id, type, status, subject, sku, serial_number, owner_agent_id, opened_at,"
            + " updated_at, closed_at) VALUES (:customerId, :type, :status, :subject, :sku, :serialNumber,"
            + " :ownerAgentId, :openedAt, :updatedAt, :closedAt) RETURNING id")
    long insert(@BindMethods SupportCase supportCase);

    @SqlUpdate("UPDATE cases SET type = :type, status = :status, subject = :subject, sku = :sku,"
            + " serial_number = :serialNumber, owner_agent_id = :ownerAgentId, updated_at = :updatedAt,"
            + " closed_at = :closedAt WHERE id = :id")
    int update(@BindMethods SupportCase supportCase);

    @SqlQuery("SELECT " + COLUMNS + " FROM cases WHERE id = :id")
    Optional<SupportCase> find(@Bind("id") long id);

    /** Newest first, after the keyset position (opened_at, id) = (:at, :id) (Long.MAX_VALUE twice: the first). */
    String BEFORE = " AND opened_at <= :at AND (opened_at < :at OR id < :id)"
            + " ORDER BY opened_at DESC, id DESC LIMIT :limit";

    @SqlQuery("SELECT " + COLUMNS + " FROM cases WHERE customer_id = :customerId" + BEFORE)
    List<SupportCase> ofCustomer(@Bind("customerId") long customerId, @Bind("at") long openedAt, @Bind("id") long id,
                                 @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM cases WHERE status IN ('open', 'in_progress', 'waiting_customer')" + BEFORE)
    List<SupportCase> open(@Bind("at") long openedAt, @Bind("id") long id, @Bind("limit") int limit);
}
