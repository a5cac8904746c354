package io.aftercare.dispositions;

import io.aftercare.testing.TestDatabases;
import org.junit.jupiter.api.Assumptions;

/** {@link WrapupsIntegrationTest} on PostgreSQL, when it is reachable (required in CI). */
class WrapupsPostgresIntegrationTest extends WrapupsIntegrationTest {
    @Override
    protected TestDatabases.TestDb database() {
        Assumptions.assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        return TestDatabases.postgres();
    }
}
