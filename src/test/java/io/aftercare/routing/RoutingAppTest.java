package io.aftercare.routing;

import io.aftercare.App;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One app over the routing test world for a whole test class, with an admin token. Not thread-safe. */
abstract class RoutingAppTest {
    @TempDir
    static Path dir;
    static App app;
    static String token;

    @BeforeAll
    static void start() {
        app = RoutingTestWorld.start(dir, Map.of());
        token = RoutingTestWorld.adminToken(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }
}
