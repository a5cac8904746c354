package io.aftercare.webhooks;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Webhook subscriptions, deliveries and attempts in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(WebhookDao.SubscriptionRow.class)
@RegisterConstructorMapper(WebhookDao.DueDelivery.class)
@RegisterConstructorMapper(WebhookDao.DeliveryRow.class)
@RegisterConstructorMapper(WebhookDao.AttemptRow.class)
public interface WebhookDao {
    /** A subscription as stored; {@code eventTypes} comma-separated. */
    record SubscriptionRow(long id, String url, String secret, String eventTypes, boolean active, String description,
                           Instant createdAt, Instant updatedAt) {
        Subscription view() {
            return new Subscription(id, url, List.of(eventTypes.split(",")), active, description, createdAt,
                    updatedAt);
        }
    }

    /** A pending delivery that is due, with what sending it takes. */
    record DueDelivery(long id, long subscriptionId, String url, String secret, String eventId, String eventType,
                       String payload, Instant eventAt, int attempts, Instant nextAttemptAt) {}

    record DeliveryRow(long id, long subscriptionId, String eventId, String eventType, String status, int attempts,
                       Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt,
                       Instant deliveredAt) {}

    record AttemptRow(long deliveryId, int attempt, Instant startedAt, long durationMs, Integer statusCode,
                      String error) {}

    String SUBSCRIPTION = "SELECT id, url, secret, event_types, active, description, created_at, updated_at"
            + " FROM webhook_subscriptions ";

    @SqlQuery(SUBSCRIPTION + "ORDER BY id")
    List<SubscriptionRow> subscriptions();

    @SqlQuery(SUBSCRIPTION + "WHERE id = :id")
    Optional<SubscriptionRow> subscription(@Bind("id") long id);

    @SqlQuery("INSERT INTO webhook_subscriptions (url, secret, event_types, active, description, created_at,"
            + " updated_at) VALUES (:url, :secret, :eventTypes, :active, :description, :createdAt, :updatedAt)"
            + " RETURNING id")
    long insert(@BindMethods SubscriptionRow row);

    @SqlUpdate("UPDATE webhook_subscriptions SET url = :url, secret = :secret, event_types = :eventTypes,"
            + " active = :active, description = :description, updated_at = :updatedAt WHERE id = :id")
    void update(@BindMethods SubscriptionRow row);

    @SqlUpdate("DELETE FROM webhook_subscriptions WHERE id = :id")
    int delete(@Bind("id") long id);

    String DELIVERY = "SELECT d.id, d.subscription_id, o.event_id, o.event_type, d.status, d.attempts,"
            + " d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, d.delivered_at"
            + " FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.outbox_id ";

    /** A subscription's deliveries below {@code beforeId}, newest first. */
    @SqlQuery(DELIVERY + "WHERE d.subscription_id = :s AND d.id < :beforeId ORDER BY d.id DESC LIMIT :limit")
    List<DeliveryRow> deliveries(@Bind("s") long subscriptionId, @Bind("beforeId") long beforeId,
                                 @Bind("limit") int limit);

    @SqlQuery(DELIVERY + "WHERE d.id = :id")
    Optional<DeliveryRow> delivery(@Bind("id") long id);

    @SqlQuery("SELECT delivery_id, attempt, started_at, duration_ms, status_code, error FROM webhook_attempts"
            + " WHERE delivery_id IN (<ids>) ORDER BY delivery_id, id")
    List<AttemptRow> attempts(@BindList("ids") Collection<Long> deliveryIds);

    /**
     * Pending deliveries of active subscriptions that are due, soonest first, leaving out the subscriptions in
     * {@code busy} (their share of attempts is in flight; never empty: give an id no subscription has).
     */
    @SqlQuery("SELECT d.id, d.subscription_id, s.url, s.secret, o.event_id, o.event_type, o.payload,"
            + " o.created_at AS event_at, d.attempts, d.next_attempt_at"
            + " FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id"
            + " JOIN webhook_outbox o ON o.id = d.outbox_id"
            + " WHERE d.status = 'pending' AND d.next_attempt_at <= :now AND s.active = TRUE"
            + " AND d.subscription_id NOT IN (<busy>) ORDER BY d.next_attempt_at, d.id LIMIT :limit")
    List<DueDelivery> due(@Bind("now") Instant now, @BindList("busy") Collection<Long> busy,
                          @Bind("limit") int limit);

    /**
     * Takes a due delivery for one attempt: moves its next attempt to {@code leaseUntil}, so that no other poll
     * (or instance) sends it meanwhile, and so that it is tried again then if this process dies mid-attempt.
     * 0 when another took it first.
     */
    @SqlUpdate("UPDATE webhook_deliveries SET next_attempt_at = :leaseUntil WHERE id = :id AND status = 'pending'"
            + " AND next_attempt_at = :seen")
    int claim(@Bind("id") long id, @Bind("seen") Instant seen, @Bind("leaseUntil") Instant leaseUntil);

    @SqlUpdate("INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error)"
            + " VALUES (:deliveryId, :attempt, :startedAt, :durationMs, :statusCode, :error)")
    void insertAttempt(@BindMethods AttemptRow attempt);

    /** Records an attempt's result: delivered, pending with the next attempt's time, or failed. */
    @SqlUpdate("UPDATE webhook_deliveries SET status = :status, attempts = :attempts, next_attempt_at = :next,"
            + " last_status_code = :code, last_error = :error,"
            + " delivered_at = COALESCE(:deliveredAt, delivered_at) WHERE id = :id")
    void finish(@Bind("id") long id, @Bind("status") String status, @Bind("attempts") int attempts,
                @Bind("next") Instant next, @Bind("code") Integer statusCode, @Bind("error") String error,
                @Bind("deliveredAt") Instant deliveredAt);

    /** Sends a delivery again now (also a delivered or failed one). */
    @SqlUpdate("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = :now WHERE id = :id")
    int retry(@Bind("id") long id, @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'")
    long pending();

    /** Events (and so their deliveries and attempts) raised before {@code before}. */
    @SqlUpdate("DELETE FROM webhook_outbox WHERE created_at < :before")
    int prune(@Bind("before") Instant before);
}
