package io.aftercare.customers;

import io.aftercare.core.ValidationException;
import io.aftercare.persistence.Like;
import io.aftercare.persistence.SearchKeys;
import io.aftercare.telephony.PhoneNumber;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Customers and their phone numbers in SQL; attach to a handle for one transaction. Not thread-safe. */
@RegisterConstructorMapper(Customer.class)
@RegisterConstructorMapper(CustomerPhone.class)
public interface CustomerDao {
    String COLUMNS = "id, external_ref, name, email, language, tier, country, time_zone, survey_consent, "
            + "do_not_call, created_at, updated_at";

    /** Inserts the customer with its search keys (sql/V21); returns the new id. */
    default long insert(Customer customer) {
        return insert(customer, SearchKeys.text(customer.name()), SearchKeys.text(customer.email()));
    }

    @SqlQuery("INSERT INTO customers (external_ref, name, email, language, tier, country, time_zone, survey_consent,"
            + " do_not_call, created_at, updated_at, name_key, email_key) VALUES (:externalRef, :name, :email,"
            + " :language, :tier, :country, :timeZone, :surveyConsent, :doNotCall, :createdAt, :updatedAt, :nameKey,"
            + " :emailKey) RETURNING id")
    long insert(@BindMethods Customer customer, @Bind("nameKey") String nameKey, @Bind("emailKey") String emailKey);

    /** Changes the customer and its search keys (sql/V21). */
    default int update(Customer customer) {
        return update(customer, SearchKeys.text(customer.name()), SearchKeys.text(customer.email()));
    }

    @SqlUpdate("UPDATE customers SET external_ref = :externalRef, name = :name, email = :email, language = :language,"
            + " tier = :tier, country = :country, time_zone = :timeZone, survey_consent = :surveyConsent,"
            + " do_not_call = :doNotCall, updated_at = :updatedAt, name_key = :nameKey, email_key = :emailKey"
            + " WHERE id = :id")
    int update(@BindMethods Customer customer, @Bind("nameKey") String nameKey, @Bind("emailKey") String emailKey);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE id = :id")
    Optional<Customer> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE external_ref = :ref")
    Optional<Customer> findByExternalRef(@Bind("ref") String externalRef);

    @SqlQuery("SELECT c.id, c.external_ref, c.name, c.email, c.language, c.tier, c.country, c.time_zone,"
            + " c.survey_consent, c.do_not_call, c.created_at, c.updated_at"
            + " FROM customers c JOIN customer_phones p ON p.customer_id = c.id WHERE p.e164 = :e164")
    Optional<Customer> findByPhone(@Bind("e164") PhoneNumber e164);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE id IN (<ids>)")
    List<Customer> findAll(@BindList("ids") List<Long> ids);

    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE id > :afterId ORDER BY id LIMIT :limit")
    List<Customer> page(@Bind("afterId") long afterId, @Bind("limit") int limit);

    /** Names containing {@code pattern} (a {@link Like} pattern of a {@link SearchKeys#text} key), by id. */
    @SqlQuery("SELECT " + COLUMNS + " FROM customers WHERE name_key LIKE :pattern" + Like.ESCAPE
            + " AND id > :afterId ORDER BY id LIMIT :limit")
    List<Customer> searchByName(@Bind("pattern") String keyPattern, @Bind("afterId") long afterId,
                                @Bind("limit") int limit);

    @SqlQuery("SELECT e164, customer_id, kind FROM customer_phones WHERE customer_id = :id ORDER BY created_at, e164")
    List<CustomerPhone> phones(@Bind("id") long customerId);

    @SqlQuery("SELECT e164, customer_id, kind FROM customer_phones WHERE customer_id IN (<ids>) ORDER BY e164")
    List<CustomerPhone> phonesOf(@BindList("ids") List<Long> customerIds);

    @SqlQuery("SELECT e164, customer_id, kind FROM customer_phones WHERE e164 IN (<numbers>)")
    List<CustomerPhone> findPhones(@BindList("numbers") List<String> e164s);

    @SqlBatch("INSERT INTO customer_phones (e164, customer_id, kind, created_at) VALUES (:e164, :customerId, :kind, :createdAt)")
    void insertPhones(@BindMethods List<CustomerPhone> phones, @Bind("createdAt") Instant createdAt);

    @SqlUpdate("DELETE FROM customer_phones WHERE customer_id = :id")
    void deletePhones(@Bind("id") long customerId);

    @SqlQuery("SELECT count(*) FROM customers")
    long count();

    /**
     * The id of the customer a record names by our id or by the shop's reference (externalRef), as orders,
     * warranties and cases arriving from other systems do; a 422 when neither names a customer.
     */
    default long resolve(Long customerId, String customerRef) {
        if (customerId != null) {
            return find(customerId).orElseThrow(() ->
                    new ValidationException("customer " + customerId + " does not exist")).id();
        }
        if (customerRef != null) {
            return findByExternalRef(customerRef).orElseThrow(() ->
                    new ValidationException("no customer with externalRef " + customerRef)).id();
        }
        throw new ValidationException("customerId or customerRef is required");
    }
}
