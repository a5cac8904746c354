package io.aftercare.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** The whole validated configuration, loaded once at startup by {@link ConfigLoader}. Immutable. */
public record AftercareConfig(Http http, Agi agi, Ami ami, Db db, Phone phone, Demo demo) {

    public AftercareConfig {
        Objects.requireNonNull(http);
        Objects.requireNonNull(agi);
        Objects.requireNonNull(ami);
        Objects.requireNonNull(db);
        Objects.requireNonNull(phone);
        Objects.requireNonNull(demo);
    }

    /** REST API, console and wallboard listener. */
    public record Http(String bind, int port, int maxBodyBytes) {}

    /** FastAGI server and routing settings; {@code timeZone} is where rules' time-of-day windows are read. */
    public record Agi(String bind, int port, int maxSessions, Duration readTimeout, Duration routeBudget,
                      String fallbackQueue, java.time.ZoneId timeZone, int lookupThreads) {}

    /** AMI connection; {@link #configured()} is false when no Asterisk is attached. */
    public record Ami(String pbxId, String host, int port, String user, String secret,
                      Duration reconnectInitial, Duration reconnectMax, Duration pingInterval) {
        public boolean configured() {
            return !host.isBlank();
        }

        @Override
        public String toString() { // never print the secret
            return "Ami[pbxId=" + pbxId + ", host=" + host + ", port=" + port + ", user=" + user + "]";
        }
    }

    /** Database URL and pool settings. */
    public record Db(String url, String user, String password, int poolSize, Duration busyTimeout) {
        public boolean isSqlite() {
            return url.startsWith("jdbc:sqlite:");
        }

        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }

        public Db withUrl(String newUrl) {
            return new Db(newUrl, user, password, poolSize, busyTimeout);
        }

        @Override
        public String toString() {
            return "Db[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
        }
    }

    /** Phone number parsing. */
    public record Phone(String defaultRegion) {}

    /** The `demo` command's generated world and simulated traffic. */
    public record Demo(int customers, long seed, int callsPerMinute, Path dbPath) {}

    public AftercareConfig withDb(Db newDb) {
        return new AftercareConfig(http, agi, ami, newDb, phone, demo);
    }

    public AftercareConfig withHttpPort(int port) {
        return new AftercareConfig(new Http(http.bind(), port, http.maxBodyBytes()), agi, ami, db, phone, demo);
    }

    public AftercareConfig withAgiPort(int port) {
        return new AftercareConfig(http, new Agi(agi.bind(), port, agi.maxSessions(), agi.readTimeout(),
                agi.routeBudget(), agi.fallbackQueue(), agi.timeZone(), agi.lookupThreads()), ami, db, phone, demo);
    }
}
