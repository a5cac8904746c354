package io.aftercare.surveys;

import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Every dialer test again on PostgreSQL (leases, claims and outcomes), when the test server answers. */
class SurveyDialerPostgresIntegrationTest extends SurveyDialerIntegrationTest {
    @Override
    SurveyWorld newWorld(Path folder) {
        Assumptions.assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        return new SurveyWorld(TestDatabases.postgres());
    }
}
