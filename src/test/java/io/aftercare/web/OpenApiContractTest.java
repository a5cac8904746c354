package io.aftercare.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.persistence.DatabaseFault;
import io.aftercare.testing.TestApp;
import io.aftercare.testing.TestDatabases;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** Keeps /openapi.yaml true: every mounted route is documented, and nothing documented is missing. */
class OpenApiContractTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsDocumentedAndEveryDocumentedOperationExists() throws Exception {
        try (TestApp app = new TestApp(TestDatabases.sqlite(dir), Clock.systemUTC())) {
            var served = app.get("/openapi.yaml");
            assertThat(served.status()).isEqualTo(200);
            Map<String, Object> doc = new Yaml().load(served.body());
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
            Set<String> documented = new TreeSet<>();
            paths.forEach((path, item) -> item.keySet().stream()
                    .filter(key -> Set.of("get", "post", "put", "patch", "delete").contains(key))
                    .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

            Set<String> mounted = new TreeSet<>();
            Router router = app.app().router();
            for (Route route : router.getRoutes()) {
                if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                    continue; // body handler, failure handler, static assets
                }
                String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
                route.methods().forEach(method -> mounted.add(method.name() + " " + path));
            }
            Set<String> undocumented = new TreeSet<>(mounted);
            undocumented.removeAll(documented);
            Set<String> missing = new TreeSet<>(documented);
            missing.removeAll(mounted);
            assertThat(undocumented).as("routes missing from openapi.yaml").isEmpty();
            assertThat(missing).as("documented operations that are not mounted").isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthDocumentsEveryDatabaseStateItReports() {
        Map<String, Object> doc = new Yaml().load(HttpApi.resource("/openapi.yaml"));
        var schemas = (Map<String, Map<String, Object>>) ((Map<String, Object>) doc.get("components")).get("schemas");
        var properties = (Map<String, Map<String, Object>>) schemas.get("Health").get("properties");
        Set<String> reported = new TreeSet<>(Set.of("up"));
        for (DatabaseFault.Kind kind : DatabaseFault.Kind.values()) {
            reported.add(kind.code());
        }
        assertThat(new TreeSet<>((java.util.List<String>) properties.get("database").get("enum")))
                .isEqualTo(reported);
        assertThat(properties).containsKey("databaseReason");
    }
}
