package io.aftercare;

import io.aftercare.config.AftercareConfig;
import io.aftercare.demo.DemoDataGenerator;
import io.aftercare.persistence.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** `aftercare demo`: a fresh SQLite file with generated data, then the service on top of it. */
final class DemoMode {
    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);

    private DemoMode() {}

    static App start(AftercareConfig config, int customers, Clock clock) {
        Path file = config.demo().dbPath().toAbsolutePath();
        deleteDatabase(file);
        AftercareConfig demo = config.withDb(config.db().withUrl("jdbc:sqlite:" + file));
        try (Database db = Database.open(demo.db())) {
            db.migrate();
            var report = new DemoDataGenerator(db.jdbi(), clock, config.demo().seed()).generate(customers);
            LOG.info("demo data: {}", report);
        }
        App app = App.start(demo, clock);
        LOG.info("demo ready: http://localhost:{}/health  (database {})", app.httpPort(), file);
        return app;
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
}
