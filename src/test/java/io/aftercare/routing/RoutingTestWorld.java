package io.aftercare.routing;

import io.aftercare.customers.CustomerChanges;
import io.aftercare.App;
import io.aftercare.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Starts aftercare on a fresh SQLite file with dynamic ports and writes a small known customer base. */
final class RoutingTestWorld {
    static final Instant NOW = Instant.parse("2025-03-04T12:00:00Z");
    static final String KNOWN = "2122000001";
    static final String VIP = "2122000002";
    static final String REPAIR = "+1 212 200 0003";
    static final String RECENT = "(212) 200-0004";
    static final String STRANGER = "2122000099";

    private RoutingTestWorld() {}

    static App start(Path dir, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AFTERCARE_DB_URL", "jdbc:sqlite:" + dir.resolve("aftercare.db"),
                "AFTERCARE_HTTP_BIND", "127.0.0.1",
                "AFTERCARE_HTTP_PORT", "0",
                "AFTERCARE_AGI_PORT", "0",
                "AFTERCARE_PHONE_DEFAULT_REGION", "US",
                "AFTERCARE_AUTH_BCRYPT_COST", "4",
                // Tests of what the route decides must not fall back because a shared CI machine is busy;
                // the budget itself is tested with a held executor (LockedDatabaseIntegrationTest).
                "AFTERCARE_AGI_ROUTE_BUDGET_MS", "5000"));
        env.putAll(extraEnv);
        App app = App.start(ConfigLoader.load(Optional.empty(), env), Clock.fixed(NOW, ZoneOffset.UTC));
        app.database().jdbi().useTransaction(h -> {
            populate(h);
            // written around the services, as an outside system would: the journal row makes the directory read them
            CustomerChanges.everyoneChanged(h, NOW);
        });
        app.routing().directoryCatchUp().join();
        return app;
    }

    /** An admin's bearer token for the routing API (rules are admin configuration). */
    static String adminToken(App app) {
        app.services().auth().bootstrapAdmin("routing-admin");
        return app.services().auth().login("admin", "routing-admin", "test").token();
    }

    private static void populate(Handle h) {
        long now = NOW.toEpochMilli();
        h.execute("INSERT INTO agents (id, login, name, interface, created_at) VALUES (2, 'agent2', 'Agent Two',"
                + " 'Local/agent2@agents', ?)", now);
        h.execute("INSERT INTO products (sku, name, category) VALUES ('LAP-1', 'Laptop', 'laptops')");
        customer(h, 1, "Alice Known", "standard", "en", "+12122000001");
        customer(h, 2, "Victor Vip", "vip", "en", "+12122000002");
        customer(h, 3, "Rita Repair", "standard", "fr", "+12122000003");
        customer(h, 4, "Rob Recent", "gold", "en", "+12122000004");
        h.execute("INSERT INTO cases (id, customer_id, type, status, owner_agent_id, opened_at, updated_at)"
                + " VALUES (30, 3, 'repair', 'in_progress', 2, ?, ?)", now, now);
        h.execute("INSERT INTO orders (id, order_number, customer_id, ordered_on, total_minor, currency, channel,"
                + " created_at) VALUES (40, 'O-40', 4, '2025-02-27', 99900, 'USD', 'web', ?)", now);
        h.execute("INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_minor)"
                + " VALUES (40, 1, 'LAP-1', 1, 99900)");
        h.execute("INSERT INTO orders (id, order_number, customer_id, ordered_on, total_minor, currency, channel,"
                + " created_at) VALUES (41, 'O-41', 1, '2024-01-10', 1000, 'USD', 'web', ?)", now);
    }

    private static void customer(Handle h, long id, String name, String tier, String language, String e164) {
        long now = NOW.toEpochMilli();
        h.execute("INSERT INTO customers (id, name, language, tier, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, name, language, tier, now, now);
        h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES (?, ?, ?)", e164, id, now);
    }
}
