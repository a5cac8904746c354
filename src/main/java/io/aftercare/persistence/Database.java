package io.aftercare.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.aftercare.config.AftercareConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool, the Flyway migrations from {@code sql/} and the configured {@link Jdbi} for SQLite
 * (WAL, synchronous=NORMAL, busy timeout and foreign keys on every connection) or PostgreSQL. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final AftercareConfig.Db config;
    private final DataSource sqlite; // null on PostgreSQL

    private Database(HikariDataSource dataSource, Dialect dialect, AftercareConfig.Db config, DataSource sqlite) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.config = config;
        this.sqlite = sqlite;
        this.jdbi = JdbiFactory.create(dataSource, dialect == Dialect.POSTGRES);
    }

    /**
     * Checks one connection, then opens the pool; a database that cannot be opened fails with one line naming it
     * (the SQLite file, or PostgreSQL's host, port, database and user) and the cause.
     */
    public static Database open(AftercareConfig.Db config) {
        Dialect dialect = config.isSqlite() ? Dialect.SQLITE : Dialect.POSTGRES;
        DataSource sqlite = dialect == Dialect.SQLITE ? sqlite(config) : null;
        // A direct connection fails at once with the server's own cause; the pool would first wait out its timeout.
        try (Connection ignored = connect(config, sqlite)) {
            // reached: the database answers
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(failure("cannot open ", config, e), e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("db");
        hikari.setConnectionTimeout(Math.max(250, config.busyTimeout().toMillis()));
        hikari.setInitializationFailTimeout(-1); // checked above, with a clearer message than Hikari's
        if (dialect == Dialect.SQLITE) {
            hikari.setDataSource(sqlite);
            hikari.setMaximumPoolSize(Math.min(4, config.poolSize())); // WAL: many readers, one writer
        } else {
            hikari.setJdbcUrl(config.url());
            if (!config.user().isEmpty()) {
                hikari.setUsername(config.user());
            }
            if (!config.password().isEmpty()) {
                hikari.setPassword(config.password());
            }
            hikari.setMaximumPoolSize(config.poolSize());
        }
        return new Database(new HikariDataSource(hikari), dialect, config, sqlite);
    }

    private static DataSource sqlite(AftercareConfig.Db config) {
        String path = config.url().substring("jdbc:sqlite:".length());
        if (!path.isEmpty() && !path.startsWith(":memory:") && !path.startsWith("file:")) {
            Path parent = Path.of(path).toAbsolutePath().getParent();
            String cannotOpen = "cannot open " + DatabaseTarget.describe(config) + ": ";
            if (parent != null && !Files.isDirectory(parent)) {
                try {
                    Files.createDirectories(parent);
                } catch (IOException e) {
                    throw new DatabaseUnavailableException(cannotOpen + "cannot create the database folder " + parent
                            + " (" + (e instanceof AccessDeniedException ? "permission denied"
                            : e instanceof FileAlreadyExistsException in ? in.getFile() + " is not a folder"
                            : e.getMessage()) + ")", e);
                }
            }
            if (parent != null && !Files.isWritable(parent)) {
                throw new DatabaseUnavailableException(cannotOpen + "the database folder " + parent
                        + " is not writable");
            }
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.busyTimeout().toMillis()));
        sqlite.enforceForeignKeys(true);
        // Transactions take the write lock when they begin: a read-then-write transaction in WAL mode would
        // otherwise fail at once with SQLITE_BUSY_SNAPSHOT when another connection commits in between,
        // instead of waiting out the busy timeout. Autocommit reads are not affected.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(config.url());
        return dataSource;
    }

    /** Applies the migrations in {@code sql/} (on the classpath as db/migration). */
    public void migrate() {
        migrateTo("latest");
    }

    /** Applies the migrations up to {@code version} (tests of a migration on existing rows). */
    void migrateTo(String version) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(dialect.placeholders())
                    .target(version)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new DatabaseUnavailableException(failure("cannot migrate ", config, e), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * A new connection outside the pool, with the pool's settings, for a reader that keeps its prepared
     * statements for its whole life (the route's lookups); the caller closes it. Pooled connections cannot keep
     * statements: the pool closes them when the connection is returned.
     */
    public Connection openDedicated() throws SQLException {
        return connect(config, sqlite);
    }

    /** A connection outside the pool: from the SQLite data source, or from the PostgreSQL driver. */
    private static Connection connect(AftercareConfig.Db config, DataSource sqlite) throws SQLException {
        if (sqlite != null) {
            return sqlite.getConnection();
        }
        Properties props = new Properties();
        // A read that has not answered in 10 s has a lost server behind it: the socket gives up (a cancel request,
        // which a query timeout sends, cannot reach such a server). A socketTimeout in the URL wins.
        props.setProperty("socketTimeout", "10");
        if (!config.user().isEmpty()) {
            props.setProperty("user", config.user());
        }
        if (!config.password().isEmpty()) {
            props.setProperty("password", config.password());
        }
        return DriverManager.getConnection(config.url(), props);
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * A write that changes nothing, for /health: in a transaction that is rolled back, an UPDATE that matches no
     * row, waiting at most a second for the write lock. Returns when the database would take a write; throws what
     * it says otherwise (read-only, locked, unreachable ...), for {@link DatabaseFault#of}.
     */
    public void probeWrite() throws SQLException {
        int lockWaitMs = (int) Math.min(1_000, config.busyTimeout().toMillis());
        try (Connection c = dataSource.getConnection()) {
            if (dialect == Dialect.POSTGRES) {
                updateNothing(c, "BEGIN", "SET LOCAL lock_timeout = " + lockWaitMs);
                return;
            }
            SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
            int busyTimeout = sqlite.getBusyTimeout();
            sqlite.setBusyTimeout(lockWaitMs);
            try {
                updateNothing(c, "BEGIN IMMEDIATE"); // takes the write lock, or says why not
            } finally {
                sqlite.setBusyTimeout(busyTimeout);
            }
        }
    }

    /**
     * The transaction is SQL, not {@code setAutoCommit(false)}: when sqlite-jdbc cannot begin, the pool's cleanup
     * fails too and hands the connection back still out of autocommit.
     */
    private static void updateNothing(Connection c, String begin, String... setup) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(begin);
            try {
                for (String sql : setup) {
                    st.execute(sql);
                }
                st.executeUpdate("UPDATE flyway_schema_history SET success = success WHERE installed_rank < 0");
            } finally {
                try {
                    st.execute("ROLLBACK");
                } catch (SQLException ended) {
                    // SQLite ends the transaction itself after some errors (full, I/O): nothing is left to undo
                }
            }
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** "cannot open the SQLite file /x.db: the SQLite file is read-only ... (the driver's words)", on one line. */
    private static String failure(String what, AftercareConfig.Db config, Exception e) {
        String said = DatabaseFault.driverMessage(e);
        return what + DatabaseTarget.describe(config) + ": " + DatabaseFault.of(e)
                .map(fault -> fault.reason() + " (" + said + ")")
                .orElse(String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip());
    }

    /** The two databases aftercare speaks; the migrations differ only in these placeholders. */
    public enum Dialect {
        SQLITE(Map.of("pk", "INTEGER PRIMARY KEY AUTOINCREMENT")),
        POSTGRES(Map.of("pk", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"));

        private final Map<String, String> placeholders;

        Dialect(Map<String, String> placeholders) {
            this.placeholders = placeholders;
        }

        Map<String, String> placeholders() {
            return placeholders;
        }
    }
}
