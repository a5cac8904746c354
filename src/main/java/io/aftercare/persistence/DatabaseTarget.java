package io.aftercare.persistence;

import io.aftercare.config.AftercareConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Names the configured database for a person reading an error: the SQLite file, or PostgreSQL's host, port,
 * database and user; never the password. Stateless.
 */
final class DatabaseTarget {
    private static final String SQLITE = "jdbc:sqlite:";

    private DatabaseTarget() {}

    static String describe(AftercareConfig.Db config) {
        if (config.isSqlite()) {
            return sqliteFile(config.url()).map(file -> "the SQLite file " + file)
                    .orElse("the in-memory SQLite database");
        }
        Properties url = config.isPostgres() ? org.postgresql.Driver.parseURL(config.url(), new Properties()) : null;
        if (url == null) {
            return "the database " + config.url().replaceAll("[?;].*", "");
        }
        String[] hosts = url.getProperty("PGHOST", "localhost").split(",");
        String[] ports = url.getProperty("PGPORT", "5432").split(",");
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            at.append(i == 0 ? "" : ", ").append(hosts[i]).append(':').append(i < ports.length ? ports[i] : "5432");
        }
        // the driver signs in as the operating-system user when neither the config nor the URL names one
        String user = !config.user().isEmpty() ? config.user()
                : url.getProperty("user", System.getProperty("user.name"));
        return "PostgreSQL database \"" + url.getProperty("PGDBNAME", "") + "\" at " + at + " as user \"" + user + "\"";
    }

    /** The file of a {@code jdbc:sqlite:} URL (plain path or {@code file:} URI), empty for an in-memory database. */
    static Optional<Path> sqliteFile(String url) {
        String path = url.substring(SQLITE.length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length()).replaceFirst("^//", "");
        }
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path).toAbsolutePath());
    }
}
