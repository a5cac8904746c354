package io.aftercare.customers;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The change journal ({@code customer_changes}) that keeps every instance's in-memory caller directory current:
 * a write that changes what routing knows about a customer (tier, language, phones, orders, warranties, open
 * cases) notes the customer in the same transaction, so the note commits or rolls back with the change.
 * Stateless and thread-safe.
 */
public final class CustomerChanges {
    private CustomerChanges() {}

    /** Notes that {@code customerId}'s routing facts changed, inside the caller's transaction. */
    public static void changed(Handle handle, long customerId, Instant at) {
        handle.createUpdate("INSERT INTO customer_changes (customer_id, changed_at) VALUES (:c, :at)")
                .bind("c", customerId).bind("at", at.toEpochMilli()).execute();
    }

    /** Notes that every customer may have changed (a product's category, a bulk load): directories re-read all. */
    public static void everyoneChanged(Handle handle, Instant at) {
        handle.createUpdate("INSERT INTO customer_changes (customer_id, changed_at) VALUES (NULL, :at)")
                .bind("at", at.toEpochMilli()).execute();
    }
}
