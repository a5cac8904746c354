package io.aftercare.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aftercare.App;
import io.aftercare.cases.CaseInput;
import io.aftercare.cases.CaseType;
import io.aftercare.config.ConfigLoader;
import io.aftercare.customers.CustomerInput;
import io.aftercare.customers.Tier;
import io.aftercare.demo.DemoDataGenerator;
import io.aftercare.telephony.PhoneNumber;
import io.aftercare.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CallerDirectoryIntegrationTest {
    @TempDir
    Path dir;

    /** The directory must route exactly as the per-call read would: every demo customer, both databases. */
    @ParameterizedTest
    @MethodSource("io.aftercare.testing.TestDatabases#kinds")
    void everyCustomersContextInMemoryIsTheOneTheDatabaseReadGives(String kind) throws Exception {
        Clock clock = Clock.fixed(RoutingTestWorld.NOW, ZoneOffset.UTC);
        try (TestDatabases.TestDb db = TestDatabases.open(kind, dir); App app = start(db, clock)) {
            // written after start: the generator's journal row ("everyone") makes the directory read them all
            new DemoDataGenerator(app.database().jdbi(), clock, 7).generate(600);
            addEdgeCases(app);
            app.routing().directoryCatchUp().join(); // the generator's row: everyone, read by the full load
            assertThat(app.routing().directory().size()).isEqualTo(601);
            assertSameAsTheDatabaseRead(app, clock);

            // every customer named in the journal: read again by id, 500 at a time
            app.database().jdbi().useHandle(h -> h.execute("INSERT INTO customer_changes (customer_id, changed_at)"
                    + " SELECT id, 0 FROM customers"));
            app.routing().directoryCatchUp().join();
            assertSameAsTheDatabaseRead(app, clock);
        }
    }

    /**
     * A customer with no order, no language of their own and twelve open cases opened at the same instant, written
     * at once and journalled as every writer does: the directory may have read everyone already.
     */
    private static void addEdgeCases(App app) {
        app.database().jdbi().useTransaction(h -> {
            h.execute("INSERT INTO customers (id, name, language, tier, created_at, updated_at)"
                    + " VALUES (900001, 'Edge', '', 'gold', 0, 0)");
            h.execute("INSERT INTO customer_phones (e164, customer_id, created_at) VALUES ('+12122009001', 900001, 0)");
            for (int i = 0; i < 12; i++) {
                h.execute("INSERT INTO cases (customer_id, type, status, opened_at, updated_at) VALUES (900001, ?,"
                        + " 'open', 5, 5)", i % 2 == 0 ? "repair" : "return");
            }
            h.execute("INSERT INTO customer_changes (customer_id, changed_at) VALUES (900001, 0)");
        });
    }

    private static void assertSameAsTheDatabaseRead(App app, Clock clock) {
        List<String> numbers = app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT e164 FROM customer_phones ORDER BY e164").mapTo(String.class).list());
        try (RoutingLookups lookups = new RoutingLookups(app.database()::openDedicated, 1)) {
            var loader = new RoutingContextLoader(lookups, clock, app.config().agi().timeZone());
            int withCases = 0;
            for (String e164 : numbers) {
                var caller = Optional.of(new PhoneNumber(e164));
                RoutingContext fromDatabase = loader.load(caller, "en", "1800");
                assertThat(app.routing().directory().context(caller.get(), "en", "1800")).as(e164)
                        .contains(fromDatabase);
                withCases += fromDatabase.openCases().isEmpty() ? 0 : 1;
            }
            assertThat(withCases).as("callers with open cases").isPositive();
            RoutingContext edge = loader.load(Optional.of(new PhoneNumber("+12122009001")), "fr", "");
            assertThat(edge.openCases()).hasSize(10);
            assertThat(edge.language()).isEqualTo("fr");
            assertThat(edge.daysSinceLastOrder()).isEmpty();
        }
    }

    @Test
    void changesMadeThroughTheServicesReachTheDirectoryThroughTheJournal() {
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            CallerDirectory directory = app.routing().directory();
            PhoneNumber rita = new PhoneNumber("+12122000003");
            assertThat(directory.context(rita, "en", "").orElseThrow().openCase(CaseType.REPAIR)).isPresent();

            app.services().cases().update(30, new CaseInput(null, null, null, "closed", null, null, null, null));
            app.services().customers().update(3, new CustomerInput(null, null, null, null, "gold", null, null, null,
                    null, null));
            var added = app.services().customers().create(new CustomerInput(null, "Nina New", null, "de", null, null,
                    null, null, null, List.of(CustomerInput.PhoneInput.of("+12122000077"))));
            app.routing().directoryCatchUp().join();

            RoutingContext after = directory.context(rita, "en", "").orElseThrow();
            assertThat(after.openCases()).isEmpty();
            assertThat(after.tier()).contains(Tier.GOLD);
            assertThat(directory.context(new PhoneNumber("+12122000077"), "en", "").orElseThrow().customerId())
                    .contains(added.id());
        }
    }

    @Test
    void aProductsNewCategoryReachesEveryCustomerWhoBoughtIt() {
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            PhoneNumber rob = new PhoneNumber("+12122000004"); // his newest order is a laptop
            assertThat(app.routing().directory().context(rob, "en", "").orElseThrow().lastOrderCategories())
                    .containsExactly("laptops");

            app.services().orders().saveProduct(new io.aftercare.orders.Product("LAP-1", "Laptop", "notebooks", 24));
            app.routing().directoryCatchUp().join();

            assertThat(app.routing().directory().context(rob, "en", "").orElseThrow().lastOrderCategories())
                    .containsExactly("notebooks");
        }
    }

    @Test
    void aJournalRowCommittedAfterAHigherOneIsStillApplied() {
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            var jdbi = app.database().jdbi();
            long last = jdbi.withHandle(h -> h.createQuery("SELECT MAX(id) FROM customer_changes").mapTo(Long.class).one());
            // PostgreSQL hands out identity values before commit: id last+2 may commit while last+1 is still open
            jdbi.useHandle(h -> {
                h.execute("UPDATE customers SET tier = 'vip' WHERE id = 1");
                h.execute("INSERT INTO customer_changes (id, customer_id, changed_at) VALUES (?, 1, 0)", last + 2);
            });
            app.routing().directoryCatchUp().join();
            jdbi.useHandle(h -> {
                h.execute("UPDATE customers SET tier = 'silver' WHERE id = 4");
                h.execute("INSERT INTO customer_changes (id, customer_id, changed_at) VALUES (?, 4, 0)", last + 1);
            });
            app.routing().directoryCatchUp().join();

            CallerDirectory directory = app.routing().directory();
            assertThat(directory.context(new PhoneNumber("+12122000001"), "en", "").orElseThrow().tier())
                    .contains(Tier.VIP);
            assertThat(directory.context(new PhoneNumber("+12122000004"), "en", "").orElseThrow().tier())
                    .contains(Tier.SILVER);
        }
    }

    @Test
    void aNumberMovedToAnotherCustomerFollowsIt() {
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            app.services().customers().update(1, new CustomerInput(null, null, null, null, null, null, null, null, null,
                    List.of()));
            app.services().customers().update(2, new CustomerInput(null, null, null, null, null, null, null, null, null,
                    List.of(CustomerInput.PhoneInput.of("+12122000002"), CustomerInput.PhoneInput.of("+12122000001"))));
            app.routing().directoryCatchUp().join();

            assertThat(app.routing().directory().context(new PhoneNumber("+12122000001"), "en", "").orElseThrow()
                    .customerId()).contains(2L);
        }
    }

    @Test
    void anE164CallerIdTheDirectoryHoldsReadsAsTheParserReadsIt() {
        try (App app = RoutingTestWorld.start(dir, Map.of())) {
            RoutingService routing = app.routing().service();
            assertThat(app.routing().directory().knownNumber("+12122000002")).contains(new PhoneNumber("+12122000002"));
            assertThat(routing.readCaller("+12122000002")).isEqualTo(app.services().phoneNumbers()
                    .parseCallerId("+12122000002"));
            assertThat(app.routing().directory().knownNumber("+12122000099")).isEmpty(); // nobody's: parsed
            assertThat(app.routing().directory().knownNumber("2122000002")).isEmpty(); // national: parsed
            assertThat(routing.readCaller("2122000002")).contains(new PhoneNumber("+12122000002"));
        }
    }

    @Test
    void switchedOffItHoldsNothingAndEveryCallerIsReadFromTheDatabase() {
        try (App app = RoutingTestWorld.start(dir, Map.of("AFTERCARE_AGI_DIRECTORY_ENABLED", "false"))) {
            assertThat(app.routing().directory().ready()).isFalse();
            assertThat(app.routing().directory().context(new PhoneNumber("+12122000002"), "en", "")).isEmpty();
            assertThat(app.routing().explain("2122000002", "", "en").decision().queue()).isEqualTo("vip");
        }
    }

    private App start(TestDatabases.TestDb db, Clock clock) {
        Map<String, String> env = new HashMap<>(Map.of("AFTERCARE_DB_URL", db.config().url(),
                "AFTERCARE_HTTP_BIND", "127.0.0.1", "AFTERCARE_HTTP_PORT", "0", "AFTERCARE_AGI_PORT", "0",
                "AFTERCARE_PHONE_DEFAULT_REGION", "US", "AFTERCARE_AUTH_BCRYPT_COST", "4"));
        return App.start(ConfigLoader.load(Optional.empty(), env), clock);
    }
}
