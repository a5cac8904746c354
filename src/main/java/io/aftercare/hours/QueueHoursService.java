package io.aftercare.hours;

import io.aftercare.cases.CaseDao;
import io.aftercare.cases.CaseService;
import io.aftercare.core.Coded;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.customers.CustomerChanges;
import io.aftercare.webhooks.EventType;
import io.aftercare.webhooks.WebhookOutbox;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Business hours and holidays per queue: validated changes, the hours of every queue held in memory (re-read
 * after a change here, and in the background once they are 30 s old) so a call checks them without the
 * database, and callback cases for callers who meet a closed queue. Thread-safe.
 */
public final class QueueHoursService {
    private static final Logger LOG = LoggerFactory.getLogger(QueueHoursService.class);
    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Executor refresher;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private record Snapshot(Map<String, QueueHours> hours, Instant loadedAt) {}

    /**
     * {@code refresher} re-reads hours that are 30 s old, so that no call waits for the database (a call that
     * did could outlast the route's budget while the database is locked).
     */
    public QueueHoursService(Jdbi jdbi, Clock clock, Executor refresher) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.refresher = refresher;
    }

    /**
     * The queue's hours in force (from memory); a queue aftercare does not know is open around the clock. Reads
     * the database only when nothing was ever loaded; hours older than 30 s are still answered while one re-read
     * runs on the refresher.
     */
    public QueueHours hours(String queue) {
        Snapshot s = current.get();
        if (s == null) {
            s = refresh();
        } else if (s.loadedAt().plus(REFRESH).isBefore(clock.instant()) && refreshing.compareAndSet(false, true)) {
            refreshInBackground();
        }
        QueueHours h = s.hours().get(queue);
        return h != null ? h : QueueHours.always(queue, ZoneId.of("UTC"));
    }

    /** Empty when the queue is open at {@code at}; else what a caller gets and when it opens next. */
    public Optional<AfterHours> afterHours(String queue, Instant at) {
        QueueHours h = hours(queue);
        if (BusinessHours.isOpen(h, at)) {
            return Optional.empty();
        }
        return Optional.of(new AfterHours(queue, h.afterHours(),
                BusinessHours.nextOpening(h, at).map(i -> i.atZone(h.zone()))));
    }

    /** The data of the {@code callback.requested} webhook event. */
    public record CallbackRequested(long caseId, long customerId, String number, String queue, String reason,
                                    Instant callBackFrom) {}

    /**
     * Opens a callback case for the next opening, holding the number and the reason in its subject, and raises the
     * webhook events {@code callback.requested} and {@code case.opened}. Blocking.
     */
    public void requestCallback(long customerId, String number, AfterHours closed) {
        String subject = "Callback to " + number + ": called " + closed.queue() + " after hours"
                + closed.nextOpening().map(z -> "; call back from " + z.toLocalDateTime() + " " + z.getZone())
                        .orElse("");
        jdbi.useTransaction(h -> {
            Instant now = clock.instant();
            long caseId = h.attach(QueueHoursDao.class).insertCallbackCase(customerId, subject, now.toEpochMilli());
            CustomerChanges.changed(h, customerId, now);
            WebhookOutbox.append(h, EventType.CALLBACK_REQUESTED, new CallbackRequested(caseId, customerId, number,
                    closed.queue(), "after_hours", closed.nextOpening().map(ZonedDateTime::toInstant).orElse(null)),
                    now);
            WebhookOutbox.append(h, EventType.CASE_OPENED,
                    new CaseService.Opened(h.attach(CaseDao.class).find(caseId).orElseThrow()), now);
        });
    }

    /** Re-reads every queue's hours (also for changes made to the tables by other means). */
    public void reload() {
        refresh();
    }

    private void refreshInBackground() {
        try {
            refresher.execute(() -> {
                try {
                    refresh();
                } catch (RuntimeException e) { // the hours already held stay in force; the next call tries again
                    LOG.warn("queue hours not re-read: {}", e.toString());
                } finally {
                    refreshing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            refreshing.set(false);
            LOG.warn("queue hours not re-read now: {}", e.toString());
        }
    }

    /** Synchronized: a re-read that began before a change committed may not install its older hours after it. */
    private synchronized Snapshot refresh() {
        Snapshot s = new Snapshot(jdbi.withHandle(QueueHoursService::load), clock.instant());
        current.set(s);
        return s;
    }

    public HoursView view(String queue) {
        QueueHours h = Optional.ofNullable(jdbi.withHandle(QueueHoursService::load).get(queue))
                .orElseThrow(() -> new NotFoundException("no queue " + queue));
        Instant now = clock.instant();
        return new HoursView(queue, h.zone().getId(), h.afterHours().code(),
                h.weekly().stream().map(w -> new HoursInput.Window(w.day().name(), w.opens().toString(),
                        w.closesText())).toList(),
                h.holidays().stream().map(d -> new HoursInput.Day(d.date().toString(), d.name())).toList(),
                BusinessHours.isOpen(h, now), BusinessHours.nextOpening(h, now).orElse(null));
    }

    public HoursView replace(String queue, HoursInput in) {
        QueueHours parsed = parse(queue, in);
        jdbi.useTransaction(h -> {
            QueueHoursDao dao = h.attach(QueueHoursDao.class);
            if (dao.updateQueue(queue, parsed.zone().getId(), parsed.afterHours().code()) == 0) {
                throw new NotFoundException("no queue " + queue);
            }
            dao.deleteWindows(queue);
            dao.deleteHolidays(queue);
            for (OpeningWindow w : parsed.weekly()) {
                dao.insertWindow(queue, w.day().getValue(), w.opens().toString(), w.closesText());
            }
            for (Holiday d : parsed.holidays()) {
                dao.insertHoliday(queue, d.date().toString(), d.name());
            }
        });
        reload();
        return view(queue);
    }

    static QueueHours parse(String queue, HoursInput in) {
        if (in == null) {
            throw new ValidationException("a body with timeZone, afterHoursAction, weekly and holidays is required");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(in.timeZone() == null ? "" : in.timeZone());
        } catch (DateTimeException e) {
            throw new ValidationException("timeZone must be an IANA zone such as Europe/Berlin: " + in.timeZone());
        }
        AfterHoursAction action = in.afterHoursAction() == null ? AfterHoursAction.VOICEMAIL
                : Coded.parse(AfterHoursAction.class, in.afterHoursAction(), "afterHoursAction");
        List<OpeningWindow> windows = new ArrayList<>();
        for (HoursInput.Window w : in.weekly() == null ? List.<HoursInput.Window>of() : in.weekly()) {
            try {
                DayOfWeek day = DayOfWeek.valueOf(w.day().toUpperCase(Locale.ROOT));
                LocalTime closes = "24:00".equals(w.closes()) ? LocalTime.MIDNIGHT : LocalTime.parse(w.closes());
                OpeningWindow window = new OpeningWindow(day, LocalTime.parse(w.opens()), closes);
                if (windows.stream().anyMatch(o -> o.day() == day && overlap(o, window))) {
                    throw new ValidationException("windows overlap on " + day);
                }
                windows.add(window);
            } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
                throw new ValidationException("weekly windows need day MONDAY..SUNDAY, opens and closes as HH:MM"
                        + " (closes after opens, or 24:00): " + w);
            }
        }
        Map<LocalDate, Holiday> holidays = new HashMap<>();
        for (HoursInput.Day d : in.holidays() == null ? List.<HoursInput.Day>of() : in.holidays()) {
            try {
                Holiday holiday = new Holiday(LocalDate.parse(d.date()), d.name());
                holidays.put(holiday.date(), holiday);
            } catch (DateTimeParseException | NullPointerException e) {
                throw new ValidationException("holidays need date as YYYY-MM-DD: " + d);
            }
        }
        return new QueueHours(queue, zone, windows, new ArrayList<>(holidays.values()), action);
    }

    private static boolean overlap(OpeningWindow a, OpeningWindow b) {
        LocalTime aEnd = a.closes().equals(LocalTime.MIDNIGHT) ? LocalTime.MAX : a.closes();
        LocalTime bEnd = b.closes().equals(LocalTime.MIDNIGHT) ? LocalTime.MAX : b.closes();
        return a.opens().isBefore(bEnd) && b.opens().isBefore(aEnd);
    }

    private static Map<String, QueueHours> load(Handle h) {
        QueueHoursDao dao = h.attach(QueueHoursDao.class);
        List<QueueHoursDao.WindowRow> windows = dao.windows();
        List<QueueHoursDao.HolidayRow> holidays = dao.holidays();
        Map<String, QueueHours> out = new HashMap<>();
        for (QueueHoursDao.QueueRow q : dao.queues()) {
            ZoneId zone;
            try {
                zone = ZoneId.of(q.timeZone());
            } catch (DateTimeException e) {
                zone = ZoneId.of("UTC");
            }
            out.put(q.name(), new QueueHours(q.name(), zone,
                    windows.stream().filter(w -> w.queue().equals(q.name()))
                            .map(w -> new OpeningWindow(DayOfWeek.of(w.dayOfWeek()), LocalTime.parse(w.opens()),
                                    "24:00".equals(w.closes()) ? LocalTime.MIDNIGHT : LocalTime.parse(w.closes())))
                            .toList(),
                    holidays.stream().filter(d -> d.queue().equals(q.name()))
                            .map(d -> new Holiday(LocalDate.parse(d.day()), d.name())).toList(),
                    Coded.parse(AfterHoursAction.class, q.afterHoursAction(), "after_hours_action")));
        }
        return Map.copyOf(out);
    }
}
