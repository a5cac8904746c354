package io.aftercare.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aftercare.config.ConfigLoader;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseIntegrationTest {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sameMigrationsBuildTheSchemaOnBothDatabases(String kind) throws Exception {
        try (var testDb = TestDatabases.openEmpty(kind, dir); Database db = Database.open(testDb.config())) {
            db.migrate();
            db.migrate(); // idempotent
            List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM customers").mapTo(Long.class).list().stream().map(String::valueOf).toList());
            assertThat(tables).containsExactly("0");
            db.probeWrite(); // takes writes
            assertThat(db.dialect().name().toLowerCase(java.util.Locale.ROOT)).isEqualTo(
                    kind.equals("sqlite") ? "sqlite" : "postgres");
        }
    }

    /** V23 moves accounts.role to a new column: nothing that references an account may be lost on the way. */
    @ParameterizedTest
    @MethodSource("kinds")
    void theIntegrationRoleMigrationKeepsAccountsAndWhatReferencesThem(String kind) throws Exception {
        try (var testDb = TestDatabases.openEmpty(kind, dir); Database db = Database.open(testDb.config())) {
            db.migrateTo("22");
            db.jdbi().useHandle(h -> {
                h.execute("INSERT INTO accounts (username, display_name, role, password_hash, created_at)"
                        + " VALUES ('sup', 'Sup', 'supervisor', 'x', 0)");
                h.execute("INSERT INTO auth_tokens (token_hash, account_id, kind, created_at, expires_at)"
                        + " SELECT 'h1', id, 'api', 0, 1 FROM accounts WHERE username = 'sup'");
            });
            db.migrate();
            db.jdbi().useHandle(h -> {
                assertThat(h.createQuery("SELECT role FROM accounts WHERE username = 'sup'").mapTo(String.class)
                        .one()).isEqualTo("supervisor");
                assertThat(h.createQuery("SELECT count(*) FROM auth_tokens").mapTo(Integer.class).one()).isEqualTo(1);
                h.execute("INSERT INTO accounts (username, display_name, role, password_hash, created_at)"
                        + " VALUES ('erp', 'ERP', 'integration', 'x', 0)");
            });
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("INSERT INTO accounts (username,"
                    + " display_name, role, password_hash, created_at) VALUES ('x', 'X', 'root', 'x', 0)")))
                    .hasMessageContaining("role");
        }
    }

    @Test
    void everySqliteConnectionHasWalSynchronousNormalBusyTimeoutAndForeignKeys() {
        try (Database db = Database.open(TestDatabases.sqliteConfig(dir))) {
            for (int i = 0; i < 3; i++) { // several pooled connections, each configured
                db.jdbi().useHandle(h -> {
                    assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualTo("wal");
                    assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(1);
                    assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
                    assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isEqualTo(5000);
                });
            }
        }
    }

    @Test
    void foreignKeysAreEnforcedOnSqlite() {
        try (Database db = Database.open(TestDatabases.sqliteConfig(dir))) {
            db.migrate();
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute(
                    "INSERT INTO customer_phones (e164, customer_id, kind, created_at) VALUES ('+12125550123', 999, 'mobile', 0)")))
                    .hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    void unusableDatabaseFolderIsAClearError() throws Exception {
        // A path below a plain file can never be created, whoever runs the test (root ignores permissions).
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        var config = ConfigLoader.defaults().db().withUrl("jdbc:sqlite:" + file.resolve("sub/x.db"));
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("database folder");
    }

    @Test
    void writeProbeReportsALockedSqliteFileAsBusyWithinASecond() throws Exception {
        try (Database db = Database.open(TestDatabases.sqliteConfig(dir)); var writer = db.openDedicated()) {
            db.migrate();
            writer.createStatement().execute("BEGIN IMMEDIATE"); // holds the write lock until rolled back
            long started = System.nanoTime();
            var refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, db::probeWrite);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(
                    java.time.Duration.ofSeconds(3)); // not the 5 s busy timeout writers wait
            assertThat(DatabaseFault.of(refused)).map(DatabaseFault::kind).contains(DatabaseFault.Kind.BUSY);
            writer.createStatement().execute("ROLLBACK");
            db.probeWrite();
            db.jdbi().useHandle(h -> assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one())
                    .as("the pool's connection has its busy timeout back").isEqualTo(5000));
        }
    }
}
