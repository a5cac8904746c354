package io.aftercare.webhooks;

import java.time.Instant;
import java.util.List;

/** A webhook subscription as the API shows it: never its secret. Immutable. */
public record Subscription(long id, String url, List<String> eventTypes, boolean active, String description,
                           Instant createdAt, Instant updatedAt) {
    public Subscription {
        eventTypes = List.copyOf(eventTypes);
    }
}
