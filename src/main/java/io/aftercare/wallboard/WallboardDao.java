package io.aftercare.wallboard;

import io.aftercare.metrics.QueueRules;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Reads the queues with their zone, metric rule and wallboard thresholds. Blocking JDBC; thread-safe. */
public final class WallboardDao {
    private final Jdbi jdbi;

    public WallboardDao(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Every queue by name, sorted; a zone the JVM does not know falls back to {@code fallbackZone}. */
    public Map<String, QueueSetting> queues(ZoneId fallbackZone) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT name, time_zone, service_level_seconds, short_abandon_seconds, waiting_amber, waiting_red,
                            longest_wait_amber_seconds, longest_wait_red_seconds, service_level_amber_percent,
                            service_level_red_percent
                        FROM queues ORDER BY name""")
                .map((rs, ctx) -> new QueueSetting(rs.getString(1), zone(rs.getString(2), fallbackZone),
                        QueueRules.Rule.seconds(rs.getInt(3), rs.getInt(4)),
                        new Thresholds(rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                                rs.getInt(10))))
                .list())
                .stream().collect(LinkedHashMap::new, (m, q) -> m.put(q.name(), q), Map::putAll);
    }

    private static ZoneId zone(String id, ZoneId fallback) {
        try {
            return id == null || id.isBlank() ? fallback : ZoneId.of(id);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
