package io.aftercare.webhooks;

import io.aftercare.core.ConflictException;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import io.aftercare.web.Cursor;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Webhook subscriptions (validated; the secret generated when not given and shown only when created), the delivery
 * log, test pings and manual retries. Sending is the {@link WebhookDispatcher}'s, which {@code wake} nudges.
 * Thread-safe.
 */
public final class WebhookService {
    static final int MAX_URL = 2000;
    static final int MAX_DESCRIPTION = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable wake;

    /** @param wake asks the dispatcher to poll now (a test ping or a retry is due at once) */
    public WebhookService(Jdbi jdbi, Clock clock, Runnable wake) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.wake = wake;
    }

    /** A subscription just created, with its secret: the only time the API shows it. */
    public record Created(long id, String url, List<String> eventTypes, boolean active, String description,
                          Instant createdAt, Instant updatedAt, String secret) {}

    public List<Subscription> list() {
        return jdbi.withExtension(WebhookDao.class, dao -> dao.subscriptions().stream()
                .map(WebhookDao.SubscriptionRow::view).toList());
    }

    public Subscription get(long id) {
        return row(id).view();
    }

    public Created create(SubscriptionInput in) {
        if (in.url() == null) {
            throw new ValidationException("url is required");
        }
        if (in.eventTypes() == null) {
            throw new ValidationException("eventTypes is required: one or more of " + subscribable());
        }
        String secret = in.secret() == null ? newSecret() : secret(in.secret());
        Instant now = clock.instant();
        var row = new WebhookDao.SubscriptionRow(0, url(in.url()), secret, eventTypes(in.eventTypes()),
                in.active() == null || in.active(), description(in.description()), now, now);
        long id = jdbi.withExtension(WebhookDao.class, dao -> dao.insert(row));
        Subscription s = get(id);
        return new Created(id, s.url(), s.eventTypes(), s.active(), s.description(), s.createdAt(), s.updatedAt(),
                secret);
    }

    /** Changes the fields given; a new secret given here is not shown back either. */
    public Subscription update(long id, SubscriptionInput in) {
        return jdbi.inTransaction(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            var old = dao.subscription(id).orElseThrow(() -> notFound(id));
            dao.update(new WebhookDao.SubscriptionRow(id, in.url() == null ? old.url() : url(in.url()),
                    in.secret() == null ? old.secret() : secret(in.secret()),
                    in.eventTypes() == null ? old.eventTypes() : eventTypes(in.eventTypes()),
                    in.active() == null ? old.active() : in.active(),
                    in.description() == null ? old.description() : description(in.description()), old.createdAt(),
                    clock.instant()));
            return dao.subscription(id).orElseThrow().view();
        });
    }

    /** Deletes a subscription with its deliveries and their log. */
    public void delete(long id) {
        if (jdbi.withExtension(WebhookDao.class, dao -> dao.delete(id)) == 0) {
            throw notFound(id);
        }
    }

    /** A page of a subscription's deliveries, newest first (keyset by id, as every list: doc/api.md). */
    public Page<Delivery> deliveries(long subscriptionId, PageRequest page) {
        long beforeId = page.after() == null ? Long.MAX_VALUE : page.after().id();
        return Page.of(deliveries(subscriptionId, beforeId, page.fetch()), page, d -> Cursor.ofId(d.id()), null);
    }

    /** A subscription's deliveries, newest first, below {@code beforeId}. */
    List<Delivery> deliveries(long subscriptionId, long beforeId, int limit) {
        return jdbi.withHandle(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            dao.subscription(subscriptionId).orElseThrow(() -> notFound(subscriptionId));
            List<WebhookDao.DeliveryRow> rows = dao.deliveries(subscriptionId, beforeId, limit);
            if (rows.isEmpty()) {
                return List.of();
            }
            Map<Long, List<Delivery.Attempt>> attempts = dao.attempts(rows.stream().map(WebhookDao.DeliveryRow::id)
                    .toList()).stream().collect(Collectors.groupingBy(WebhookDao.AttemptRow::deliveryId,
                    Collectors.mapping(WebhookService::attempt, Collectors.toList())));
            return rows.stream().map(r -> delivery(r, attempts.getOrDefault(r.id(), List.of()))).toList();
        });
    }

    public Delivery delivery(long deliveryId) {
        return jdbi.withHandle(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            var row = dao.delivery(deliveryId)
                    .orElseThrow(() -> new NotFoundException("delivery " + deliveryId + " does not exist"));
            return delivery(row, dao.attempts(List.of(deliveryId)).stream().map(WebhookService::attempt).toList());
        });
    }

    /** Raises a ping event for this subscription alone and sends it now: its delivery. */
    public Delivery test(long subscriptionId) {
        Instant now = clock.instant();
        long deliveryId = jdbi.inTransaction(h -> {
            var s = h.attach(WebhookDao.class).subscription(subscriptionId).orElseThrow(() -> notFound(subscriptionId));
            if (!s.active()) {
                throw new ConflictException("webhook " + subscriptionId + " is not active: activate it first");
            }
            return WebhookOutbox.ping(h, subscriptionId, Map.of("webhookId", subscriptionId,
                    "message", "a test event from aftercare"), now);
        });
        wake.run();
        return delivery(deliveryId);
    }

    /**
     * Sends a delivery again now, whatever its state: pending (sooner), failed (one more attempt; if it fails
     * too, it fails again unless the schedule has attempts left), or delivered (again, with the same
     * Idempotency-Key).
     */
    public Delivery retry(long deliveryId) {
        if (jdbi.withExtension(WebhookDao.class, dao -> dao.retry(deliveryId, clock.instant())) == 0) {
            throw new NotFoundException("delivery " + deliveryId + " does not exist");
        }
        wake.run();
        return delivery(deliveryId);
    }

    private static Delivery delivery(WebhookDao.DeliveryRow r, List<Delivery.Attempt> attempts) {
        return new Delivery(r.id(), r.subscriptionId(), r.eventId(), r.eventType(), r.status(), r.attempts(),
                "pending".equals(r.status()) ? r.nextAttemptAt() : null, r.lastStatusCode(), r.lastError(),
                r.createdAt(), r.deliveredAt(), attempts);
    }

    private static Delivery.Attempt attempt(WebhookDao.AttemptRow a) {
        return new Delivery.Attempt(a.attempt(), a.startedAt(), a.durationMs() / 1000.0, a.statusCode(), a.error());
    }

    private WebhookDao.SubscriptionRow row(long id) {
        return jdbi.withExtension(WebhookDao.class, dao -> dao.subscription(id)).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("webhook " + id + " does not exist");
    }

    /** An absolute http or https URL with a host, no user info and no control characters. */
    static String url(String raw) {
        String url = raw.strip();
        if (url.isEmpty() || url.length() > MAX_URL || url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new ValidationException("url must be an http or https URL of at most " + MAX_URL
                    + " characters, without spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ValidationException("url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ValidationException("url must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ValidationException("url must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ValidationException("url must not hold a user name or password: the signature authenticates"
                    + " aftercare to the receiver");
        }
        return url;
    }

    static String secret(String secret) {
        if (secret.length() < 16 || secret.length() > 200 || secret.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new ValidationException("secret must be 16 to 200 printable ASCII characters without spaces");
        }
        return secret;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String eventTypes(List<String> types) {
        if (types.isEmpty()) {
            throw new ValidationException("eventTypes must name at least one of " + subscribable());
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String type : types) {
            codes.add(EventType.subscribable(type == null ? "" : type.strip()).code());
        }
        return String.join(",", codes);
    }

    private static String description(String description) {
        if (description == null) {
            return "";
        }
        String d = description.strip();
        if (d.length() > MAX_DESCRIPTION || d.chars().anyMatch(c -> c < 0x20)) {
            throw new ValidationException("description must be at most " + MAX_DESCRIPTION + " printable characters");
        }
        return d;
    }

    private static String subscribable() {
        return java.util.Arrays.stream(EventType.values()).filter(EventType::subscribable).map(EventType::code)
                .collect(Collectors.joining(", "));
    }
}
