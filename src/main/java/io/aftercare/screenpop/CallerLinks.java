package io.aftercare.screenpop;

import io.aftercare.auth.Principal;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.customers.CustomerService;
import io.aftercare.telephony.PhoneNumber;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * "This is the caller": an agent who found the customer of an unidentified call stamps the call with them, so the
 * pop, the disposition's case link and FCR know who called; optionally the caller's number joins the customer's
 * phones (journalled, so routing knows it within a second). Thread-safe.
 */
public final class CallerLinks {
    private final Jdbi jdbi;
    private final ScreenPopService pops;
    private final CustomerService customers;
    private final Clock clock;

    /** What the agent sends: the customer, and whether the caller's number becomes one of theirs. */
    public record LinkRequest(String pbxId, Long customerId, Boolean addNumber) {}

    /** The call now stamped with the customer; {@code numberAdded} is the E.164 added, or null. */
    public record Linked(String pbxId, String linkedId, long customerId, String numberAdded) {}

    public CallerLinks(Jdbi jdbi, ScreenPopService pops, CustomerService customers, Clock clock) {
        this.jdbi = jdbi;
        this.pops = pops;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Stamps call {@code linkedId} with the customer: 403 unless the agent rang with or handled it, 404 for an
     * unknown call or customer, 409 when the number is another customer's, 422 when the number cannot be added
     * (withheld or not a phone number).
     */
    public Linked link(Principal principal, String pbxId, String linkedId, LinkRequest request) {
        if (request.customerId() == null) {
            throw new ValidationException("customerId is required");
        }
        long customerId = request.customerId();
        boolean addNumber = Boolean.TRUE.equals(request.addNumber());
        pops.checkHandledBy(principal, pbxId, linkedId);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            String e164 = h.createQuery("SELECT caller_e164 FROM contacts WHERE pbx_id = :pbx AND linkedid = :id")
                    .bind("pbx", pbxId).bind("id", linkedId).mapTo(String.class).findFirst()
                    .orElseThrow(() -> new NotFoundException("call " + linkedId + " is not known"));
            String added = null;
            if (addNumber) {
                if (e164 == null) {
                    throw new ValidationException("the caller's number is withheld or not a phone number: it"
                            + " cannot be added to the customer");
                }
                added = customers.addPhone(h, customerId, new PhoneNumber(e164), now) ? e164 : null;
            } else if (h.createQuery("SELECT 1 FROM customers WHERE id = :id").bind("id", customerId)
                    .mapTo(Integer.class).findFirst().isEmpty()) {
                throw new NotFoundException("customer " + customerId + " does not exist");
            }
            h.createUpdate("UPDATE contacts SET customer_id = :customer, customer_linked_at = :at"
                            + " WHERE pbx_id = :pbx AND linkedid = :id")
                    .bind("customer", customerId).bind("at", now).bind("pbx", pbxId).bind("id", linkedId).execute();
            return new Linked(pbxId, linkedId, customerId, added);
        });
    }
}
