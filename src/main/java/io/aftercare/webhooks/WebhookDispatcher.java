package io.aftercare.webhooks;

import io.aftercare.web.Json;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries: one poller thread reads the due ones and takes each for an attempt (a lease in the
 * database), and each attempt is a signed POST on its own virtual thread, never an event loop. At most
 * {@code maxInFlight} attempts run at once, and at most {@code perSubscription} for one subscription, so a receiver
 * that hangs holds only its own share (each for at most {@code requestTimeout}) while the others' go on. A 2xx
 * answer delivers; anything else is tried again on the {@link Backoff} schedule, then fails for good. All state is
 * in the database: a delivery whose attempt was cut short by a stop is tried again when its lease ends.
 * Deliveries to one subscription are not ordered. Thread-safe.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** How much longer than the request timeout an attempt holds its delivery. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final int MAX_ERROR = 300;

    /**
     * @param retention how long events (and their deliveries and attempts) are kept
     */
    public record Settings(Duration pollInterval, Duration requestTimeout, int maxInFlight, int perSubscription,
                           Duration retention) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(10), 16, 4,
                Duration.ofDays(7));

        public Settings {
            if (maxInFlight < 1 || perSubscription < 1 || perSubscription > maxInFlight) {
                throw new IllegalArgumentException("need 1 <= perSubscription <= maxInFlight");
            }
        }
    }

    /** What an attempt led to, for {@code aftercare_webhook_deliveries_total{outcome}}. */
    public enum Outcome {
        DELIVERED("delivered"), RETRY("retry"), FAILED("failed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Settings settings;
    private final DoubleSupplier random;
    private final Consumer<Outcome> outcomes;
    private final HttpClient http;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-poller").daemon(true).factory());
    private final ExecutorService attempts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-attempt-", 0).factory());
    private final Semaphore slots;
    private final Map<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private volatile long pending;
    private Instant lastPrune = Instant.MIN; // poller thread only

    /**
     * @param random uniform in [0, 1), for the backoff's jitter
     * @param outcomes told of each attempt's outcome
     */
    public WebhookDispatcher(Jdbi jdbi, Clock clock, Settings settings, DoubleSupplier random,
                             Consumer<Outcome> outcomes) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.random = random;
        this.outcomes = outcomes;
        this.slots = new Semaphore(settings.maxInFlight());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts polling every {@code pollInterval}. */
    public WebhookDispatcher start() {
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Polls now rather than at the next interval (a test event was just raised). */
    public void wake() {
        try {
            poller.execute(this::pollQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** Deliveries pending at the last poll (due or waiting for their next attempt). */
    public long pending() {
        return pending;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("webhook deliveries not polled: {}", e.toString());
        }
    }

    private void poll() {
        Instant now = clock.instant();
        if (!lastPrune.isAfter(now.minus(PRUNE_EVERY))) {
            int pruned = jdbi.withExtension(WebhookDao.class, dao -> dao.prune(now.minus(settings.retention())));
            if (pruned > 0) {
                LOG.info("{} webhook events older than {} days pruned with their deliveries", pruned,
                        settings.retention().toDays());
            }
            lastPrune = now;
        }
        int free = slots.availablePermits();
        if (free > 0) {
            List<Long> busy = inFlight.entrySet().stream().filter(e -> e.getValue() >= settings.perSubscription())
                    .map(Map.Entry::getKey).toList();
            List<WebhookDao.DueDelivery> due = jdbi.withExtension(WebhookDao.class,
                    dao -> dao.due(now, busy.isEmpty() ? List.of(-1L) : busy, free));
            for (WebhookDao.DueDelivery delivery : due) {
                take(delivery, now);
            }
        }
        pending = jdbi.withExtension(WebhookDao.class, WebhookDao::pending);
    }

    private void take(WebhookDao.DueDelivery delivery, Instant now) {
        if (inFlight.getOrDefault(delivery.subscriptionId(), 0) >= settings.perSubscription() || !slots.tryAcquire()) {
            return;
        }
        Instant lease = now.plus(settings.requestTimeout()).plus(LEASE_MARGIN);
        boolean taken = jdbi.withExtension(WebhookDao.class,
                dao -> dao.claim(delivery.id(), delivery.nextAttemptAt(), lease)) == 1;
        if (!taken) {
            slots.release();
            return;
        }
        inFlight.merge(delivery.subscriptionId(), 1, Integer::sum);
        try {
            attempts.execute(() -> attempt(delivery));
        } catch (java.util.concurrent.RejectedExecutionException e) { // stopping: the lease brings it back
            done(delivery);
        }
    }

    private void attempt(WebhookDao.DueDelivery delivery) {
        try {
            String body = body(delivery);
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "aftercare-webhooks")
                    .header("X-Aftercare-Event", delivery.eventType())
                    .header("X-Aftercare-Delivery", delivery.eventId())
                    .header("Idempotency-Key", delivery.eventId())
                    .header("X-Aftercare-Timestamp", Long.toString(timestamp))
                    .header("X-Aftercare-Signature", WebhookSignature.sign(delivery.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            Instant started = clock.instant();
            long t0 = System.nanoTime();
            Integer status = null;
            String error;
            CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request,
                    HttpResponse.BodyHandlers.discarding());
            try {
                status = response.get(settings.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)
                        .statusCode();
                error = status / 100 == 2 ? null : "answered HTTP " + status;
            } catch (ExecutionException e) {
                error = describe(e.getCause());
            } catch (TimeoutException e) {
                response.cancel(true);
                error = noAnswer();
            }
            record(delivery, started, (System.nanoTime() - t0) / 1_000_000, status, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the lease brings it back
        } catch (RuntimeException e) {
            LOG.warn("webhook delivery {} not attempted: {}", delivery.id(), e.toString());
        } finally {
            done(delivery);
        }
    }

    private void done(WebhookDao.DueDelivery delivery) {
        inFlight.computeIfPresent(delivery.subscriptionId(), (id, n) -> n <= 1 ? null : n - 1);
        slots.release();
    }

    private String describe(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return noAnswer();
        }
        if (cause instanceof ConnectException) {
            return "cannot connect: " + (cause.getMessage() == null ? "refused" : cause.getMessage());
        }
        String text = cause.toString();
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }

    private String noAnswer() {
        return "no answer within " + settings.requestTimeout().toMillis() / 1000.0 + " s";
    }

    /** The attempt's row and the delivery's next state, in one transaction. */
    private void record(WebhookDao.DueDelivery delivery, Instant started, long durationMs, Integer status,
                        String error) {
        int attempt = delivery.attempts() + 1;
        Instant now = clock.instant();
        Outcome outcome;
        Instant next = now;
        if (error == null) {
            outcome = Outcome.DELIVERED;
        } else {
            Optional<Duration> wait = Backoff.after(attempt, random.getAsDouble());
            outcome = wait.isPresent() ? Outcome.RETRY : Outcome.FAILED;
            next = wait.map(now::plus).orElse(now);
        }
        String state = switch (outcome) {
            case DELIVERED -> "delivered";
            case RETRY -> "pending";
            case FAILED -> "failed";
        };
        Instant deliveredAt = outcome == Outcome.DELIVERED ? now : null;
        Instant nextAttempt = next;
        jdbi.useTransaction(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            dao.insertAttempt(new WebhookDao.AttemptRow(delivery.id(), attempt, started, durationMs, status, error));
            dao.finish(delivery.id(), state, attempt, nextAttempt, status, error, deliveredAt);
        });
        outcomes.accept(outcome);
        if (outcome == Outcome.FAILED) {
            LOG.warn("webhook delivery {} of event {} to {} failed for good after {} attempts: {}", delivery.id(),
                    delivery.eventId(), delivery.url(), attempt, error);
        }
    }

    /** The body: the same bytes on every attempt of every subscription. */
    static String body(WebhookDao.DueDelivery delivery) {
        return "{\"id\":" + Json.write(delivery.eventId()) + ",\"type\":" + Json.write(delivery.eventType())
                + ",\"createdAt\":" + Json.write(delivery.eventAt().toString()) + ",\"data\":" + delivery.payload()
                + "}";
    }

    /**
     * Stops polling, gives attempts in flight a second to finish and cuts the rest short: their deliveries are tried
     * again when their lease ends (the receiver may then get one twice).
     */
    @Override
    public void close() {
        poller.shutdownNow();
        attempts.shutdown();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
            if (!attempts.awaitTermination(1, TimeUnit.SECONDS)) {
                attempts.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempts.shutdownNow();
        }
        http.shutdownNow();
    }
}
