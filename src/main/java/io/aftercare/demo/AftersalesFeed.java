package io.aftercare.demo;

import io.aftercare.surveys.SurveyScheduler;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the other systems of `aftercare demo`: posts after-sales events (order delivered, repair completed,
 * refund made) for random demo customers, so surveys get scheduled and dialed while the demo runs. Thread-safe
 * (runs on the one scheduler given).
 */
final class AftersalesFeed {
    private static final Logger LOG = LoggerFactory.getLogger(AftersalesFeed.class);
    private static final List<String> TYPES = List.copyOf(SurveyScheduler.AFTERSALES_TYPES.stream().sorted().toList());

    private final SurveyScheduler scheduler;
    private final List<Long> customers;
    private final Random random;

    private AftersalesFeed(SurveyScheduler scheduler, List<Long> customers, long seed) {
        this.scheduler = scheduler;
        this.customers = customers;
        this.random = new Random(seed);
    }

    /** Posts {@code burst} events at once, then one every {@code everySeconds}. */
    static void start(SurveyScheduler scheduler, Jdbi jdbi, long seed, int burst, int everySeconds,
                      ScheduledExecutorService executor) {
        List<Long> customers = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT c.id FROM customers c"
                + " JOIN customer_phones p ON p.customer_id = c.id WHERE c.survey_consent AND NOT c.do_not_call"
                + " ORDER BY c.id LIMIT 5000").mapTo(Long.class).list());
        if (customers.isEmpty()) {
            return;
        }
        AftersalesFeed feed = new AftersalesFeed(scheduler, customers, seed);
        executor.execute(() -> {
            for (int i = 0; i < burst; i++) {
                feed.post();
            }
        });
        executor.scheduleWithFixedDelay(feed::post, everySeconds, everySeconds, TimeUnit.SECONDS);
    }

    private void post() {
        long customer = customers.get(random.nextInt(customers.size()));
        String type = TYPES.get(random.nextInt(TYPES.size()));
        try {
            var scheduled = scheduler.onAftersalesEvent(type, customer, null);
            LOG.debug("demo after-sales event {} for customer {}: {}", type, customer, scheduled);
        } catch (RuntimeException e) {
            LOG.warn("demo after-sales event not posted: {}", e.toString());
        }
    }
}
