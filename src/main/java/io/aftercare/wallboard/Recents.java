package io.aftercare.wallboard;

import java.time.Instant;
import java.util.Map;

/**
 * The rolling figures of every queue and of the floor, as of {@code asOf} (null: not computed yet); {@code none} is
 * what a queue with no calls nor answers in the windows shows (the windows, nothing in them). Immutable.
 */
public record Recents(Instant asOf, Map<String, Recent> queues, Recent floor, Recent none) {
    public static final Recents NONE = new Recents(null, Map.of(), new Recent(null, null), new Recent(null, null));

    public Recents {
        queues = Map.copyOf(queues);
    }

    public Recent queue(String name) {
        return queues.getOrDefault(name, none);
    }
}
