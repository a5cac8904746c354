package io.aftercare.surveys;

import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Every answered-attempt test again on PostgreSQL, when the test server answers. */
class SurveyAnsweredAttemptPostgresIntegrationTest extends SurveyAnsweredAttemptIntegrationTest {
    @Override
    SurveyWorld newWorld(Path folder) {
        Assumptions.assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL at 127.0.0.1:5432 is not reachable");
        return new SurveyWorld(TestDatabases.postgres());
    }
}
