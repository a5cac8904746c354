package io.aftercare.customers;

import io.aftercare.telephony.PhoneNumber;

/** One of a customer's phone numbers, unique across all customers. Immutable. */
public record CustomerPhone(PhoneNumber e164, long customerId, PhoneKind kind) {}
