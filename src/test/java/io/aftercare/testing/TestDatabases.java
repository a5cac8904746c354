package io.aftercare.testing;

import io.aftercare.config.AftercareConfig;
import io.aftercare.config.ConfigLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases a test runs against: a fresh SQLite file always, and a fresh PostgreSQL schema when the
 * server at {@code aftercare.test.pg.url} answers (required, not skipped, when
 * {@code aftercare.test.pg.required=true}, as .ci/run sets). Thread-safe.
 */
public final class TestDatabases {
    private static final String PG_URL = System.getProperty("aftercare.test.pg.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final boolean PG_REQUIRED = Boolean.getBoolean("aftercare.test.pg.required");
    private static volatile Boolean pgReachable;

    private TestDatabases() {}

    /** One database under test; {@link #close()} drops a PostgreSQL schema. */
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

    /** A fresh schema on the test PostgreSQL server, or throws if it is unreachable. */
    public static TestDb postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_URL + " is unreachable: " + e.getMessage(), e);
        }
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDb("postgresql", ConfigLoader.defaults().db().withUrl(url), () -> {
            try (Connection c = DriverManager.getConnection(PG_URL)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + schema, e);
            }
        });
    }

    /** SQLite always; PostgreSQL when reachable or required. For @MethodSource-style parameterised tests. */
    public static Stream<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of("sqlite"));
        if (postgresAvailable()) {
            kinds.add("postgresql");
        }
        return kinds.stream();
    }

    public static TestDb open(String kind, Path dir) {
        return kind.equals("sqlite") ? sqlite(dir) : postgres();
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
