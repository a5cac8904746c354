package io.aftercare.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.App;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caller's context as the route's one statement and the caller directory read it: newest order's categories,
 * order dates, warranty.
 */
class RoutingContextReadTest {
    @TempDir
    Path dir;

    @Test
    void readsTheNewestOrdersDistinctSortedCategoriesItsAgeAndActiveWarrantiesOnly() {
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            long now = RoutingTestWorld.NOW.toEpochMilli();
            app.database().jdbi().useTransaction(h -> {
                h.execute("INSERT INTO products (sku, name, category) VALUES ('PH-1', 'Phone', 'phones'),"
                        + " ('PH-2', 'Phone case', 'phones'), ('TV-1', 'Television', 'tv')");
                // Rob's newest order (three lines, two categories) is newer than O-40 (a laptop).
                h.execute("INSERT INTO orders (id, order_number, customer_id, ordered_on, total_minor, currency,"
                        + " channel, created_at) VALUES (42, 'O-42', 4, '2025-03-01', 5000, 'USD', 'web', ?)", now);
                h.execute("INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_minor)"
                        + " VALUES (42, 1, 'TV-1', 1, 3000), (42, 2, 'PH-1', 1, 1500), (42, 3, 'PH-2', 1, 500)");
                h.execute("INSERT INTO warranties (customer_id, serial_number, sku, plan, starts_on, ends_on)"
                        + " VALUES (4, 'SN-1', 'TV-1', 'manufacturer', '2025-03-01', '2027-02-28'),"
                        + " (1, 'SN-2', 'LAP-1', 'manufacturer', '2022-01-10', '2024-01-09')");
                // written around the services: the journal rows an outside writer adds for the caller directory
                h.execute("INSERT INTO customer_changes (customer_id, changed_at) VALUES (4, ?), (1, ?)", now, now);
            });
            app.routing().directoryCatchUp().join();
            RoutingService routing = app.routing().service();
            try (RoutingLookups lookups = new RoutingLookups(app.database()::openDedicated, 1)) { // the per-call read
                var loader = new RoutingContextLoader(lookups, routing.clock(), app.config().agi().timeZone());
                for (String e164 : new String[] {"+12122000001", "+12122000002", "+12122000004"}) {
                    var caller = java.util.Optional.of(new io.aftercare.telephony.PhoneNumber(e164));
                    assertThat(app.routing().directory().context(caller.get(), "en", "1800"))
                            .contains(loader.load(caller, "en", "1800"));
                }
            }

            var rob = routing.explain(RoutingTestWorld.RECENT, "1800", "en").context();
            assertThat(rob.lastOrderCategories()).containsExactly("phones", "tv");
            assertThat(rob.daysSinceLastOrder()).isEqualTo(3);
            assertThat(rob.warrantyActive()).isTrue();

            var alice = routing.explain(RoutingTestWorld.KNOWN, "1800", "en").context(); // an order without lines
            assertThat(alice.lastOrderCategories()).isEmpty();
            assertThat(alice.daysSinceLastOrder()).isEqualTo(419);
            assertThat(alice.warrantyActive()).isFalse(); // expired

            var victor = routing.explain(RoutingTestWorld.VIP, "1800", "en").context(); // no order at all
            assertThat(victor.customerId()).isEqualTo(2L);
            assertThat(victor.lastOrderCategories()).isEmpty();
            assertThat(victor.daysSinceLastOrder()).isNull();
        }
    }
}
