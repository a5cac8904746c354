package io.aftercare.warranties;

import io.aftercare.persistence.SearchKeys;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Warranties in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(Warranty.class)
public interface WarrantyDao {
    String COLUMNS = "id, customer_id, serial_number, sku, plan, starts_on, ends_on";

    /** Inserts the warranty with its serial number's search keys (sql/V21); returns the new id. */
    default long insert(Warranty warranty) {
        String key = SearchKeys.code(warranty.serialNumber());
        return insert(warranty, key, SearchKeys.reversed(key));
    }

    @SqlQuery("INSERT INTO warranties (customer_id, serial_number, sku, plan, starts_on, ends_on, serial_key,"
            + " serial_rkey) VALUES (:customerId, :serialNumber, :sku, :plan, :startsOn, :endsOn, :key, :rkey)"
            + " RETURNING id")
    long insert(@BindMethods Warranty warranty, @Bind("key") String key, @Bind("rkey") String rkey);

    @SqlQuery("SELECT " + COLUMNS + " FROM warranties WHERE id = :id")
    Optional<Warranty> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM warranties WHERE serial_number = :serial ORDER BY ends_on DESC")
    List<Warranty> bySerial(@Bind("serial") String serial);

    @SqlQuery("SELECT " + COLUMNS + " FROM warranties WHERE serial_number = :serial AND plan = :plan")
    Optional<Warranty> bySerialAndPlan(@Bind("serial") String serial, @Bind("plan") String plan);

    @SqlQuery("SELECT " + COLUMNS + " FROM warranties WHERE customer_id = :customerId ORDER BY ends_on DESC, id")
    List<Warranty> ofCustomer(@Bind("customerId") long customerId);
}
