package io.aftercare.auth;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The audit trail in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(AuditEntry.class)
public interface AuditDao {
    @SqlUpdate("INSERT INTO audit_log (at, account_id, actor, role, address, method, path, status, action, detail)"
            + " VALUES (:at, :accountId, :actor, :role, :address, :method, :path, :status, :action, :detail)")
    void insert(@BindMethods AuditEntry entry);

    /** Newest first, below {@code beforeId}; a null filter matches everything. */
    @SqlQuery("SELECT id, at, account_id, actor, role, address, method, path, status, action, detail FROM audit_log"
            + " WHERE id < :beforeId AND (CAST(:actor AS TEXT) IS NULL OR actor = :actor)"
            + " AND (CAST(:action AS TEXT) IS NULL OR action = :action)"
            + " ORDER BY id DESC LIMIT :limit")
    List<AuditEntry> page(@Bind("beforeId") long beforeId, @Bind("actor") String actor,
                          @Bind("action") String action, @Bind("limit") int limit);
}
