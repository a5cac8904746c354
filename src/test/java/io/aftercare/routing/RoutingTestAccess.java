package io.aftercare.routing;

import io.aftercare.App;
import java.nio.file.Path;
import java.util.Map;

/** Lets tests in other packages start the routing test world. */
public final class RoutingTestAccess {
    private RoutingTestAccess() {}

    public static App start(Path dir, Map<String, String> env) {
        return RoutingTestWorld.start(dir, env);
    }
}
