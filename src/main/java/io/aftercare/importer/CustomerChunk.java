package io.aftercare.importer;

import io.aftercare.customers.CustomerBulkInsert;
import io.aftercare.customers.CustomerInput;
import io.aftercare.customers.CustomerPhone;
import io.aftercare.customers.CustomerService;
import io.aftercare.customers.CustomerService.NewCustomer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Stores a chunk of customers at once: each checked by {@link CustomerService#validate} (the API's rules), then
 * the external refs and phone numbers of the whole chunk looked up in two queries, then each customer refused
 * with the API's 409 when a ref or number is taken (in the database or earlier in the chunk) or queued, and the
 * queued ones written as plain JDBC batches ({@link CustomerBulkInsert}). What made the import several times faster than {@code create} per record (doc/benchmarks.md,
 * "Import"). Stateless and thread-safe.
 */
final class CustomerChunk implements ChunkWriter.Bulk<CustomerInput> {
    private final CustomerService customers;

    CustomerChunk(CustomerService customers) {
        this.customers = customers;
    }

    @Override
    public List<Object> store(Handle handle, List<CustomerInput> inputs) throws SQLException {
        List<Object> outcomes = new ArrayList<>(inputs.size());
        Set<String> refs = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        for (CustomerInput input : inputs) {
            try {
                NewCustomer draft = customers.validate(input);
                if (draft.customer().externalRef() != null) {
                    refs.add(draft.customer().externalRef());
                }
                draft.phones().forEach(p -> numbers.add(p.e164().e164()));
                outcomes.add(draft);
            } catch (RuntimeException e) { // ValidationException, as the API answers 422
                outcomes.add(e);
            }
        }
        try (CustomerBulkInsert bulk = new CustomerBulkInsert(handle)) {
            Map<String, Long> refOwners = bulk.refOwners(refs);
            Map<String, Long> phoneOwners = bulk.phoneOwners(numbers);
            bulk.reserve((int) outcomes.stream().filter(o -> o instanceof NewCustomer).count());
            for (int i = 0; i < outcomes.size(); i++) {
                if (!(outcomes.get(i) instanceof NewCustomer draft)) {
                    continue;
                }
                String ref = draft.customer().externalRef();
                Long refOwner = ref == null ? null : refOwners.get(ref);
                if (refOwner != null) {
                    outcomes.set(i, CustomerService.refTaken(ref, refOwner));
                    continue;
                }
                RuntimeException phoneTaken = null;
                for (CustomerPhone phone : draft.phones()) {
                    Long owner = phoneOwners.get(phone.e164().e164());
                    if (owner != null) {
                        phoneTaken = CustomerService.phoneTaken(phone.e164().e164(), owner);
                        break;
                    }
                }
                if (phoneTaken != null) {
                    outcomes.set(i, phoneTaken);
                    continue;
                }
                long id = bulk.insert(draft);
                if (ref != null) {
                    refOwners.put(ref, id);
                }
                draft.phones().forEach(p -> phoneOwners.put(p.e164().e164(), id));
                outcomes.set(i, id);
            }
            bulk.flush();
        }
        return outcomes;
    }
}
