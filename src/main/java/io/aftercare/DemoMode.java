package io.aftercare;

import io.aftercare.auth.AuthService;
import io.aftercare.config.AftercareConfig;
import io.aftercare.demo.DemoDataGenerator;
import io.aftercare.demo.DemoFollowUps;
import io.aftercare.demo.DemoPbx;
import io.aftercare.persistence.Database;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * `aftercare demo`: a fresh SQLite file with generated data and demo accounts, the service on top of it, and
 * the built-in PBX (fake AMI server plus call simulator) when no Asterisk is configured.
 */
final class DemoMode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    /** Demo sign-ins: username, role, agent login; the password is the username followed by "-demo". */
    static final List<String[]> ACCOUNTS = List.of(
            new String[] {"admin", "admin", null}, new String[] {"supervisor", "supervisor", null},
            new String[] {"agent1", "agent", "agent1"}, new String[] {"agent2", "agent", "agent2"},
            new String[] {"agent3", "agent", "agent3"}, new String[] {"agent4", "agent", "agent4"},
            new String[] {"agent5", "agent", "agent5"}, new String[] {"agent6", "agent", "agent6"});

    private final App app;
    private final DemoPbx pbx;

    private DemoMode(App app, DemoPbx pbx) {
        this.app = app;
        this.pbx = pbx;
    }

    static DemoMode start(AftercareConfig config, int customers, Clock clock) {
        Path file = config.demo().dbPath().toAbsolutePath();
        deleteDatabase(file);
        // Demo only: surveys on, due a minute after an after-sales event or two after a disposition; a voicemail
        // spool of its own beside the database.
        Path spool = Path.of(file + ".voicemail");
        deleteSpool(spool);
        AftercareConfig demo = config.withDb(config.db().withUrl("jdbc:sqlite:" + file))
                .withSurveys(config.surveys().withEnabled(true).withAftersalesDelay(Duration.ofMinutes(1)))
                .withFollowUps(new AftercareConfig.FollowUps(config.followUps().mailbox(), spool.toString(),
                        config.followUps().contactWindow(), config.followUps().callbackRetry()));
        try (Database db = Database.open(demo.db())) {
            db.migrate();
            var report = new DemoDataGenerator(db.jdbi(), clock, config.demo().seed()).generate(customers);
            LOG.info("demo data: {}", report);
            db.jdbi().useHandle(h -> h.execute("UPDATE disposition_reasons SET survey_delay_minutes = 2 WHERE survey"));
            DemoFollowUps.seed(db.jdbi(), spool, clock);
            // Accounts exist before HTTP answers, so a client that sees /health up can sign in.
            createAccounts(App.Services.create(demo, db, clock).auth());
        }
        DemoPbx pbx = config.ami().configured() ? null : DemoPbx.open(clock);
        if (pbx != null) {
            demo = demo.withAmi(pbx.amiConfig(demo.ami()));
        }
        App app;
        try {
            app = App.start(demo, clock);
        } catch (RuntimeException e) {
            if (pbx != null) {
                pbx.close();
            }
            throw e;
        }
        if (pbx != null) {
            AftercareConfig.Demo settings = config.demo();
            // the floor's agents use the HTTP API as a browser on this machine would
            String host = Set.of("0.0.0.0", "::", "").contains(demo.http().bind()) ? "127.0.0.1" : demo.http().bind();
            pbx.startCalls(app.database().jdbi(), "127.0.0.1", app.agiPort(),
                    URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.httpPort()),
                    app.agentPush()::watched, settings.seed(), settings.callsPerHour(), settings.speed(), clock);
            pbx.startSurveys(app.surveys().scheduler(), app.database().jdbi(), "127.0.0.1", app.agiPort(),
                    settings.seed());
            LOG.info("demo PBX simulator: {} calls an hour at speed {} through FastAGI port {}; the floor plays every"
                    + " agent whose console nobody has open", settings.callsPerHour(), settings.speed(), app.agiPort());
        }
        LOG.info("demo ready: http://localhost:{}/  (sign in as admin/admin-demo, supervisor/supervisor-demo,"
                + " agent1/agent1-demo ...; database {})", app.httpPort(), file);
        return new DemoMode(app, pbx);
    }

    private static void createAccounts(AuthService auth) {
        for (String[] a : ACCOUNTS) {
            auth.createAccount(new AuthService.AccountInput(a[0], null, a[1], a[2], a[0] + "-demo"));
        }
    }

    private static void deleteDatabase(Path file) {
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot replace the demo database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteSpool(Path spool) {
        try (var files = Files.walk(spool)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // a first demo: nothing to delete
        } catch (IOException e) {
            throw new IllegalStateException("cannot replace the demo voicemail spool " + spool + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        if (pbx != null) {
            pbx.close(); // hang up simulated calls first, so tracking records their ends
        }
        app.close();
    }
}
