package io.aftercare.customers;

import io.aftercare.core.Coded;

/** What kind of line a customer's number is. Immutable. */
public enum PhoneKind implements Coded {
    MOBILE, HOME, WORK, OTHER
}
