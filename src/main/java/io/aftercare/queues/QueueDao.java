package io.aftercare.queues;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code queues} table and what refers to a queue; attach to a handle. Not thread-safe. */
public interface QueueDao {
    /** A queues row; service level and abandon rate thresholds in whole percent, as stored. */
    record Row(String name, String description, String strategy, int serviceLevelSeconds, int shortAbandonSeconds,
               int wrapupSeconds, int wrapupMaxSeconds, String timeZone, String afterHoursAction, int waitingAmber,
               int waitingRed, int longestWaitAmberSeconds, int longestWaitRedSeconds, int serviceLevelAmberPercent,
               int serviceLevelRedPercent, int abandonRateAmberPercent, int abandonRateRedPercent,
               int asaAmberSeconds, int asaRedSeconds, int ahtAmberSeconds, int ahtRedSeconds,
               int vholdOfferAfterSeconds, int vholdOfferEstimateSeconds,
               String abandonPolicy) {
        static Row of(QueueDefinition q) {
            return new Row(q.name(), q.description(), q.strategy(), q.serviceLevelSeconds(), q.shortAbandonSeconds(),
                    q.wrapupSeconds(), q.wrapupMaxSeconds(), q.timeZone(), q.afterHoursAction(), q.waitingAmber(),
                    q.waitingRed(), q.longestWaitAmberSeconds(), q.longestWaitRedSeconds(),
                    q.serviceLevelAmberPercent(), q.serviceLevelRedPercent(), q.abandonRateAmberPercent(),
                    q.abandonRateRedPercent(), q.asaAmberSeconds(), q.asaRedSeconds(), q.ahtAmberSeconds(),
                    q.ahtRedSeconds(), q.callbackOfferAfterSeconds(), q.callbackOfferEstimateSeconds(),
                    q.abandonPolicy());
        }

        QueueDefinition definition() {
            return new QueueDefinition(name, description, strategy, serviceLevelSeconds, shortAbandonSeconds,
                    wrapupSeconds, wrapupMaxSeconds, timeZone, afterHoursAction, waitingAmber, waitingRed,
                    longestWaitAmberSeconds, longestWaitRedSeconds, serviceLevelAmberPercent / 100.0,
                    serviceLevelRedPercent / 100.0, abandonRateAmberPercent / 100.0, abandonRateRedPercent / 100.0,
                    asaAmberSeconds, asaRedSeconds, ahtAmberSeconds, ahtRedSeconds, vholdOfferAfterSeconds,
                    vholdOfferEstimateSeconds, abandonPolicy);
        }
    }

    String COLUMNS = "name, description, strategy, service_level_seconds, short_abandon_seconds, wrapup_seconds,"
            + " wrapup_max_seconds, time_zone, after_hours_action, waiting_amber, waiting_red,"
            + " longest_wait_amber_seconds, longest_wait_red_seconds, service_level_amber_percent,"
            + " service_level_red_percent, abandon_rate_amber_percent, abandon_rate_red_percent, asa_amber_seconds,"
            + " asa_red_seconds, aht_amber_seconds, aht_red_seconds, vhold_offer_after_seconds,"
            + " vhold_offer_estimate_seconds, abandon_policy";

    @SqlQuery("SELECT " + COLUMNS + " FROM queues ORDER BY name")
    @RegisterConstructorMapper(Row.class)
    List<Row> all();

    @SqlQuery("SELECT " + COLUMNS + " FROM queues WHERE name = :name")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> find(@Bind("name") String name);

    @SqlUpdate("INSERT INTO queues (" + COLUMNS + ") VALUES (:name, :description, :strategy, :serviceLevelSeconds,"
            + " :shortAbandonSeconds, :wrapupSeconds, :wrapupMaxSeconds, :timeZone, :afterHoursAction, :waitingAmber,"
            + " :waitingRed, :longestWaitAmberSeconds, :longestWaitRedSeconds, :serviceLevelAmberPercent,"
            + " :serviceLevelRedPercent, :abandonRateAmberPercent, :abandonRateRedPercent, :asaAmberSeconds,"
            + " :asaRedSeconds, :ahtAmberSeconds, :ahtRedSeconds, :vholdOfferAfterSeconds, :vholdOfferEstimateSeconds,"
            + " :abandonPolicy)")
    void insert(@BindMethods Row row);

    @SqlUpdate("UPDATE queues SET description = :description, strategy = :strategy,"
            + " service_level_seconds = :serviceLevelSeconds, short_abandon_seconds = :shortAbandonSeconds,"
            + " wrapup_seconds = :wrapupSeconds, wrapup_max_seconds = :wrapupMaxSeconds, time_zone = :timeZone,"
            + " after_hours_action = :afterHoursAction, waiting_amber = :waitingAmber, waiting_red = :waitingRed,"
            + " longest_wait_amber_seconds = :longestWaitAmberSeconds,"
            + " longest_wait_red_seconds = :longestWaitRedSeconds,"
            + " service_level_amber_percent = :serviceLevelAmberPercent,"
            + " service_level_red_percent = :serviceLevelRedPercent,"
            + " abandon_rate_amber_percent = :abandonRateAmberPercent, abandon_rate_red_percent = :abandonRateRedPercent,"
            + " asa_amber_seconds = :asaAmberSeconds, asa_red_seconds = :asaRedSeconds,"
            + " aht_amber_seconds = :ahtAmberSeconds, aht_red_seconds = :ahtRedSeconds,"
            + " vhold_offer_after_seconds = :vholdOfferAfterSeconds,"
            + " vhold_offer_estimate_seconds = :vholdOfferEstimateSeconds, abandon_policy = :abandonPolicy"
            + " WHERE name = :name")
    int update(@BindMethods Row row);

    @SqlUpdate("DELETE FROM queues WHERE name = :name")
    int delete(@Bind("name") String name);

    @SqlQuery("SELECT name FROM routing_rules WHERE queue = :name ORDER BY sort_order, id")
    List<String> rulesTo(@Bind("name") String name);

    @SqlQuery("SELECT menu || ' ' || digit FROM ivr_options WHERE queue = :name ORDER BY menu, digit")
    List<String> ivrOptionsTo(@Bind("name") String name);

    @SqlQuery("SELECT name FROM ivr_menus WHERE default_queue = :name ORDER BY name")
    List<String> ivrMenusFallingTo(@Bind("name") String name);

    @SqlQuery("SELECT a.login FROM agent_queues aq JOIN agents a ON a.id = aq.agent_id WHERE aq.queue = :name"
            + " ORDER BY a.login")
    List<String> agentsIn(@Bind("name") String name);
}
