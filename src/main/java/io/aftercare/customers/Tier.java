package io.aftercare.customers;

import io.aftercare.core.Coded;

/** A customer's service tier; VIPs are routed to a priority queue. Immutable. */
public enum Tier implements Coded {
    STANDARD, SILVER, GOLD, VIP
}
