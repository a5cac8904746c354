package io.aftercare.routing;

import io.aftercare.App;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * One app over the routing test world for a whole test class, with an admin token. Not thread-safe: its subclasses
 * share these static fields, so they run one at a time.
 */
@ResourceLock("io.aftercare.routing.RoutingAppTest")
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
