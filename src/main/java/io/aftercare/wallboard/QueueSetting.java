package io.aftercare.wallboard;

import io.aftercare.metrics.QueueRules;
import java.time.ZoneId;
import java.util.Objects;

/** One row of the {@code queues} table as the wallboard needs it: time zone, metric rule, thresholds. Immutable. */
public record QueueSetting(String name, ZoneId zone, QueueRules.Rule rule, Thresholds thresholds) {
    public QueueSetting {
        Objects.requireNonNull(name);
        Objects.requireNonNull(zone);
        Objects.requireNonNull(rule);
        Objects.requireNonNull(thresholds);
    }
}
