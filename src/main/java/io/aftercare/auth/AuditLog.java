package io.aftercare.auth;

import io.aftercare.persistence.DatabaseFault;
import io.aftercare.web.Cursor;
import io.aftercare.web.Page;
import io.aftercare.web.PageRequest;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit trail twice: a log line on the {@code aftercare.audit} logger first (so a database that refuses
 * the row still leaves a trace), then a row in {@code audit_log}. Blocking: call from a worker thread. Thread-safe.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger("aftercare.audit");

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(AuditEntry entry) {
        LOG.info("{} ({}) from {}: {} {} -> {} {}{}", entry.actor(), entry.role() == null ? "-" : entry.role(),
                entry.address(), entry.method(), entry.path(), entry.status(), entry.action(),
                entry.detail().isEmpty() ? "" : " [" + entry.detail() + "]");
        try {
            jdbi.useHandle(h -> h.attach(AuditDao.class).insert(entry));
        } catch (RuntimeException e) {
            LOG.warn("the audit row above could not be stored: {}", DatabaseFault.driverMessage(e)); // no bound values
        }
    }

    /** A page of the trail, newest first. */
    public Page<AuditEntry> page(PageRequest page, String actor, String action) {
        long beforeId = page.after() == null ? Long.MAX_VALUE : page.after().id();
        return Page.of(jdbi.withHandle(h -> h.attach(AuditDao.class).page(beforeId, actor, action, page.fetch())),
                page, e -> Cursor.ofId(e.id()), null);
    }
}
