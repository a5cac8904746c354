package io.aftercare.controls;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What call controls read: agents' interfaces, queue names, and a customer's name, numbers and do-not-call marks. A
 * jdbi SqlObject: thread-safe on its own handles.
 */
public interface ControlsDao {
    /** A customer as click-to-call needs them. */
    record Callee(long id, String name, boolean doNotCall) {}

    @SqlQuery("SELECT interface FROM agents WHERE id = :id")
    Optional<String> interfaceOf(@Bind("id") long agentId);

    @SqlQuery("SELECT interface FROM agents WHERE login = :login")
    Optional<String> interfaceOfLogin(@Bind("login") String login);

    @SqlQuery("SELECT COUNT(*) > 0 FROM queues WHERE name = :name")
    boolean queueExists(@Bind("name") String name);

    @SqlQuery("SELECT id, name, do_not_call FROM customers WHERE id = :id")
    @RegisterConstructorMapper(Callee.class)
    Optional<Callee> customer(@Bind("id") long customerId);

    @SqlQuery("SELECT c.id, c.name, c.do_not_call FROM customers c JOIN customer_phones p ON p.customer_id = c.id"
            + " WHERE p.e164 = :e164")
    @RegisterConstructorMapper(Callee.class)
    Optional<Callee> customerOf(@Bind("e164") String e164);

    /** The customer's numbers, the first stored first. */
    @SqlQuery("SELECT e164 FROM customer_phones WHERE customer_id = :id ORDER BY created_at, e164")
    List<String> phones(@Bind("id") long customerId);

    /** True when the number, or the customer (when not null), is on the do-not-call list. */
    @SqlQuery("SELECT COUNT(*) > 0 FROM do_not_call WHERE e164 = :e164 OR customer_id = :customer")
    boolean onDoNotCallList(@Bind("e164") String e164, @Bind("customer") Long customerId);
}
