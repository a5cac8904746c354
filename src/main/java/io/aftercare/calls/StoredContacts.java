package io.aftercare.calls;

import java.util.Collection;
import org.jdbi.v3.core.Handle;

/**
 * Told, inside the call-record writer's transaction, of the contacts a batch stores (folded: the latest record of
 * each call), so that what it writes commits with them; webhooks raise {@code call.ended} here. A failure is
 * rolled back to before it and logged, never holding up the records. Called on the writer thread only.
 */
@FunctionalInterface
public interface StoredContacts {
    StoredContacts NONE = (handle, contacts) -> {};

    void stored(Handle handle, Collection<ContactRecord> contacts);

    /** This hook, then {@code next}, in the same transaction. */
    default StoredContacts andThen(StoredContacts next) {
        return (handle, contacts) -> {
            stored(handle, contacts);
            next.stored(handle, contacts);
        };
    }
}
