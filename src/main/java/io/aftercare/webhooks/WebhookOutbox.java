package io.aftercare.webhooks;

import io.aftercare.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes events into the outbox inside the caller's transaction, and fans each out there and then into one pending
 * delivery per active subscription that wants its type; so an event commits or rolls back with the change it
 * reports, and one that no subscription wants writes nothing. The dispatcher ({@link WebhookDispatcher}) reads only
 * what committed. Stateless and thread-safe.
 */
public final class WebhookOutbox {
    private static final String WANTED = "s.active = TRUE AND ',' || s.event_types || ',' LIKE :pattern";

    private WebhookOutbox() {}

    /** Raises an event of {@code type} whose data is {@code data} (written as JSON); its id is new. */
    public static Optional<UUID> append(Handle handle, EventType type, Object data, Instant at) {
        return insert(handle, UUID.randomUUID(), type, data, at);
    }

    /**
     * Raises the event of {@code type} about {@code subject} at most once, however often it is called: its id is
     * derived from both (a name-based UUID), so a record written again (a call record stored twice) raises nothing
     * new while the first is in the outbox (7 days).
     */
    public static Optional<UUID> appendOnce(Handle handle, EventType type, String subject, Object data, Instant at) {
        UUID id = UUID.nameUUIDFromBytes((type.code() + '\u0000' + subject).getBytes(StandardCharsets.UTF_8));
        return insert(handle, id, type, data, at);
    }

    /** True when an active subscription wants {@code type}: lets a busy writer skip building data nobody wants. */
    public static boolean wanted(Handle handle, EventType type) {
        return handle.createQuery("SELECT 1 FROM webhook_subscriptions s WHERE " + WANTED)
                .bind("pattern", pattern(type)).mapTo(Integer.class).findFirst().isPresent();
    }

    private static Optional<UUID> insert(Handle handle, UUID id, EventType type, Object data, Instant at) {
        int stored = handle.createUpdate("INSERT INTO webhook_outbox (event_id, event_type, payload, created_at)"
                        + " SELECT :id, :type, :payload, :at WHERE EXISTS"
                        + " (SELECT 1 FROM webhook_subscriptions s WHERE " + WANTED + ")"
                        + " ON CONFLICT (event_id) DO NOTHING")
                .bind("id", id.toString()).bind("type", type.code()).bind("payload", Json.write(data))
                .bind("at", at.toEpochMilli()).bind("pattern", pattern(type)).execute();
        if (stored == 0) {
            return Optional.empty();
        }
        handle.createUpdate("INSERT INTO webhook_deliveries (subscription_id, outbox_id, status, attempts,"
                        + " next_attempt_at, created_at) SELECT s.id, o.id, 'pending', 0, :at, :at"
                        + " FROM webhook_outbox o, webhook_subscriptions s WHERE o.event_id = :id AND " + WANTED)
                .bind("id", id.toString()).bind("at", at.toEpochMilli()).bind("pattern", pattern(type)).execute();
        return Optional.of(id);
    }

    /** A {@link EventType#PING} event for one subscription, whatever types it wants: the id of its delivery. */
    static long ping(Handle handle, long subscriptionId, Object data, Instant at) {
        String id = UUID.randomUUID().toString();
        long outboxId = handle.createQuery("INSERT INTO webhook_outbox (event_id, event_type, payload, created_at)"
                        + " VALUES (:id, :type, :payload, :at) RETURNING id")
                .bind("id", id).bind("type", EventType.PING.code()).bind("payload", Json.write(data))
                .bind("at", at.toEpochMilli()).mapTo(Long.class).one();
        return handle.createQuery("INSERT INTO webhook_deliveries (subscription_id, outbox_id, status, attempts,"
                        + " next_attempt_at, created_at) VALUES (:s, :o, 'pending', 0, :at, :at) RETURNING id")
                .bind("s", subscriptionId).bind("o", outboxId).bind("at", at.toEpochMilli()).mapTo(Long.class).one();
    }

    private static String pattern(EventType type) {
        return "%," + type.code() + ",%";
    }
}
