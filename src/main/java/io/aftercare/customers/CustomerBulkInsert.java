package io.aftercare.customers;

import io.aftercare.persistence.SearchKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Stores many customers checked by {@link CustomerService#validate} in the caller's transaction with plain JDBC:
 * ids taken ahead in one query (PostgreSQL: the identity sequence; SQLite: after the highest id and AUTOINCREMENT's
 * high-water mark, a concurrent writer then making the batch fail on the key), customers, phones and the change
 * journal as three batches, and the ownership checks as lookups of up to 500 keys. The same rows as
 * {@link CustomerService#create} (search keys, journal), without its per-customer queries and read-back, so a
 * chunk costs a handful of round trips; the importer's fast path (see doc/benchmarks.md, "Import"). Not
 * thread-safe; one per chunk, closed before the transaction ends.
 */
public final class CustomerBulkInsert implements AutoCloseable {
    private static final int KEYS_PER_LOOKUP = 500;

    private final Connection connection;
    private final boolean postgres;
    private final ArrayDeque<Long> ids = new ArrayDeque<>();
    private long nextSqliteId;
    private final PreparedStatement customer;
    private final PreparedStatement phones;
    private final PreparedStatement changes;

    public CustomerBulkInsert(Handle handle) throws SQLException {
        this.connection = handle.getConnection();
        this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        this.customer = connection.prepareStatement("INSERT INTO customers (external_ref, name, email, language, tier,"
                + " country, time_zone, survey_consent, do_not_call, created_at, updated_at, name_key, email_key, id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.phones = connection.prepareStatement("INSERT INTO customer_phones (e164, customer_id, kind, created_at)"
                + " VALUES (?, ?, ?, ?)");
        this.changes = connection.prepareStatement("INSERT INTO customer_changes (customer_id, changed_at) VALUES (?, ?)");
    }

    /** The customers owning these external refs, by ref. */
    public Map<String, Long> refOwners(Collection<String> refs) throws SQLException {
        return owners("SELECT external_ref, id FROM customers WHERE external_ref IN ", refs);
    }

    /** The customers owning these numbers (E.164), by number. */
    public Map<String, Long> phoneOwners(Collection<String> e164s) throws SQLException {
        return owners("SELECT e164, customer_id FROM customer_phones WHERE e164 IN ", e164s);
    }

    /** Takes ids for up to {@code count} customers ahead of {@link #insert}; ids left unused are gaps. */
    public void reserve(int count) throws SQLException {
        if (postgres) {
            try (PreparedStatement next = connection.prepareStatement(
                    "SELECT nextval(pg_get_serial_sequence('customers', 'id')) FROM generate_series(1, ?)")) {
                next.setInt(1, count);
                try (ResultSet rs = next.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
        } else if (nextSqliteId == 0) {
            try (PreparedStatement top = connection.prepareStatement("SELECT max(coalesce((SELECT max(id) FROM"
                    + " customers), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'customers'), 0))");
                 ResultSet rs = top.executeQuery()) {
                rs.next();
                nextSqliteId = rs.getLong(1) + 1;
            }
        }
    }

    /** Queues the customer, its phones and its journal entry for {@link #flush}; returns its id. */
    public long insert(CustomerService.NewCustomer draft) throws SQLException {
        Customer c = draft.customer();
        customer.setString(1, c.externalRef());
        customer.setString(2, c.name());
        customer.setString(3, c.email());
        customer.setString(4, c.language());
        customer.setString(5, c.tier().code());
        customer.setString(6, c.country());
        customer.setString(7, c.timeZone());
        customer.setBoolean(8, c.surveyConsent());
        customer.setBoolean(9, c.doNotCall());
        customer.setLong(10, c.createdAt().toEpochMilli());
        customer.setLong(11, c.updatedAt().toEpochMilli());
        setNullable(customer, 12, SearchKeys.text(c.name()));
        setNullable(customer, 13, SearchKeys.text(c.email()));
        long id = postgres ? ids.remove() : nextSqliteId++;
        customer.setLong(14, id);
        customer.addBatch();
        for (CustomerPhone phone : draft.phones()) {
            phones.setString(1, phone.e164().e164());
            phones.setLong(2, id);
            phones.setString(3, phone.kind().code());
            phones.setLong(4, c.createdAt().toEpochMilli());
            phones.addBatch();
        }
        changes.setLong(1, id);
        changes.setLong(2, c.createdAt().toEpochMilli());
        changes.addBatch();
        return id;
    }

    /** Writes the queued customers, phones and journal entries. */
    public void flush() throws SQLException {
        customer.executeBatch();
        phones.executeBatch();
        changes.executeBatch();
    }

    @Override
    public void close() throws SQLException {
        try (customer; phones; changes) {
            // closes the three statements, the connection stays the handle's
        }
    }

    private Map<String, Long> owners(String query, Collection<String> keys) throws SQLException {
        Map<String, Long> owners = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_LOOKUP) {
            List<String> part = all.subList(from, Math.min(all.size(), from + KEYS_PER_LOOKUP));
            try (PreparedStatement select = connection.prepareStatement(query + "("
                    + String.join(",", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    select.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        owners.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        return owners;
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
