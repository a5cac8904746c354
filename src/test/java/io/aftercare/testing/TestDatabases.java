package io.aftercare.testing;

import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import io.aftercare.persistence.Database;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases a test runs against: a fresh SQLite file always, and a fresh PostgreSQL database when the
 * server at {@code aftercare.test.pg.url} answers (required, not skipped, when
 * {@code aftercare.test.pg.required=true}, as .ci/run sets). A PostgreSQL database is a copy of a template
 * database that has every migration applied: migrating a new schema takes seconds, copying a template a fraction
 * of one. The template, {@code aftercare_test_<hash of the migrations>}, is built once by the first JVM that needs
 * it and stays on the server for the next runs (drop a stale one after {@code ALTER DATABASE … IS_TEMPLATE false}).
 * Thread-safe.
 */
public final class TestDatabases {
    private static final String PG_URL = System.getProperty("aftercare.test.pg.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final boolean PG_REQUIRED = Boolean.getBoolean("aftercare.test.pg.required");
    private static volatile Boolean pgReachable;
    private static String template;

    private TestDatabases() {}

    /** One database under test; {@link #close()} drops a PostgreSQL database or schema. */
    public record TestDb(String name, AftercareConfig.Db config, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            cleanup.run();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static AftercareConfig.Db sqliteConfig(Path dir) {
        return ConfigLoader.defaults().db().withUrl("jdbc:sqlite:" + dir.resolve("aftercare-test.db"));
    }

    public static TestDb sqlite(Path dir) {
        return new TestDb("sqlite", sqliteConfig(dir), () -> {});
    }

    /**
     * A fresh database on the test PostgreSQL server with every migration applied (as the app would leave it at
     * start), or throws if the server is unreachable; {@link TestDb#close()} drops it.
     */
    public static TestDb postgres() {
        String template = template();
        String database = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(PG_URL, "CREATE DATABASE " + database + " TEMPLATE " + template);
        return new TestDb("postgresql", ConfigLoader.defaults().db().withUrl(urlOf(database)),
                () -> execute(PG_URL, "DROP DATABASE " + database + " WITH (FORCE)"));
    }

    /** A fresh, empty schema on the test PostgreSQL server (tests of the migrations), or throws if unreachable. */
    public static TestDb postgresEmpty() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(PG_URL, "CREATE SCHEMA " + schema);
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDb("postgresql", ConfigLoader.defaults().db().withUrl(url),
                () -> execute(PG_URL, "DROP SCHEMA " + schema + " CASCADE"));
    }

    /**
     * The migrated template's name, built on the server first if no JVM has: under an advisory lock, as a database
     * that is renamed to the template's name only once migrated, so a JVM killed midway leaves no half template.
     */
    private static synchronized String template() {
        if (template != null) {
            return template;
        }
        String name = "aftercare_test_" + migrationsHash();
        try (Connection c = connect(PG_URL); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtext('aftercare test template'))");
            try {
                ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
                if (!exists.next()) {
                    String building = name + "_building";
                    s.execute("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
                    s.execute("CREATE DATABASE " + building + " TEMPLATE template0");
                    try (Database db = Database.open(ConfigLoader.defaults().db().withUrl(urlOf(building)))) {
                        db.migrate();
                    }
                    s.execute("ALTER DATABASE " + building + " RENAME TO " + name); // waits for the pool to leave
                    s.execute("ALTER DATABASE " + name + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
                }
            } finally {
                s.execute("SELECT pg_advisory_unlock(hashtext('aftercare test template'))");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the template database " + name + " on " + PG_URL + ": "
                    + e.getMessage(), e);
        }
        template = name;
        return name;
    }

    /** Of the migrations on the classpath and the code that applies them (its dialects' placeholders). */
    private static String migrationsHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path migrations = Path.of(TestDatabases.class.getResource("/db/migration").toURI());
            try (Stream<Path> files = Files.list(migrations)) {
                for (Path file : files.sorted().toList()) {
                    digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    digest.update(Files.readAllBytes(file));
                }
            }
            try (InputStream code = Database.class.getResourceAsStream("Database.class")) {
                digest.update(code.readAllBytes());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the migrations", e);
        }
    }

    private static String urlOf(String database) {
        return PG_URL.replaceFirst("^(jdbc:postgresql://[^/?]*/)[^?]*", "$1" + database);
    }

    private static void execute(String url, String sql) {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(String url) throws SQLException {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " is unreachable: " + e.getMessage(), e);
        }
    }

    /** SQLite always; PostgreSQL when reachable or required. For @MethodSource-style parameterised tests. */
    public static Stream<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("sqlite"));
        if (postgresAvailable()) {
            kinds.add("postgresql");
        }
        return kinds.stream();
    }

    /** A new database of the kind, migrated if PostgreSQL (SQLite's file does not exist yet: opening it is cheap). */
    public static TestDb open(String kind, Path dir) {
        return kind.equals("sqlite") ? sqlite(dir) : postgres();
    }

    /** A new empty database of the kind, for tests of the migrations themselves. */
    public static TestDb openEmpty(String kind, Path dir) {
        return kind.equals("sqlite") ? sqlite(dir) : postgresEmpty();
    }

    /** The test server's URL (no schema chosen), for tests that name their own database or user on it. */
    public static String postgresUrl() {
        return PG_URL;
    }

    public static boolean postgresAvailable() {
        if (pgReachable == null) {
            boolean reachable;
            try (Connection ignored = DriverManager.getConnection(PG_URL)) {
                reachable = true;
            } catch (SQLException e) {
                reachable = false;
            }
            if (!reachable && PG_REQUIRED) {
                throw new IllegalStateException("aftercare.test.pg.required is set but PostgreSQL at " + PG_URL
                        + " does not answer");
            }
            pgReachable = reachable;
        }
        return pgReachable;
    }
}
