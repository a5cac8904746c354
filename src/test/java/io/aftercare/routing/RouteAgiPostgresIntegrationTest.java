package io.aftercare.routing;

import io.aftercare.persistence.Database;
import io.aftercare.testing.TestDatabases;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every route test again on PostgreSQL, when the test server answers: the route reads on its own kept
 * connections ({@link RoutingLookups}), opened outside the pool, so they are checked on both databases.
 */
class RouteAgiPostgresIntegrationTest extends RouteAgiIntegrationTest {
    private static TestDatabases.TestDb pg;

    /** Hides {@link RoutingAppTest#start()}: the same world on a fresh PostgreSQL schema. */
    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        pg = TestDatabases.postgres();
        app = RoutingTestWorld.start(dir, Map.of("AFTERCARE_DB_URL", pg.config().url()));
        token = RoutingTestWorld.adminToken(app);
        if (app.database().dialect() != Database.Dialect.POSTGRES) {
            throw new IllegalStateException("the PostgreSQL route tests started on " + app.database().dialect());
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (pg != null) {
            pg.close();
        }
    }
}
