package io.aftercare.routing;

import io.aftercare.cases.CaseType;
import io.aftercare.customers.Tier;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The indexed reads that build a call's routing context; attach to a handle. Not thread-safe. */
public interface RoutingLookupDao {

    /** The caller's customer row, as far as routing needs it. */
    record CustomerRow(long id, Tier tier, String language) {}

    /** The caller's customer with the newest order (null when none) and whether a warranty is active, in one read. */
    record CallerRow(long id, Tier tier, String language, Long lastOrderId, LocalDate lastOrderedOn,
                     boolean warrantyActive) {}

    /** An open case with its owner's interface (null when unowned). */
    record CaseRow(long id, CaseType type, String ownerInterface) {}

    /** The newest order of a customer. */
    record LastOrder(long id, LocalDate orderedOn) {}

    @SqlQuery("SELECT c.id, c.tier, c.language FROM customer_phones p JOIN customers c ON c.id = p.customer_id"
            + " WHERE p.e164 = :e164")
    @RegisterConstructorMapper(CustomerRow.class)
    Optional<CustomerRow> customerByPhone(@Bind("e164") String e164);

    /**
     * One statement instead of three (customer, last order, warranty): each statement costs about as much in
     * JDBC and jdbi overhead as in SQLite, so the route does fewer (doc/benchmarks.md, "FastAGI route").
     */
    @SqlQuery("SELECT c.id, c.tier, c.language,"
            + " (SELECT o.id FROM orders o WHERE o.customer_id = c.id ORDER BY o.ordered_on DESC, o.id DESC LIMIT 1)"
            + " AS last_order_id,"
            + " (SELECT o.ordered_on FROM orders o WHERE o.customer_id = c.id ORDER BY o.ordered_on DESC, o.id DESC"
            + " LIMIT 1) AS last_ordered_on,"
            + " EXISTS (SELECT 1 FROM warranties w WHERE w.customer_id = c.id AND w.starts_on <= :today"
            + " AND w.ends_on >= :today) AS warranty_active"
            + " FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = :e164")
    @RegisterConstructorMapper(CallerRow.class)
    Optional<CallerRow> caller(@Bind("e164") String e164, @Bind("today") LocalDate today);

    @SqlQuery("SELECT c.id, c.type, a.interface AS owner_interface FROM cases c"
            + " LEFT JOIN agents a ON a.id = c.owner_agent_id WHERE c.customer_id = :customerId"
            + " AND c.status IN ('open', 'in_progress', 'waiting_customer')"
            + " ORDER BY c.opened_at DESC, c.id DESC LIMIT 10")
    @RegisterConstructorMapper(CaseRow.class)
    List<CaseRow> openCases(@Bind("customerId") long customerId);

    @SqlQuery("SELECT id, ordered_on FROM orders WHERE customer_id = :customerId"
            + " ORDER BY ordered_on DESC, id DESC LIMIT 1")
    @RegisterConstructorMapper(LastOrder.class)
    Optional<LastOrder> lastOrder(@Bind("customerId") long customerId);

    @SqlQuery("SELECT DISTINCT p.category FROM order_lines l JOIN products p ON p.sku = l.sku"
            + " WHERE l.order_id = :orderId ORDER BY p.category")
    List<String> categoriesOf(@Bind("orderId") long orderId);

    @SqlQuery("SELECT id FROM warranties WHERE customer_id = :customerId AND starts_on <= :today"
            + " AND ends_on >= :today LIMIT 1")
    Optional<Long> activeWarranty(@Bind("customerId") long customerId, @Bind("today") LocalDate today);
}
