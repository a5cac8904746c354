package io.aftercare.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The per-queue thresholds metrics depend on (from the {@code queues} table): the service-level target T and the
 * short-abandon limit; queues not listed use {@link #DEFAULT}. Immutable.
 */
public record QueueRules(Map<String, Rule> byQueue) {
    /** One queue's thresholds. */
    public record Rule(Duration serviceLevel, Duration shortAbandon) {
        public Rule {
            Objects.requireNonNull(serviceLevel);
            Objects.requireNonNull(shortAbandon);
        }

        public static Rule seconds(int serviceLevel, int shortAbandon) {
            return new Rule(Duration.ofSeconds(serviceLevel), Duration.ofSeconds(shortAbandon));
        }
    }

    /** The schema's defaults: answer within 20 s; abandons under 5 s are short. */
    public static final Rule DEFAULT = Rule.seconds(20, 5);

    public QueueRules {
        byQueue = Map.copyOf(byQueue);
    }

    public static QueueRules defaults() {
        return new QueueRules(Map.of());
    }

    public Rule of(String queue) {
        return byQueue.getOrDefault(queue, DEFAULT);
    }
}
