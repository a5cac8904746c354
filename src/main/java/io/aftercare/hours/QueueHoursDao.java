package io.aftercare.hours;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Queue time zones, weekly hours, holidays and callback cases in SQL; attach to a handle. Not thread-safe. */
public interface QueueHoursDao {
    /** A queue's zone and after-hours action. */
    record QueueRow(String name, String timeZone, String afterHoursAction) {}

    /** A queue_hours row. */
    record WindowRow(String queue, int dayOfWeek, String opens, String closes) {}

    /** A queue_holidays row. */
    record HolidayRow(String queue, String day, String name) {}

    @SqlQuery("SELECT name, time_zone, after_hours_action FROM queues ORDER BY name")
    @RegisterConstructorMapper(QueueRow.class)
    List<QueueRow> queues();

    @SqlQuery("SELECT name, time_zone, after_hours_action FROM queues WHERE name = :name")
    @RegisterConstructorMapper(QueueRow.class)
    Optional<QueueRow> queue(@Bind("name") String name);

    @SqlQuery("SELECT queue, day_of_week, opens, closes FROM queue_hours ORDER BY queue, day_of_week, opens")
    @RegisterConstructorMapper(WindowRow.class)
    List<WindowRow> windows();

    @SqlQuery("SELECT queue, day, name FROM queue_holidays ORDER BY queue, day")
    @RegisterConstructorMapper(HolidayRow.class)
    List<HolidayRow> holidays();

    @SqlUpdate("UPDATE queues SET time_zone = :zone, after_hours_action = :action WHERE name = :name")
    int updateQueue(@Bind("name") String name, @Bind("zone") String zone, @Bind("action") String action);

    @SqlUpdate("DELETE FROM queue_hours WHERE queue = :queue")
    void deleteWindows(@Bind("queue") String queue);

    @SqlUpdate("DELETE FROM queue_holidays WHERE queue = :queue")
    void deleteHolidays(@Bind("queue") String queue);

    @SqlUpdate("INSERT INTO queue_hours (queue, day_of_week, opens, closes) VALUES (:queue, :day, :opens, :closes)")
    void insertWindow(@Bind("queue") String queue, @Bind("day") int day, @Bind("opens") String opens,
                      @Bind("closes") String closes);

    @SqlUpdate("INSERT INTO queue_holidays (queue, day, name) VALUES (:queue, :day, :name)")
    void insertHoliday(@Bind("queue") String queue, @Bind("day") String day, @Bind("name") String name);

    @SqlQuery("INSERT INTO cases (customer_id, type, status, subject, opened_at, updated_at)"
            + " VALUES (:customerId, 'callback', 'open', :subject, :now, :now) RETURNING id")
    long insertCallbackCase(@Bind("customerId") long customerId, @Bind("subject") String subject,
                            @Bind("now") long now);
}
