package io.aftercare.customers;

import java.time.Instant;
import java.util.List;

/** A customer with their phone numbers, as the API returns it. Immutable. */
public record CustomerDetails(long id, String externalRef, String name, String email, String language, Tier tier,
                              String country, String timeZone, boolean surveyConsent, boolean doNotCall,
                              Instant createdAt, Instant updatedAt, List<CustomerPhone> phones) {

    public static CustomerDetails of(Customer c, List<CustomerPhone> phones) {
        return new CustomerDetails(c.id(), c.externalRef(), c.name(), c.email(), c.language(), c.tier(),
                c.country(), c.timeZone(), c.surveyConsent(), c.doNotCall(), c.createdAt(), c.updatedAt(),
                List.copyOf(phones));
    }
}
