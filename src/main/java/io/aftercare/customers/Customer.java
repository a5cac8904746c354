package io.aftercare.customers;

import java.time.Instant;

/** A customer of the business as stored; phones are held apart in {@link CustomerPhone}. Immutable. */
public record Customer(long id, String externalRef, String name, String email, String language, Tier tier,
                       String country, String timeZone, boolean surveyConsent, boolean doNotCall,
                       Instant createdAt, Instant updatedAt) {}
