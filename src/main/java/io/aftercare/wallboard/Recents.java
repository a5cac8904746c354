package io.aftercare.wallboard;

import java.time.Instant;
import java.util.Map;

/** The rolling figures of every queue and of the floor, as of {@code asOf} (null: not computed yet). Immutable. */
public record Recents(Instant asOf, Map<String, Recent> queues, Recent floor) {
    public static final Recents NONE = new Recents(null, Map.of(), new Recent(null, null));

    public Recents {
        queues = Map.copyOf(queues);
    }

    public Recent queue(String name) {
        return queues.getOrDefault(name, new Recent(null, null));
    }
}
