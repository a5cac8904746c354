package io.aftercare.importer;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code import_runs} table in SQL; attach to a handle. Not thread-safe. */
@RegisterConstructorMapper(ImportRun.class)
public interface ImportRunDao {
    @SqlQuery("INSERT INTO import_runs (kind, file_name, started_at, updated_at) VALUES (:kind, :fileName, :now, :now)"
            + " RETURNING id")
    long start(@Bind("kind") String kind, @Bind("fileName") String fileName, @Bind("now") Instant now);

    @SqlUpdate("UPDATE import_runs SET updated_at = :now, lines_read = :read, accepted = :accepted,"
            + " rejected = :rejected WHERE id = :id")
    void progress(@Bind("id") long id, @Bind("now") Instant now, @Bind("read") long read,
                  @Bind("accepted") long accepted, @Bind("rejected") long rejected);

    @SqlUpdate("UPDATE import_runs SET updated_at = :now, finished_at = :now, lines_read = :read,"
            + " accepted = :accepted, rejected = :rejected, outcome = :outcome WHERE id = :id")
    void finish(@Bind("id") long id, @Bind("now") Instant now, @Bind("read") long read,
                @Bind("accepted") long accepted, @Bind("rejected") long rejected, @Bind("outcome") String outcome);

    /** Runs started since {@code since}, newest first. */
    @SqlQuery("SELECT id, kind, file_name, started_at, updated_at, finished_at, lines_read, accepted, rejected, outcome"
            + " FROM import_runs WHERE started_at >= :since ORDER BY started_at DESC, id DESC")
    List<ImportRun> since(@Bind("since") Instant since);
}
