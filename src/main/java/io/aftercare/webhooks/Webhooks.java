package io.aftercare.webhooks;

import io.aftercare.calls.StoredContacts;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires webhooks: the subscriptions' service, the dispatcher (started) and the call-record hook that raises
 * {@code call.ended}. The other events are raised by their writers through {@link WebhookOutbox}. Thread-safe.
 */
public final class Webhooks implements AutoCloseable {
    private final WebhookDispatcher dispatcher;
    private final WebhookService service;
    private final StoredContacts callEnded;

    public Webhooks(Jdbi jdbi, Clock clock, WebhookDispatcher.Settings settings,
                    Consumer<WebhookDispatcher.Outcome> outcomes) {
        this.dispatcher = new WebhookDispatcher(jdbi, clock, settings, () -> ThreadLocalRandom.current().nextDouble(),
                outcomes);
        this.service = new WebhookService(jdbi, clock, dispatcher::wake);
        this.callEnded = new CallEndedEvents(clock);
    }

    /** Starts sending. */
    public Webhooks start() {
        dispatcher.start();
        return this;
    }

    public WebhookService service() {
        return service;
    }

    public WebhookDispatcher dispatcher() {
        return dispatcher;
    }

    /** The call-record writer's hook ({@link io.aftercare.calls.CallTrackingModule}). */
    public StoredContacts callEnded() {
        return callEnded;
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
