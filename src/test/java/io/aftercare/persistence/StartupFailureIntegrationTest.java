package io.aftercare.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aftercare.Cli;
import io.aftercare.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aftercare serve} against a database it cannot open stops with one line that names the database (the
 * PostgreSQL host, port, database and user, never the password; or the SQLite file) and the cause.
 */
class StartupFailureIntegrationTest {
    private static final String PASSWORD = "pw-never-printed";

    @TempDir
    Path dir;

    @Test
    void unreachablePostgresNamesHostPortDatabaseUserAndConnectionRefused() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0)) {
            port = unused.getLocalPort(); // closed again: nothing listens there
        }
        String line = failedStart("jdbc:postgresql://127.0.0.1:" + port + "/aftercare", "contact_center");
        assertThat(line).contains("PostgreSQL database \"aftercare\" at 127.0.0.1:" + port)
                .contains("as user \"contact_center\"").contains("connection refused");
    }

    @Test
    void missingPostgresDatabaseIsNamedAsMissing() throws Exception {
        assumeTrue(TestDatabases.postgresAvailable(), "no PostgreSQL at " + TestDatabases.postgresUrl());
        Properties server = org.postgresql.Driver.parseURL(TestDatabases.postgresUrl(), new Properties());
        String at = server.getProperty("PGHOST") + ":" + server.getProperty("PGPORT");
        String line = failedStart("jdbc:postgresql://" + at + "/aftercare_missing", server.getProperty("user", ""));
        assertThat(line).contains("PostgreSQL database \"aftercare_missing\" at " + at)
                .contains("the PostgreSQL database does not exist");
    }

    @Test
    void unknownPostgresUserIsAnAuthenticationFailure() throws Exception {
        assumeTrue(TestDatabases.postgresAvailable(), "no PostgreSQL at " + TestDatabases.postgresUrl());
        Properties server = org.postgresql.Driver.parseURL(TestDatabases.postgresUrl(), new Properties());
        String at = server.getProperty("PGHOST") + ":" + server.getProperty("PGPORT");
        String line = failedStart("jdbc:postgresql://" + at + "/" + server.getProperty("PGDBNAME"), "no_such_role");
        assertThat(line).contains("as user \"no_such_role\"").contains("PostgreSQL refused the user")
                .contains("role \"no_such_role\" does not exist");
    }

    @Test
    void sqliteFileWhoseFolderCannotBeCreatedIsNamedWithTheFolder() throws Exception {
        // A folder below a plain file can never be created, whoever runs the test (root ignores permissions).
        Path plainFile = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = plainFile.resolve("sub/aftercare.db");
        String line = failedStart("jdbc:sqlite:" + file, "");
        assertThat(line).contains("the SQLite file " + file)
                .contains("cannot create the database folder " + file.getParent());
    }

    @Test
    void sqliteFileThatCannotBeOpenedSaysSo() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("a-folder.db"));
        String line = failedStart("jdbc:sqlite:" + folder, "");
        assertThat(line).contains("the SQLite file " + folder).contains("cannot open the SQLite file");
    }

    @Test
    void theMessageNeverCarriesThePasswordFromTheUrl() {
        var config = io.aftercare.config.ConfigLoader.defaults().db()
                .withUrl("jdbc:postgresql://127.0.0.1:1/aftercare?user=u&password=" + PASSWORD);
        assertThatThrownBy(() -> Database.open(config)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("as user \"u\"").hasMessageNotContaining(PASSWORD);
    }

    /** Runs {@code serve}, which must stop with exit code 2 and one line on stderr; returns that line. */
    private String failedStart(String url, String user) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), """
                db:
                  url: '%s'
                  user: '%s'
                  password: '%s'
                http:
                  port: 0
                agi:
                  port: 0
                """.formatted(url, user, PASSWORD));
        StringWriter err = new StringWriter();
        var cli = Cli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> cli.execute("serve", "--config", config.toString()));
        String output = err.toString();
        assertThat(exit).as(output).isEqualTo(2);
        assertThat(output.strip()).as("one line").doesNotContain("\n").startsWith("aftercare: cannot open ")
                .doesNotContain(PASSWORD);
        return output.strip();
    }
}
