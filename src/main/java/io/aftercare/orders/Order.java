package io.aftercare.orders;

import java.time.Instant;
import java.time.LocalDate;

/** An order header as stored; money in minor units of its currency. Immutable. */
public record Order(long id, String orderNumber, long customerId, LocalDate orderedOn, long totalMinor,
                    String currency, String channel, Instant createdAt) {}
