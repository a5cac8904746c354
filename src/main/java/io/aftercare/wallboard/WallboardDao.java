package io.aftercare.wallboard;

import io.aftercare.metrics.QueueRules;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads what the wallboard shows besides live state: the queues with their zone, metric rule and thresholds,
 * survey answers per queue, and who the open calls' callers are. Blocking JDBC; thread-safe.
 */
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
                            service_level_red_percent, abandon_rate_amber_percent, abandon_rate_red_percent,
                            asa_amber_seconds, asa_red_seconds, aht_amber_seconds, aht_red_seconds
                        FROM queues ORDER BY name""")
                .map((rs, ctx) -> new QueueSetting(rs.getString(1), zone(rs.getString(2), fallbackZone),
                        QueueRules.Rule.seconds(rs.getInt(3), rs.getInt(4)),
                        new Thresholds(rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                                rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14),
                                rs.getInt(15), rs.getInt(16))))
                .list())
                .stream().collect(LinkedHashMap::new, (m, q) -> m.put(q.name(), q), Map::putAll);
    }

    /** The open and claimed follow-ups per queue (those of no queue left out): how many, and the oldest. */
    public Map<String, FollowUpBacklog> followUps() {
        Map<String, FollowUpBacklog> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT queue, COUNT(*), MIN(created_at) FROM follow_ups"
                        + " WHERE state IN ('open', 'claimed') AND queue IS NOT NULL GROUP BY queue")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new FollowUpBacklog(rs.getInt(2),
                        Instant.ofEpochMilli(rs.getLong(3)), 0)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /**
     * Survey answers received in [from, to), opted-out ones excluded, by the surveyed call's queue ("" for surveys
     * that name none, such as after-sales surveys).
     */
    public Map<String, SurveyCounts> surveys(Instant from, Instant to) {
        Map<String, SurveyCounts> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT COALESCE(j.queue, ''), COUNT(*),
                            SUM(CASE WHEN a.csat IS NOT NULL THEN 1 ELSE 0 END),
                            SUM(CASE WHEN a.csat >= 4 THEN 1 ELSE 0 END),
                            SUM(CASE WHEN a.nps IS NOT NULL THEN 1 ELSE 0 END),
                            SUM(CASE WHEN a.nps >= 9 THEN 1 ELSE 0 END),
                            SUM(CASE WHEN a.nps <= 6 THEN 1 ELSE 0 END),
                            SUM(CASE WHEN a.resolved IS NOT NULL THEN 1 ELSE 0 END),
                            SUM(CASE WHEN a.resolved THEN 1 ELSE 0 END)
                        FROM survey_answers a JOIN survey_jobs j ON j.id = a.job_id
                        WHERE a.answered_at >= :from AND a.answered_at < :to AND NOT a.opted_out
                        GROUP BY COALESCE(j.queue, '')""")
                .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map((rs, ctx) -> Map.entry(rs.getString(1), new SurveyCounts(rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Who is calling on each open call (the partial index {@code contacts_open}), by {@link Caller#key}. */
    public Map<String, Caller> openCallers() {
        Map<String, Caller> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT c.pbx_id, c.linkedid, COALESCE(c.caller_e164, c.caller_raw), cu.name, cu.tier,
                            COALESCE(c.queue, '')
                        FROM contacts c LEFT JOIN customers cu ON cu.id = c.customer_id
                        WHERE c.outcome = 'open'""")
                .map((rs, ctx) -> new Caller(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .forEach(c -> out.put(Caller.key(c.pbxId(), c.linkedId()), c)));
        return out;
    }

    private static ZoneId zone(String id, ZoneId fallback) {
        try {
            return id == null || id.isBlank() ? fallback : ZoneId.of(id);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
