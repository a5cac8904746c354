package io.aftercare.cases;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.aftercare.customers.CustomerChanges;
import io.aftercare.core.Coded;
import io.aftercare.core.NotFoundException;
import io.aftercare.core.ValidationException;
import io.aftercare.customers.CustomerDao;
import io.aftercare.orders.OrderDao;
import io.aftercare.web.Cursor;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import io.aftercare.webhooks.EventType;
import io.aftercare.webhooks.WebhookOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Opens, updates and lists after-sales cases; what is opened or changed here (not by imports) raises the
 * {@code case.opened} or {@code case.changed} webhook event in the same transaction. Thread-safe.
 */
public final class CaseService {
    private final Jdbi jdbi;
    private final Clock clock;

    public CaseService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public SupportCase create(CaseInput input) {
        return jdbi.inTransaction(handle -> open(handle, input));
    }

    /** The data of {@code case.opened}: the case as {@code GET /api/cases/{id}} shows it. */
    public record Opened(@JsonProperty("case") SupportCase supportCase) {}

    /** The data of {@code case.changed}: the case now and as it was. */
    public record Changed(@JsonProperty("case") SupportCase supportCase, SupportCase previous) {}

    /** Opens a case inside the caller's transaction and raises {@code case.opened} with it. */
    public SupportCase open(Handle handle, CaseInput in) {
        SupportCase opened = create(handle, in);
        WebhookOutbox.append(handle, EventType.CASE_OPENED, new Opened(opened), opened.openedAt());
        return opened;
    }

    /** Raises {@code case.changed} inside the caller's transaction (a disposition moved the case's status). */
    public static void changed(Handle handle, SupportCase now, SupportCase previous) {
        WebhookOutbox.append(handle, EventType.CASE_CHANGED, new Changed(now, previous), now.updatedAt());
    }

    /** Opens a case inside the caller's transaction, raising no event (the importer batches many). */
    public SupportCase create(Handle handle, CaseInput in) {
        long customerId = handle.attach(CustomerDao.class).resolve(in.customerId(), in.customerRef());
        if (in.type() == null) {
            throw new ValidationException("type is required");
        }
        Instant now = clock.instant();
        CaseStatus status = in.status() == null ? CaseStatus.OPEN : Coded.parse(CaseStatus.class, in.status(), "status");
        SupportCase draft = new SupportCase(0, customerId, Coded.parse(CaseType.class, in.type(), "type"), status,
                subject(in.subject()), sku(handle, in.sku()), serial(in.serialNumber()), agent(handle, in.ownerAgentId()),
                now, now, status.isOpen() ? null : now);
        CaseDao dao = handle.attach(CaseDao.class);
        long id = dao.insert(draft);
        CustomerChanges.changed(handle, customerId, now);
        return dao.find(id).orElseThrow();
    }

    public SupportCase update(long id, CaseInput in) {
        return jdbi.inTransaction(handle -> {
            CaseDao dao = handle.attach(CaseDao.class);
            SupportCase c = dao.find(id).orElseThrow(() -> new NotFoundException("case " + id + " does not exist"));
            if (in.customerId() != null && in.customerId() != c.customerId() || in.customerRef() != null) {
                throw new ValidationException("a case cannot move to another customer");
            }
            Instant now = clock.instant();
            CaseStatus status = in.status() == null ? c.status() : Coded.parse(CaseStatus.class, in.status(), "status");
            Instant closedAt = status.isOpen() ? null : c.closedAt() != null ? c.closedAt() : now;
            SupportCase changed = new SupportCase(id, c.customerId(),
                    in.type() == null ? c.type() : Coded.parse(CaseType.class, in.type(), "type"), status,
                    in.subject() == null ? c.subject() : subject(in.subject()),
                    in.sku() == null ? c.sku() : sku(handle, in.sku()),
                    in.serialNumber() == null ? c.serialNumber() : serial(in.serialNumber()),
                    in.ownerAgentId() == null ? c.ownerAgentId() : agent(handle, in.ownerAgentId()),
                    c.openedAt(), now, closedAt);
            dao.update(changed);
            CustomerChanges.changed(handle, c.customerId(), now);
            SupportCase stored = dao.find(id).orElseThrow();
            changed(handle, stored, c);
            return stored;
        });
    }

    public SupportCase get(long id) {
        return jdbi.withHandle(h -> h.attach(CaseDao.class).find(id))
                .orElseThrow(() -> new NotFoundException("case " + id + " does not exist"));
    }

    /** A case's history, oldest first: opened, each call disposed of with it, closed. */
    public List<CaseEvent> history(long id) {
        return jdbi.withHandle(h -> {
            CaseDao dao = h.attach(CaseDao.class);
            SupportCase c = dao.find(id).orElseThrow(() -> new NotFoundException("case " + id + " does not exist"));
            List<CaseEvent> steps = new java.util.ArrayList<>();
            steps.add(CaseEvent.of("opened", c.openedAt()));
            steps.addAll(dao.calls(id));
            if (c.closedAt() != null) {
                steps.add(CaseEvent.of(c.status().code(), c.closedAt()));
            }
            return steps;
        });
    }

    /** A page of the customer's cases, newest first. */
    public Page<SupportCase> ofCustomer(long customerId, PageRequest page) {
        Cursor at = after(page);
        return Page.of(jdbi.withHandle(h -> h.attach(CaseDao.class).ofCustomer(customerId, at.key(), at.id(),
                page.fetch())), page, CaseService::position, null);
    }

    /** A page of the cases not resolved or closed, newest first. */
    public Page<SupportCase> open(PageRequest page) {
        Cursor at = after(page);
        return Page.of(jdbi.withHandle(h -> h.attach(CaseDao.class).open(at.key(), at.id(), page.fetch())), page,
                CaseService::position, null);
    }

    private static Cursor after(PageRequest page) {
        return page.after() == null ? new Cursor(Long.MAX_VALUE, Long.MAX_VALUE) : page.after();
    }

    private static Cursor position(SupportCase c) {
        return new Cursor(c.openedAt().toEpochMilli(), c.id());
    }

    private static String subject(String subject) {
        if (subject == null) {
            return "";
        }
        String s = subject.strip();
        if (s.length() > 500 || s.chars().anyMatch(ch -> ch < 0x20)) {
            throw new ValidationException("subject must be at most 500 printable characters");
        }
        return s;
    }

    private static String sku(Handle handle, String sku) {
        if (sku == null || sku.isBlank()) {
            return null;
        }
        if (handle.attach(OrderDao.class).product(sku.strip()).isEmpty()) {
            throw new ValidationException("unknown sku " + sku);
        }
        return sku.strip();
    }

    private static String serial(String serial) {
        if (serial == null || serial.isBlank()) {
            return null;
        }
        if (serial.strip().length() > 64) {
            throw new ValidationException("serialNumber must be at most 64 characters");
        }
        return serial.strip();
    }

    private static Long agent(Handle handle, Long agentId) {
        if (agentId == null) {
            return null;
        }
        Optional<Long> found = handle.createQuery("SELECT id FROM agents WHERE id = :id").bind("id", agentId)
                .mapTo(Long.class).findOne();
        return found.orElseThrow(() -> new ValidationException("agent " + agentId + " does not exist"));
    }
}
